import Dataverse
import Foundation
import Logging
import Synchronization
import XCTest

@testable import SegmentServer

/// The service logs through swift-log (Hummingbird's request logger): a line at info for every
/// request, with method, path, status and time, and never a token, a secret or a header.
final class ServiceLogTests: XCTestCase {
    private final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    private func server(level: Logger.Level, lines: Lines) throws -> TestServer {
        try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.requireToken = true
            configuration.clientSecret = "client-secret-0815"
            configuration.acceptedTokens = ["accepted-token-4711"]
            configuration.logLevel = level
            configuration.logSink = { lines.append($0) }
        }
    }

    func testEveryRequestIsOneLineWithoutTokensOrSecrets() throws {
        let lines = Lines()
        let server = try server(level: .trace, lines: lines)
        let base = server.server.baseURL.absoluteString
        XCTAssertEqual(try server.get("WhoAmI", headers: ["Authorization": "Bearer accepted-token-4711"]).status, 200)
        XCTAssertEqual(try server.get("WhoAmI", headers: ["Authorization": "Bearer wrong-token-1234"]).status, 401)
        let granted = try server.transport.send(
            HTTPRequest(
                method: "POST", url: URL(string: base + "contoso/oauth2/v2.0/token")!,
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Data("grant_type=client_credentials&client_id=app&client_secret=client-secret-0815&scope=x".utf8)))
        XCTAssertEqual(granted.status, 200)
        let issued = try XCTUnwrap(try JSONValue.parse(granted.body)["access_token"]?.stringValue)
        let filtered = try server.get(
            "msdyncrm_segments?$filter=" + percent("msdyncrm_segmentname eq 'query-secret-42'"), headers: ["Authorization": "Bearer \(issued)"])
        XCTAssertEqual(filtered.status, 200)

        let expected = [
            "GET /api/data/v9.2/WhoAmI 200 ", "GET /api/data/v9.2/WhoAmI 401 ", "POST /contoso/oauth2/v2.0/token 200 ",
            "GET /api/data/v9.2/msdyncrm_segments 200 ",
        ]
        try server.waitUntil(10, "a line for each request") {
            expected.allSatisfy { part in lines.all.contains { $0.contains(part) } }
        }
        for part in expected {
            let line = try XCTUnwrap(lines.all.first { $0.contains(part) }, part)
            XCTAssertTrue(line.hasSuffix(" ms"), line)
            XCTAssertTrue(line.contains(" info segtui.server: hb.request.id="), line)
        }
        for secret in ["accepted-token-4711", "wrong-token-1234", "client-secret-0815", issued, "query-secret-42", "Bearer", "uthorization"] {
            XCTAssertFalse(lines.all.contains { $0.contains(secret) }, "'\(secret)' is in the log:\n\(lines.all.joined(separator: "\n"))")
        }
    }

    func testRequestLinesAreInfoAndTheDefaultLevelLeavesThemOut() throws {
        XCTAssertEqual(SegmentServerConfiguration(databasePath: "unused").logLevel, .notice)
        let lines = Lines()
        let server = try server(level: .notice, lines: lines)
        XCTAssertEqual(try server.get("WhoAmI", headers: ["Authorization": "Bearer accepted-token-4711"]).status, 200)
        XCTAssertEqual(try server.get("WhoAmI").status, 401)
        XCTAssertEqual(lines.all.filter { $0.contains("/WhoAmI") }, [], "request lines are info, below notice")
    }

    func testARefusalThatAsksForARetrySaysWhen() throws {
        let lines = Lines()
        let server = try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.protection = ServiceProtection(requestsPerWindow: 1, window: 300, maxConcurrent: 10)
            configuration.logLevel = .info
            configuration.logSink = { lines.append($0) }
        }
        XCTAssertEqual(try server.get("WhoAmI").status, 200)
        let throttled = try server.get("WhoAmI")
        XCTAssertEqual(throttled.status, 429)
        let retry = try XCTUnwrap(throttled.header("Retry-After"))
        try server.waitUntil(10, "the 429 line") { lines.all.contains { $0.contains("/WhoAmI 429 ") } }
        let line = try XCTUnwrap(lines.all.first { $0.contains("/WhoAmI 429 ") })
        XCTAssertTrue(line.hasSuffix(" ms (retry after \(retry) s)"), line)
        XCTAssertFalse(lines.all.first { $0.contains("/WhoAmI 200 ") }?.contains("retry") ?? true, "\(lines.all)")
    }

    func testControlCharactersDoNotReachTheLog() {
        let lines = Lines()
        var logger = Logger(label: "segtui.server") { ServiceLogHandler(label: $0, level: .info, sink: lines.append) }
        logger[metadataKey: "hb.request.id"] = "7"
        logger.info("GET /api/data/v9.2/x\u{1B}[2J\u{07}y 404 1.0 ms")
        logger.debug("below the level")
        XCTAssertEqual(lines.all.count, 1)
        XCTAssertTrue(lines.all.first?.hasSuffix(" info segtui.server: hb.request.id=7 GET /api/data/v9.2/x?[2J?y 404 1.0 ms") == true, "\(lines.all)")
    }
}
