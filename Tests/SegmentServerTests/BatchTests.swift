import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

/// `POST $batch` with GET parts ([D] "Execute batch operations using the Web API"): each part routed
/// as a request of its own, the batch authorised, counted and logged once, its parts logged inside it.
final class BatchTests: XCTestCase {
    static let boundary = "batch_3f1c"

    func batchBody(_ parts: [String]) -> String {
        var body = ""
        for part in parts {
            body += "--\(Self.boundary)\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n\(part)\r\n\r\n"
        }
        return body + "--\(Self.boundary)--\r\n"
    }

    func postBatch(_ server: TestServer, _ body: String, token: String? = nil) throws -> HTTPResponse {
        var headers = TestServer.standardHeaders
        headers["Content-Type"] = "multipart/mixed; boundary=\"\(Self.boundary)\""
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let url = try XCTUnwrap(URL(string: server.root + "$batch"))
        return try server.transport.send(HTTPRequest(method: "POST", url: url, headers: headers, body: Data(body.utf8)))
    }

    /// Each response part: its status line and body, in order.
    func answers(_ response: HTTPResponse) throws -> [(status: String, body: String)] {
        let type = try XCTUnwrap(response.header("Content-Type"))
        XCTAssertTrue(type.hasPrefix("multipart/mixed"), type)
        let boundary = try XCTUnwrap(type.components(separatedBy: "boundary=").last)
        XCTAssertTrue(boundary.hasPrefix("batchresponse_"), boundary)
        let text = String(decoding: response.body, as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("--\(boundary)--\r\n"), text)
        return text.components(separatedBy: "--\(boundary)").dropFirst().filter { !$0.hasPrefix("--") }.map { part in
            XCTAssertTrue(part.contains("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"), part)
            let inner = part.components(separatedBy: "\r\n\r\n")
            let status = inner[1].components(separatedBy: "\r\n")[0]
            return (status, inner.dropFirst(2).joined(separator: "\r\n\r\n"))
        }
    }

