import Dataverse
import Foundation
import Segments
import XCTest

/// `--trace` writes every exchange with secrets taken out; `--api auto` asks once and remembers.
final class TraceAndAPIChoiceTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-trace-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    func testEveryExchangeIsALineWithTokensAndSecretsRedacted() throws {
        let path = folder.appendingPathComponent("trace.jsonl").path
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3OTk5OTk5OTl9.c2lnbmF0dXJl"
        let inner = RecordingTransport(replies: [
            json(200, #"{"token_type":"Bearer","access_token":"\#(jwt)","refresh_token":"0.AAA-refresh","expires_in":3599}"#),
            json(200, #"{"value":[{"msdynmkt_segmentdefinitionid":"0f5b8d2e-1c3a-4b5d-9e7f-2a4c6e8f878e"}]}"#),
        ])
        let transport = TracingTransport(wrapping: inner, log: try TraceLog(path: path))
        _ = try transport.send(HTTPRequest(
            method: "POST", url: URL(string: "https://login.example/tenant/oauth2/v2.0/token")!,
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data("client_id=app&client_secret=s3cr3t&grant_type=refresh_token&refresh_token=0.AAA-old&device_code=DC-123".utf8)))
        _ = try transport.send(HTTPRequest(
            method: "GET", url: URL(string: "https://contoso.crm.dynamics.com/api/data/v9.2/msdynmkt_segmentdefinitions?$top=1")!,
            headers: ["Authorization": "Bearer \(jwt)", "Accept": "application/json"]))

        let text = try String(contentsOfFile: path, encoding: .utf8)
        for secret in ["s3cr3t", "0.AAA-old", "0.AAA-refresh", "DC-123", jwt, "c2lnbmF0dXJl"] {
            XCTAssertFalse(text.contains(secret), "\(secret) is in the trace:\n\(text)")
        }
        let lines = text.split(separator: "\n").map { try? JSONValue.parse(Data($0.utf8)) }
        XCTAssertEqual(lines.count, 2, "one line an exchange")
        let token = try XCTUnwrap(lines[0])
        XCTAssertEqual(token["method"], .string("POST"))
        XCTAssertEqual(token["status"], .number(200))
        XCTAssertEqual(token["responseBody"]?["access_token"], .string("[redacted]"))
        XCTAssertEqual(token["responseBody"]?["expires_in"], .number(3599), "what is not secret stays")
        XCTAssertTrue(token["requestBody"]?.stringValue?.contains("client_id=app") == true)
        let read = try XCTUnwrap(lines[1])
        XCTAssertEqual(read["requestHeaders"]?["Authorization"], .string("[redacted]"))
        XCTAssertEqual(read["requestHeaders"]?["Accept"], .string("application/json"))
        XCTAssertTrue(read["url"]?.stringValue?.contains("msdynmkt_segmentdefinitions") == true)
        XCTAssertNotNil(read["time"]?.stringValue)
        XCTAssertNotNil(read["ms"]?.doubleValue)
        XCTAssertEqual(read["responseBody"]?["value"]?.arrayValue?.count, 1)
    }

    func testAFailedExchangeIsTracedToo() throws {
        let path = folder.appendingPathComponent("failed.jsonl").path
        let transport = TracingTransport(wrapping: RecordingTransport(replies: []), log: try TraceLog(path: path))
        XCTAssertThrowsError(try transport.send(HTTPRequest(method: "GET", url: URL(string: "https://contoso.crm.dynamics.com/x")!)))
        let line = try JSONValue.parse(Data(try String(contentsOfFile: path, encoding: .utf8).utf8))
        XCTAssertEqual(line["error"], .string("Cannot reach the service: no scripted reply"))
        XCTAssertNil(line["status"])
    }

    func testAutoAsksOnceRemembersAndPrefersJourneys() throws {
        let store = RememberedAPIs(path: folder.appendingPathComponent("state/apis.json").path)
        let journeys = RecordingTransport(replies: [json(200, #"{"value":[]}"#)])
        let client = DataverseClient(organization: URL(string: "https://contoso.crm.dynamics.com")!, transport: journeys)
        XCTAssertEqual(SegmentAPIChoice.auto.resolve(client: client, remember: store), .journeys, "an empty journeys table is still journeys")
        XCTAssertEqual(journeys.requests.count, 1, "one extra request")
        XCTAssertTrue(journeys.requests[0].url.absoluteString.contains("msdynmkt_segmentdefinitions"))

        let silent = RecordingTransport(replies: [])
        let again = DataverseClient(organization: URL(string: "https://contoso.crm.dynamics.com")!, transport: silent)
        XCTAssertEqual(SegmentAPIChoice.auto.resolve(client: again, remember: store), .journeys)
        XCTAssertTrue(silent.requests.isEmpty, "none the second time")

        let outbound = RecordingTransport(replies: [json(404, #"{"error":{"code":"0x8006088a","message":"Resource not found for the segment 'msdynmkt_segmentdefinitions'."}}"#)])
        let archive = DataverseClient(organization: URL(string: "https://archive.crm.dynamics.com")!, transport: outbound)
        XCTAssertEqual(SegmentAPIChoice.auto.resolve(client: archive, remember: store), .outbound)
        XCTAssertEqual(RememberedAPIs(path: store.path).api(for: "https://archive.crm.dynamics.com/api/data/v9.2/"), .outbound)

        let offline = RecordingTransport(replies: [])
        let unknown = DataverseClient(organization: URL(string: "https://offline.crm.dynamics.com")!, transport: offline, retry: .none)
        XCTAssertEqual(SegmentAPIChoice.auto.resolve(client: unknown, remember: store), .journeys, "no answer: today's API, not remembered")
        XCTAssertNil(store.api(for: "https://offline.crm.dynamics.com/api/data/v9.2/"))
        XCTAssertEqual(SegmentAPIChoice.outbound.resolve(client: unknown, remember: store), .outbound)
        XCTAssertEqual(offline.requests.count, 1, "a named API asks nothing")
    }
}
