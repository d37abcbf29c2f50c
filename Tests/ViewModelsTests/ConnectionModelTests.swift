import Dataverse
import Foundation
import Segments
import SegmentsTesting
import Synchronization
import TestSupport
import XCTest

@testable import ViewModels

final class ConnectionModelTests: XCTestCase {
    func testTheHeaderLearnsWhoIsSignedIn() {
        onMain {
            let app = AppModel(service: InMemorySegmentService(segments: demoSegments(3)), scheduler: ManualScheduler())
            app.start()
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.connection.identity?.userLabel, "Test User")
        }
    }

    func testAnUnreachableServiceIsShownAndRecoveredFromByItself() {
        onMain {
            let service = InMemorySegmentService(segments: demoSegments(5))
            let clock = ManualScheduler()
            let app = AppModel(service: service, scheduler: clock)
            service.setUnreachable("connection refused")
            app.list.reload()
            waitUntil { !app.isBusy }
            XCTAssertTrue(app.connection.isOffline)
            XCTAssertEqual(app.connection.statusText, "Offline: connection refused; retrying by itself")
            XCTAssertTrue(app.list.rows.isEmpty)

            clock.advance(by: ConnectionModel.firstProbeDelay)
            waitUntil { !app.isBusy }
            XCTAssertTrue(app.connection.isOffline, "still down at the first probe")
            XCTAssertEqual(clock.pendingDelays.first, ConnectionModel.firstProbeDelay * 2, "the next probe backs off")

            service.setUnreachable(nil)
            clock.advance(by: ConnectionModel.firstProbeDelay * 2)
            waitUntil { !app.isBusy && !app.list.rows.isEmpty }
            XCTAssertFalse(app.connection.isOffline)
            XCTAssertNil(app.connection.statusText)
            XCTAssertEqual(app.list.rows.count, 5, "the list reloads by itself once the service answers")
        }
    }

    func testAnyRequestThatFindsTheServiceGoneMarksItOfflineNotOnlyTheList() {
        onMain {
            let client = DataverseClient(organization: URL(string: "https://contoso.crm.dynamics.com")!,
                                         transport: UnreachableTransport(), retry: .none)
            let clock = ManualScheduler()
            let app = AppModel(service: OutboundSegmentService(client: client), scheduler: clock)
            app.connection.start()  // who is signed in: not a list request
            waitUntil("offline") { app.connection.isOffline }
            XCTAssertNil(app.list.lastError, "the list asked nothing")
            XCTAssertEqual(app.connection.statusText, "Offline: \(DataverseError.transport("connection refused").description); retrying by itself")
            XCTAssertEqual(clock.pendingDelays.first, ConnectionModel.firstProbeDelay, "and the probe is on its way")
        }
    }

    func testAThrottledServiceCountsDownAndEscCancelsTheWait() {
        onMain {
            let transport = ThrottlingTransport(retryAfter: 30)
            let client = DataverseClient(organization: URL(string: "https://contoso.crm.dynamics.com")!, transport: transport)
            let app = AppModel(service: OutboundSegmentService(client: client), scheduler: ManualScheduler())
            app.list.reload()
            waitUntil("throttled") { app.connection.isThrottled }
            XCTAssertEqual(app.connection.statusText, "Service busy, retrying in 30 s (Esc cancels)")
            XCTAssertTrue(app.isBusy, "the request is waiting, not failed")
            app.handle(.escape)
            waitUntil("the wait ends") { !app.isBusy }
            XCTAssertFalse(app.connection.isThrottled)
            XCTAssertEqual(app.list.lastError, .cancelled)
            XCTAssertEqual(transport.requests, 1, "nothing was sent while waiting")
        }
    }
}

/// Answers every request with 429 and a Retry-After.
private final class ThrottlingTransport: HTTPTransport {
    private let count = Mutex(0)
    let retryAfter: Int

    init(retryAfter: Int) {
        self.retryAfter = retryAfter
    }

    var requests: Int { count.withLock { $0 } }

    func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        count.withLock { $0 += 1 }
        return HTTPResponse(status: 429, headers: ["retry-after": String(retryAfter)],
                            body: Data(#"{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit"}}"#.utf8))
    }
}

/// Fails every request as a refused connection would.
private final class UnreachableTransport: HTTPTransport {
    func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        throw .transport("connection refused")
    }
}
