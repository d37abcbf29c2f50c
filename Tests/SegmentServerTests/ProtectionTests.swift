import Dataverse
import Foundation
import Synchronization
import XCTest

@testable import SegmentServer

final class ProtectionTests: XCTestCase {
    func testRequestsPerWindowAreLimited() throws {
        let server = try TestServer(segments: 2, contacts: 2) { $0.protection = ServiceProtection(requestsPerWindow: 5, window: 300, maxConcurrent: 10) }
        for _ in 0..<5 { XCTAssertEqual(try server.get("WhoAmI").status, 200) }
        let throttled = try server.get("WhoAmI")
        XCTAssertEqual(throttled.status, 429)
        XCTAssertEqual(TestServer.errorParts(throttled).code, "0x80072322")
        let retry = try XCTUnwrap(throttled.header("Retry-After").flatMap(Int.init))
        XCTAssertTrue((1...300).contains(retry))
        XCTAssertEqual(try server.get("WhoAmI", headers: ["Authorization": "Bearer other-user"]).status, 200, "limits are per caller")
        // A client that does not wait out Retry-After sees the 429 and its code.
        let client = DataverseClient(organization: server.server.baseURL, retry: .none)
        XCTAssertThrowsError(try client.whoAmI()) { error in
            XCTAssertEqual((error as? DataverseError)?.status, 429)
        }
    }

    func testConcurrentRequestsAreLimited() throws {
        let server = try TestServer(segments: 2, contacts: 2) { configuration in
            configuration.protection = ServiceProtection(requestsPerWindow: 1000, window: 300, maxConcurrent: 2)
            configuration.faults = FaultInjection(latency: 0.4)
        }
        let statuses = Mutex<[Int]>([])
        let root = server.root
        onThreads(6) { _ in
            let transport = URLSessionTransport(timeout: 20)
            let status = (try? transport.send(HTTPRequest(method: "GET", url: URL(string: root + "WhoAmI")!)))?.status ?? -1
            statuses.withLock { $0.append(status) }
        }
        let all = statuses.withLock { $0 }
        XCTAssertEqual(all.count, 6)
        XCTAssertTrue(all.contains(429), "\(all)")
        XCTAssertTrue(all.contains(200), "\(all)")
        XCTAssertLessThanOrEqual(all.filter { $0 == 200 }.count, 5)
    }

    func testFaultInjection() throws {
        let failing = try TestServer(segments: 2, contacts: 2) { $0.faults = FaultInjection(errorRate: 1) }
        let statuses = try (0..<12).map { _ in try failing.get("msdyncrm_segments").status }
        XCTAssertEqual(Set(statuses), [500, 503])

        let malformed = try TestServer(segments: 2, contacts: 2) { $0.faults = FaultInjection(malformedRate: 1) }
        let response = try malformed.get("msdyncrm_segments")
        XCTAssertEqual(response.status, 200)
        XCTAssertThrowsError(try JSONValue.parse(response.body))

        let dropping = try TestServer(segments: 2, contacts: 2) { $0.faults = FaultInjection(dropRate: 1) }
        XCTAssertThrowsError(try dropping.get("WhoAmI")) { error in
            guard case .transport = error as? DataverseError else { return XCTFail("\(error)") }
        }

        let slow = try TestServer(segments: 2, contacts: 2) { $0.faults = FaultInjection(latency: 0.3) }
        let started = Date()
        XCTAssertEqual(try slow.get("WhoAmI").status, 200)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.3)

        let off = try TestServer(segments: 2, contacts: 2)
        XCTAssertTrue((0..<20).allSatisfy { _ in (try? off.get("WhoAmI").status) == 200 }, "off by default")
    }
}
