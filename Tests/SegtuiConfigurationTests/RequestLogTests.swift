import Dataverse
import Foundation
import Logging
import SegtuiConfiguration
import Synchronization
import XCTest

/// The client's requests as the log file gets them: each exchange a line, each retry its reason
/// (dropped, 5xx, throttled), at the level asked for, and never the token it carried.
final class RequestLogTests: XCTestCase {
    /// Answers from a script, one an attempt: an outcome each, in order.
    private final class ScriptedTransport: HTTPTransport {
        private let script: Mutex<[Result<HTTPResponse, DataverseError>]>
        init(_ script: [Result<HTTPResponse, DataverseError>]) { self.script = Mutex(script) }

        func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
            let next = script.withLock { $0.isEmpty ? .failure(.transport("no scripted reply")) : $0.removeFirst() }
            return try next.get()
        }
    }

    private static let token = "request-log-token-81c7"

    private func logAfterOneRead(level: Logger.Level) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-requests-\(UUID().uuidString).log").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let logger = FileLogHandler.logger(label: "segtui.http", file: try PrivateLineFile(path: path), level: level)
        let transport = ScriptedTransport([
            .failure(.transport("the connection was dropped")),
            .success(HTTPResponse(status: 503, headers: [:], body: Data())),
            .success(HTTPResponse(status: 429, headers: ["retry-after": "0"], body: Data())),
            .success(HTTPResponse(status: 200, headers: [:], body: Data(#"{"value": []}"#.utf8))),
        ])
        let client = DataverseClient(
            organization: try XCTUnwrap(URL(string: "https://contoso.crm.dynamics.com")),
            transport: LoggingTransport(wrapping: transport, logger: logger), tokens: StaticTokenProvider(Self.token),
            retry: RetryPolicy(maxAttempts: 5, baseDelay: 0.001, maxDelay: 0.002), logger: logger)
        let page = try client.firstPage(of: "msdynmkt_segments", query: ODataQuery(filter: "statecode eq 0"), pageSize: 5)
        XCTAssertEqual(page.records.count, 0)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    func testEachAttemptAndEachRetryReason() throws {
        let log = try logAfterOneRead(level: .debug)
        let path = "/api/data/v9.2/msdynmkt_segments"
        for pattern in [
            #"warning segtui\.http: GET \#(path) no answer after \d+ ms: Cannot reach the service: the connection was dropped"#,
            #"notice segtui\.http: GET \#(path): retrying after attempt 1 of 5: dropped \(Cannot reach the service: the connection was dropped\), waiting \d+\.\d\d s retry=dropped"#,
            #"info segtui\.http: GET \#(path) 503 \d+ ms query=\$filter="#,
            #"retrying after attempt 2 of 5: server error \(503\).* retry=server"#,
            #"info segtui\.http: GET \#(path) 429 \d+ ms"#,
            #"retrying after attempt 3 of 5: throttled \(429\).* retry=throttled"#,
            #"info segtui\.http: GET \#(path) 200 \d+ ms"#,
        ] {
            XCTAssertNotNil(log.range(of: pattern, options: .regularExpression), "\(pattern) in\n\(log)")
        }
        XCTAssertFalse(log.contains(Self.token), "the token never reaches the log")
        XCTAssertFalse(log.lowercased().contains("bearer"), log)
    }

    func testTheLevelFilters() throws {
        let notice = try logAfterOneRead(level: .notice)
        XCTAssertFalse(notice.contains(" info "), notice)
        XCTAssertEqual(notice.components(separatedBy: "retrying after").count - 1, 3, notice)
        XCTAssertFalse(notice.contains("query="), "queries are debug's")
        let warning = try logAfterOneRead(level: .warning)
        XCTAssertEqual(warning.split(separator: "\n").count, 1, warning)
        XCTAssertTrue(warning.contains("no answer after"), warning)
    }
}