    func testGetPartsAreAnsweredInOrderWith304And404AndLoggedInsideTheBatch() throws {
        let server = try TestServer(segments: 5, contacts: 10)
        let first = try XCTUnwrap(server.getJSON("msdyncrm_segments?$top=1&$select=msdyncrm_segmentname")["value"]?[0])
        let id = try XCTUnwrap(first["msdyncrm_segmentid"]?.stringValue)
        let etag = try XCTUnwrap(server.segment(id)["@odata.etag"]?.stringValue)
        let missing = "00000000-0000-0000-0000-00000000abcd"
        let countsURL = server.server.baseURL.absoluteString + "segtui/requests"
        let before = try JSONValue.parse(server.get(countsURL).body)
        let logFrom = try XCTUnwrap(before["logNext"]?.intValue)

        let response = try postBatch(server, batchBody([
            "GET \(server.root)msdyncrm_segments?$select=msdyncrm_segmentname&$top=2 HTTP/1.1\r\nAccept: application/json\r\nPrefer: odata.maxpagesize=2",
            "GET /api/data/v9.2/msdyncrm_segments(\(id)) HTTP/1.1\r\nIf-None-Match: \(etag)",
            "GET msdyncrm_segments(\(missing)) HTTP/1.1",
            "GET msdyncrm_segments?$filter=msdyncrm_segmentid%20eq%20\(id)&$select=msdyncrm_segmentid HTTP/1.1",
        ]))
        XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
        let parts = try answers(response)
        XCTAssertEqual(parts.map(\.status), ["HTTP/1.1 200 OK", "HTTP/1.1 304 Not Modified", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK"])
        XCTAssertEqual(try JSONValue.parse(Data(parts[0].body.utf8))["value"]?.arrayValue?.count, 2)
        XCTAssertEqual(parts[1].body.trimmingCharacters(in: .whitespacesAndNewlines), "")
        XCTAssertNotNil(try JSONValue.parse(Data(parts[2].body.utf8))["error"]?["code"]?.stringValue, parts[2].body)
        let filtered = try JSONValue.parse(Data(parts[3].body.utf8))["value"]?.arrayValue ?? []
        XCTAssertEqual(filtered.compactMap { $0["msdyncrm_segmentid"]?.stringValue }, [id])

        let after = try JSONValue.parse(server.get(countsURL + "?log=\(logFrom)").body)
        XCTAssertEqual((after["requests"]?.intValue ?? 0) - (before["requests"]?.intValue ?? 0), 1, "a batch is one request")
        let log = after["log"]?.arrayValue ?? []
        XCTAssertEqual(log.count, 5, "the batch and its four parts")
        XCTAssertEqual(log.first?["method"]?.stringValue, "POST")
        XCTAssertEqual(log.first?["target"]?.stringValue, "/api/data/v9.2/$batch")
        XCTAssertNil(log.first?["batch"])
        let batchNumber = log.first?["n"]?.intValue
        XCTAssertEqual(log.dropFirst().map { $0["batch"]?.intValue }, Array(repeating: batchNumber, count: 4))
        XCTAssertEqual(log.dropFirst().map { $0["method"]?.stringValue }, Array(repeating: "GET", count: 4))
        XCTAssertEqual(log[2]["target"]?.stringValue, "/api/data/v9.2/msdyncrm_segments(\(id))")
        XCTAssertEqual(log[3]["target"]?.stringValue, "/api/data/v9.2/msdyncrm_segments(\(missing))")
    }

    func testANonGetPartOrAChangeSetIsRefusedWhole() throws {
        let server = try TestServer(segments: 2, contacts: 5)
        let patch = try postBatch(server, batchBody([
            "GET msdyncrm_segments?$top=1 HTTP/1.1",
            "PATCH msdyncrm_segments(00000000-0000-0000-0000-000000000001) HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{}",
        ]))
        XCTAssertEqual(patch.status, 400)
        let message = try JSONValue.parse(patch.body)["error"]?["message"]?.stringValue ?? ""
        XCTAssertTrue(message.contains("only GET"), message)

        let changeSet = try postBatch(server, "--\(Self.boundary)\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n--changeset_1\r\nContent-Type: application/http\r\n\r\nGET msdyncrm_segments HTTP/1.1\r\n\r\n--changeset_1--\r\n--\(Self.boundary)--\r\n")
        XCTAssertEqual(changeSet.status, 400)
        XCTAssertTrue((try JSONValue.parse(changeSet.body)["error"]?["message"]?.stringValue ?? "").contains("only GET"))

        let tooMany = try postBatch(server, batchBody(Array(repeating: "GET WhoAmI HTTP/1.1", count: 1001)))
        XCTAssertEqual(tooMany.status, 400)
        XCTAssertTrue((try JSONValue.parse(tooMany.body)["error"]?["message"]?.stringValue ?? "").contains("1000"))

        let url = try XCTUnwrap(URL(string: server.root + "$batch"))
        let getBatch = try server.transport.send(HTTPRequest(method: "GET", url: url, headers: TestServer.standardHeaders))
        XCTAssertEqual(getBatch.status, 405)
    }

    func testTheBatchIsAuthorisedOnceForItsParts() throws {
        let server = try TestServer(segments: 2, contacts: 5) { configuration in
            configuration.requireToken = true
            configuration.acceptedTokens = ["fixed-token"]
        }
        let body = batchBody(["GET msdyncrm_segments?$top=1 HTTP/1.1", "GET WhoAmI HTTP/1.1"])
        XCTAssertEqual(try postBatch(server, body).status, 401)
        XCTAssertEqual(try postBatch(server, body, token: "wrong").status, 401)
        let granted = try postBatch(server, body, token: "fixed-token")
        XCTAssertEqual(granted.status, 200)
        XCTAssertEqual(try answers(granted).map(\.status), ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK"])
    }
}
