import Foundation
import Keys
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

/// The `/` filter while the service is slow (issue 12): one request of the list in flight at a
/// time, a newer text waits for it, the older answer is dropped, and only the latest text is sent.
final class FilterInFlightTests: XCTestCase {
    func testTypingQuicklyKeepsOneListRequestInFlightAndSendsOnlyTheLatestText() {
        onMain {
            // Every call waits at the gate until the test lets it through: a slow service.
            let service = InMemorySegmentService(segments: demoSegments(30), gated: true)
            let clock = ManualScheduler()
            let app = AppModel(service: service, scheduler: clock)
            app.start()
            waitUntil("the first page") {
                service.releaseWaiting()
                return app.list.hasLoadedOnce && !app.isBusy
            }
            XCTAssertEqual(app.list.rows.count, 30)
            let firstPages = service.firstPageCount

            app.handle(.character("/"))
            app.handle(.character("1"))
            clock.advance(by: AppModel.filterDebounce)
            XCTAssertEqual(app.list.query.nameContains, "1")
            waitUntil("'1' at the service") { service.waitingAtGate == 1 }
            // Each edit pauses long enough to be sent, were nothing in flight.
            for key in [Key.character("2"), .character("9"), .backspace] {
                app.handle(key)
                clock.advance(by: AppModel.filterDebounce)
                XCTAssertEqual(app.work.inFlight, 1, "still only '1' in flight after \(key)")
                XCTAssertEqual(service.waitingAtGate, 1)
            }
            XCTAssertEqual(app.list.query.nameContains, "12", "the latest text is the list's query")
            XCTAssertTrue(app.list.isAwaitingQuery, "keys for rows wait for it")

            // The answer to '1' (12 rows) lands and is dropped; then '12' goes, and only it.
            XCTAssertEqual(service.releaseWaiting(), 1)
            waitUntil("'12' at the service") { service.waitingAtGate == 1 }
            XCTAssertEqual(app.work.inFlight, 1)
            XCTAssertEqual(app.list.rows.count, 30, "the older answer was dropped, not shown")
            XCTAssertTrue(app.list.isAwaitingQuery)
            XCTAssertEqual(service.releaseWaiting(), 1)
            waitUntil("the filtered list") { !app.isBusy }
            XCTAssertEqual(app.list.rows.map(\.name), ["Segment 012"])
            XCTAssertFalse(app.list.isAwaitingQuery)
            XCTAssertEqual(service.firstPageCount, firstPages + 2, "'1' and '12'; '129' was never sent")
            XCTAssertEqual(service.waitingAtGate, 0)
        }
    }

    /// A filter typed while a page further down is loading waits for that page, too.
    func testAFilterWaitsForAPageInFlight() {
        onMain {
            let service = InMemorySegmentService(segments: demoSegments(120), gated: true)
            let clock = ManualScheduler()
            let app = AppModel(service: service, pageSize: 50, scheduler: clock)
            app.start()
            waitUntil("the first page") {
                service.releaseWaiting()
                return app.list.hasLoadedOnce && !app.isBusy
            }
            app.list.setViewport(rows: 10)
            app.handle(.character("G"))
            waitUntil("the last page at the service") { service.waitingAtGate == 1 }
            XCTAssertEqual(app.work.inFlight, 1)
            app.handle(.character("/"))
            app.handle(.text("Segment 00"))
            clock.advance(by: AppModel.filterDebounce)
            XCTAssertEqual(app.work.inFlight, 1, "the filter waits for the page in flight")
            XCTAssertEqual(service.releaseWaiting(), 1)
            waitUntil("the filter at the service") { service.waitingAtGate == 1 }
            XCTAssertEqual(app.work.inFlight, 1)
            XCTAssertEqual(service.releaseWaiting(), 1)
            waitUntil("the filtered list") { !app.isBusy }
            XCTAssertEqual(app.list.rows.map(\.name).sorted(), (0..<10).map { String(format: "Segment %03d", $0) })
        }
    }
}
