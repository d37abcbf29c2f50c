import Dataverse
import Foundation
import SegtuiHarness
import Synchronization
import XCTest

@testable import SegmentServer

/// Issue 15, items 3, 4, 6 (the HTTP layer), 7, 8 and 9, over real HTTP against the service.
final class HardeningTests: XCTestCase {
    private func raw(_ server: TestServer, _ bytes: String) -> RawHTTP.Answer {
        RawHTTP.exchange(host: "127.0.0.1", port: server.server.port, request: Data(bytes.utf8))
    }

    private func assertErrorShape(_ status: Int?, _ body: Data, _ expected: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(status, expected, String(decoding: body.prefix(300), as: UTF8.self), file: file, line: line)
        let json = try? JSONValue.parse(body)
        XCTAssertNotNil(json?["error"]?["code"]?.stringValue, "OData error shape", file: file, line: line)
        let message = json?["error"]?["message"]?.stringValue ?? ""
        XCTAssertFalse(message.isEmpty, file: file, line: line)
        for leak in ["NIO", "Error(", "HTTPParser", "sqlite", "SELECT "] {
            XCTAssertFalse(message.contains(leak), "\(message) names \(leak)", file: file, line: line)
        }
    }

    func testClientMistakesGetTheirFourHundredsInTheErrorShape() throws {
        let server = try TestServer(segments: 2, contacts: 5)
        let root = "/api/data/v9.2/"
        let big = try server.post("msdyncrm_segments", #"{"msdyncrm_segmentname": ""# + String(repeating: "x", count: 5 * 1024 * 1024) + #""}"#)
        assertErrorShape(big.status, big.body, 413)
        let uri = raw(server, "GET \(root)msdyncrm_segments?$select=\(String(repeating: "a", count: 200 * 1024)) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        XCTAssertTrue([400, 414].contains(uri.status ?? 0), uri.head)
        assertErrorShape(uri.status, uri.body, uri.status ?? 0)
        let longButParsed = raw(server, "GET \(root)msdyncrm_segments?$select=\(String(repeating: "a", count: 40 * 1024)) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assertErrorShape(longButParsed.status, longButParsed.body, 414)
        let chunks = raw(server, "POST \(root)msdyncrm_segments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
        assertErrorShape(chunks.status, chunks.body, 400)
        let unknown = raw(server, "FROBNICATE \(root)msdyncrm_segments HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assertErrorShape(unknown.status, unknown.body, 405)
        let webdav = raw(server, "PROPFIND \(root)msdyncrm_segments HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assertErrorShape(webdav.status, webdav.body, 405)
        XCTAssertTrue(webdav.head.contains("Allow: GET"), webdav.head)
        XCTAssertEqual(try server.get("WhoAmI").status, 200)
        XCTAssertEqual(try server.getJSON(server.server.baseURL.absoluteString + "segtui/integrity")["ok"], .bool(true))
    }

    func testControlCharactersAreRefusedNotCut() throws {
        let server = try TestServer(segments: 2, contacts: 5)
        for body in [
            #"{"msdyncrm_segmentname": "a\u0000b"}"#, #"{"msdyncrm_segmentname": "\u0000"}"#,
            #"{"msdyncrm_segmentname": "ok", "msdyncrm_description": "x\u0000y"}"#, #"{"msdyncrm_segmentname": "a\u001b]0;title\u0007"}"#,
            #"{"msdyncrm_segmentname": "vertical\u000btab"}"#,
        ] {
            let response = try server.post("msdyncrm_segments", body)
            XCTAssertEqual(response.status, 400, body)
            XCTAssertTrue(TestServer.errorParts(response).message?.contains("control character U+") == true, body)
        }
        let before = try server.getJSON("msdyncrm_segments?$count=true&$top=0")["@odata.count"]
        XCTAssertEqual(before?.intValue, 2, "nothing was stored, cut short or otherwise")
        let multiline = try server.post(
            "msdyncrm_segments", #"{"msdyncrm_segmentname": "tab\there\u009b", "msdyncrm_description": "line one\r\nline two"}"#,
            headers: ["Prefer": "return=representation"])
        XCTAssertEqual(multiline.status, 201)
        XCTAssertEqual(try JSONValue.parse(multiline.body)["msdyncrm_description"]?.stringValue, "line one\r\nline two")
        XCTAssertEqual(try JSONValue.parse(multiline.body)["msdyncrm_segmentname"]?.stringValue, "tab\there\u{9B}", "what XML allows is kept whole")
    }

    /// Each PATCH's reply carries the version that PATCH wrote, not a later writer's.
    func testETagsOfConcurrentPatchesAreTheirOwn() throws {
        let server = try TestServer(segments: 20, contacts: 5)
        let id = try server.segmentId(named: "Gmail users")
        let results = Mutex<[(sent: String, etag: String?, got: String?)]>([])
        let root = server.root
        onThreads(25) { thread in
            let transport = URLSessionTransport(timeout: 30)
            for round in 0..<8 {
                let text = "writer \(thread) round \(round)"
                let request = HTTPRequest(
                    method: "PATCH", url: URL(string: root + "msdyncrm_segments(\(id))")!,
                    headers: TestServer.standardHeaders.merging(["Content-Type": "application/json", "Prefer": "return=representation"]) { $1 },
                    body: Data(#"{"msdyncrm_description": "\#(text)"}"#.utf8))
                let response = try? transport.send(request)
                let got = response.flatMap { try? JSONValue.parse($0.body) }
                results.withLock { $0.append((text, response?.header("ETag"), got?["msdyncrm_description"]?.stringValue)) }
            }
        }
        let all = results.withLock { $0 }
        XCTAssertEqual(all.count, 200)
        XCTAssertEqual(Set(all.compactMap(\.etag)).count, 200, "every write has its own ETag")
        for result in all { XCTAssertEqual(result.got, result.sent, "the representation is the write's own") }
    }

    func testDatabaseFilesArePrivate() throws {
        let server = try TestServer(segments: 2, contacts: 5)
        XCTAssertEqual(try server.post("msdyncrm_segments", #"{"msdyncrm_segmentname": "wal"}"#).status, 204)
        func mode(_ path: String) -> mode_t? {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
        }
        let folder = URL(fileURLWithPath: server.databasePath).deletingLastPathComponent()
        XCTAssertEqual(mode(folder.path), 0o700)
        XCTAssertEqual(mode(folder.deletingLastPathComponent().path), 0o700)
        for suffix in ["", "-wal", "-shm"] { XCTAssertEqual(mode(server.databasePath + suffix), 0o600, suffix) }
    }

    func testTokensNeedTheSecretUnderRequireToken() throws {
        let approvals = ApprovalSecrets()
        let server = try TestServer(segments: 1, contacts: 1) { configuration in
            configuration.requireToken = true
            configuration.deviceCodeInterval = 0
            configuration.onDeviceCode = approvals.record
        }
        let base = server.server.baseURL.absoluteString
        func form(_ path: String, _ body: String) throws -> HTTPResponse {
            try server.transport.send(HTTPRequest(
                method: "POST", url: URL(string: base + path)!, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Data(body.utf8)))
        }
        let credentials = try form("t/oauth2/v2.0/token", "grant_type=client_credentials&client_id=a&client_secret=anything&scope=s")
        XCTAssertEqual(credentials.status, 401, "no client secret configured: client credentials are refused")
        let start = try JSONValue.parse(try form("t/oauth2/v2.0/devicecode", "client_id=a&scope=s").body)
        let userCode = try XCTUnwrap(start["user_code"]?.stringValue)
        let deviceCode = try XCTUnwrap(start["device_code"]?.stringValue)
        XCTAssertNotEqual(try form("devicelogin", "user_code=\(userCode)&action=approve").status, 200, "no open approval")
        let poll = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=a&device_code=\(deviceCode)"
        XCTAssertNil(try JSONValue.parse(try form("t/oauth2/v2.0/token", poll).body)["access_token"], "a wrong secret declines the code")
        XCTAssertNotEqual(try form("devicelogin", "user_code=\(userCode)&approval_secret=\(approvals[userCode])&action=approve").status, 200, "burnt")

        let second = try JSONValue.parse(try form("t/oauth2/v2.0/devicecode", "client_id=a&scope=s").body)
        let secondUser = try XCTUnwrap(second["user_code"]?.stringValue)
        XCTAssertEqual(try form("devicelogin", "user_code=\(secondUser)&approval_secret=\(approvals[secondUser])&action=approve").status, 200)
        let granted = try JSONValue.parse(try form("t/oauth2/v2.0/token", poll.replacingOccurrences(of: deviceCode, with: second["device_code"]!.stringValue!)).body)
        XCTAssertNotNil(granted["access_token"]?.stringValue)
    }

    func testNonLoopbackNeedsRequireToken() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-bind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = SegmentServerConfiguration(databasePath: directory.appendingPathComponent("x.sqlite").path, host: "0.0.0.0")
        XCTAssertThrowsError(try SegmentServer.start(configuration)) { error in
            XCTAssertTrue("\(error)".contains("not a loopback address"), "\(error)")
        }
        XCTAssertEqual(SegmentServerConfiguration.url(host: "::1", port: 8080), "http://[::1]:8080")
        XCTAssertEqual(SegmentServerConfiguration.url(host: "127.0.0.1", port: 80), "http://127.0.0.1:80")
    }
}
