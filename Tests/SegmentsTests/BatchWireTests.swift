import Dataverse
import Foundation
import XCTest

/// `DataverseClient.batch` against scripted replies: the multipart body it sends ([D] "Execute
/// batch operations using the Web API") and a tolerant reading of the reply (LF line ends, a
/// quoted boundary, a preamble), each part's 304 and error its own.
final class BatchWireTests: XCTestCase {
    static let root = URL(string: "https://contoso.crm.dynamics.com")!

    private func client(_ replies: [HTTPResponse]) -> (DataverseClient, RecordingTransport) {
        let transport = RecordingTransport(replies: replies)
        return (DataverseClient(organization: Self.root, transport: transport, retry: .none), transport)
    }

    func testTheRequestIsOneMultipartPostOfWholeGetRequests() throws {
        let reply = "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n{\"value\": []}\r\n--batchresponse_1--\r\n"
        let (client, transport) = client([json(200, reply, headers: ["content-type": "multipart/mixed; boundary=batchresponse_1"])])
        let request = try client.recordRequest(in: "msdynmkt_segments", id: "8d2f5c0e-3b1a-4f7e-9a61-2c4b7d0e9f13", ifNoneMatch: "W/\"7\"")
        XCTAssertThrowsError(try client.batch([request, request]), "two parts asked, one answered") { error in
            guard case DataverseError.malformedReply = error else { return XCTFail("\(error)") }
        }
        let sent = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertEqual(sent.url.absoluteString, "https://contoso.crm.dynamics.com/api/data/v9.2/$batch")
        let type = try XCTUnwrap(sent.headers["Content-Type"])
        XCTAssertTrue(type.hasPrefix("multipart/mixed; boundary=batch_"), type)
        let boundary = String(type.dropFirst("multipart/mixed; boundary=".count))
        let body = String(decoding: sent.body ?? Data(), as: UTF8.self)
        let part = "--\(boundary)\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            + "GET https://contoso.crm.dynamics.com/api/data/v9.2/msdynmkt_segments(8d2f5c0e-3b1a-4f7e-9a61-2c4b7d0e9f13) HTTP/1.1\r\n"
        XCTAssertEqual(body.components(separatedBy: part).count, 3, body)
        XCTAssertTrue(body.contains("If-None-Match: W/\"7\"\r\n"), body)
        XCTAssertTrue(body.hasSuffix("--\(boundary)--\r\n"), body)
        XCTAssertThrowsError(try client.batch([HTTPRequest(method: "PATCH", url: Self.root)]), "reads only")
    }

    func testALfReplyWithAQuotedBoundaryAndAPreambleIsReadPartByPart() throws {
        let reply = """
            a preamble the parser skips
            --b-1
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            HTTP/1.1 200 OK
            Content-Type: application/json; odata.metadata=minimal
            OData-Version: 4.0

            {"value": [{"name": "x"}]}
            --b-1
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            HTTP/1.1 304 Not Modified

            --b-1
            Content-Type: application/http
            Content-Transfer-Encoding: binary

            HTTP/1.1 404 Not Found
            Content-Type: application/json

            {"error": {"code": "0x80040217", "message": "gone"}}
            --b-1--

            """
        let (client, _) = client([json(200, reply, headers: ["content-type": "multipart/mixed; boundary=\"b-1\""])])
        let get = HTTPRequest(method: "GET", url: Self.root)
        let replies = try client.batch([get, get, get])
        XCTAssertEqual(replies.map(\.response.status), [200, 304, 404])
        let page = try DataverseClient.page(from: try XCTUnwrap(try replies[0].checked()))
        XCTAssertEqual(page.records.count, 1)
        XCTAssertNil(try replies[1].checked(), "304: unchanged")
        XCTAssertThrowsError(try replies[2].checked()) { error in
            XCTAssertEqual((error as? DataverseError)?.status, 404)
            XCTAssertTrue("\(error)".contains("gone"), "\(error)")
        }
        XCTAssertThrowsError(try replies[1].requiredResponse(), "a 304 where a body is needed")
    }
}
