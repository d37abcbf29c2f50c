import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

/// The order of ServiceMiddleware's chain, seen from the wire: target, then sign-in, then service
/// protection, then fault injection. Each test is built so that the other order answers otherwise.
final class MiddlewareOrderTests: XCTestCase {
    func testSignInComesBeforeThrottling() throws {
        let server = try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.requireToken = true
            configuration.acceptedTokens = ["good-token"]
            configuration.protection = ServiceProtection(requestsPerWindow: 2, window: 300, maxConcurrent: 10)
        }
        // Throttled first, the third and fourth would be 429: the window counts per caller, and
        // this caller's token is as good a key as any.
        let refused = try (0..<4).map { _ in try server.get("WhoAmI", headers: ["Authorization": "Bearer bad-token"]).status }
        XCTAssertEqual(refused, [401, 401, 401, 401])
        let anonymous = try (0..<4).map { _ in try server.get("WhoAmI").status }
        XCTAssertEqual(anonymous, [401, 401, 401, 401])
        let good = try (0..<3).map { _ in try server.get("WhoAmI", headers: ["Authorization": "Bearer good-token"]).status }
        XCTAssertEqual(good, [200, 200, 429], "a signed-in caller has the whole budget: the refused ones spent none of it")
    }

    func testSignInComesBeforeFaultInjection() throws {
        let server = try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.requireToken = true
            configuration.acceptedTokens = ["good-token"]
            configuration.faults = FaultInjection(errorRate: 1)
        }
        XCTAssertEqual(try server.get("WhoAmI").status, 401, "an unsigned request never reaches the injected faults")
        XCTAssertTrue([500, 503].contains(try server.get("WhoAmI", headers: ["Authorization": "Bearer good-token"]).status))
    }

    func testThrottlingComesBeforeFaultInjection() throws {
        let server = try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.protection = ServiceProtection(requestsPerWindow: 1, window: 300, maxConcurrent: 10)
            configuration.faults = FaultInjection(errorRate: 1)
        }
        XCTAssertTrue([500, 503].contains(try server.get("WhoAmI").status), "admitted, then failed by injection")
        let throttled = try server.get("WhoAmI")
        XCTAssertEqual(throttled.status, 429, "refused by the gate before any fault is drawn")
        XCTAssertEqual(TestServer.errorParts(throttled).code, "0x80072322")
    }

    func testTheTargetComesBeforeSignIn() throws {
        let server = try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.requireToken = true
            configuration.faults = FaultInjection(errorRate: 1)
        }
        let base = server.server.baseURL.absoluteString
        XCTAssertEqual(try server.get(base + "no/such/place").status, 404, "unknown paths are 404 with or without a token")
        XCTAssertEqual(try server.get(base + "api/data/v8.0/WhoAmI").status, 404)
        XCTAssertEqual(try server.get(base + "segtui/requests").status, 401, "the diagnostics want a caller")
    }

    func testDiagnosticsAreNeitherThrottledNorFaultedAndRefusalsAreCounted() throws {
        let server = try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.protection = ServiceProtection(requestsPerWindow: 1, window: 300, maxConcurrent: 10)
            configuration.faults = FaultInjection(errorRate: 1)
        }
        let counter = server.server.baseURL.absoluteString + "segtui/requests"
        let statuses = try (0..<3).map { _ in try server.get("msdyncrm_segments").status }
        XCTAssertEqual(statuses.dropFirst(), [429, 429])
        let counts = try JSONValue.parse(try server.get(counter).body)
        XCTAssertEqual(counts["requests"]?.intValue, 3, "every Web API request is counted, refused ones too")
        XCTAssertEqual(counts["collectionReads"]?.intValue, 3)
        XCTAssertEqual(try server.get(counter).status, 200)
    }
}
