import Foundation
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

/// The list over more segments than it keeps: a bounded window of pages, pages fetched again by
/// their own links, the end read in the reversed order, and keys that never wait for a page.
final class ListWindowTests: XCTestCase {
    /// Over the 5000 cap, so that the service's count does not tell the list its length.
    private static let many = 5200
    private static let pageSize = 20

    @MainActor
    private static func makeApp(_ count: Int = many, pageSize: Int = pageSize, gated: Bool = false)
        -> (AppModel, InMemorySegmentService)
    {
        let service = InMemorySegmentService(segments: demoSegments(count), gated: gated)
        let app = AppModel(service: service, pageSize: pageSize)
        app.list.setViewport(rows: 10)
        return (app, service)
    }

    /// The name at `index` in the default order (newest first).
    private static func name(at index: Int, of count: Int = many) -> String { String(format: "Segment %03d", count - 1 - index) }

    /// The most rows the window may hold: its pages, plus each chain's frontier page.
    private static let residentLimit = (SegmentListModel.windowPages + 2) * pageSize

    func testPagingThroughEverythingKeepsOnlyTheWindowAndComingBackFetchesByTheStoredLink() {
        onMain {
            let (app, service) = Self.makeApp()
            app.start()
            waitUntil { !app.isBusy }
            XCTAssertNil(app.list.knownLength, "5000 or more: the count does not say how many")
            XCTAssertEqual(app.list.positionText, "1/5000+", "the capped count says more than the loaded pages")
            var most = 0
            while app.list.knownLength == nil || app.list.selectedIndex < app.list.count - 1 {
                app.handle(.pageDown)
                waitUntil { !app.isBusy }
                most = max(most, app.list.residentRowCount)
                if app.list.selectedIndex > Self.many { return XCTFail("ran past the end") }
            }
            XCTAssertEqual(app.list.knownLength, Self.many, "the last page tells the length")
            XCTAssertEqual(app.list.selected?.name, Self.name(at: Self.many - 1))
            XCTAssertLessThanOrEqual(most, Self.residentLimit, "only a window of pages stays in memory")
            XCTAssertEqual(service.requestCount, Self.many / Self.pageSize, "every page once on the way down")

            // Back up past the window: dropped pages come again, one request each, by their links.
            let before = service.requestCount
            let firstPages = service.firstPageCount
            let target = Self.many - 1 - 1000
            while app.list.selectedIndex > target {
                app.handle(.pageUp)
                waitUntil { !app.isBusy }
                XCTAssertEqual(app.list.selected?.name, Self.name(at: app.list.selectedIndex))
            }
            let pagesWalked = (Self.many - 1 - app.list.selectedIndex) / Self.pageSize
            XCTAssertLessThanOrEqual(service.requestCount - before, pagesWalked + 2, "no walk from the top to get back")
            XCTAssertGreaterThan(service.requestCount - before, pagesWalked - SegmentListModel.windowPages)
            XCTAssertEqual(service.firstPageCount, firstPages, "each page again by the continuation stored with it")
            for index in app.list.visibleRange {
                XCTAssertEqual(app.list.row(at: index)?.name, Self.name(at: index))
            }
            XCTAssertLessThanOrEqual(app.list.residentRowCount, Self.residentLimit)
        }
    }

    func testLastShowsTheLastRowWithinTwoRequestsAndMovingUpContinuesFromTheEnd() {
        onMain {
            let (app, service) = Self.makeApp()
            app.start()
            waitUntil { !app.isBusy }
            let before = service.requestCount
            app.handle(.character("G"))
            waitUntil { !app.isBusy }
            XCTAssertLessThanOrEqual(service.requestCount - before, 2)
            XCTAssertEqual(app.list.selected?.name, Self.name(at: Self.many - 1), "the very last row")
            XCTAssertEqual(app.list.positionText, "last")
            XCTAssertEqual(app.list.selectedIndex, app.list.count - 1)

            // Up from the end: rows keep their order; pages above come by the reversed order's links.
            for step in 1...75 {
                app.handle(.character("k"))
                waitUntil { !app.isBusy }
                XCTAssertEqual(app.list.selected?.name, Self.name(at: Self.many - 1 - step))
            }
            XCTAssertEqual(app.list.positionText, "75 from end")
            let last = app.list.count - 1
            for index in app.list.visibleRange {
                XCTAssertEqual(app.list.row(at: index)?.name, Self.name(at: Self.many - 1 - (last - index)))
            }

            app.handle(.character("g"))
            app.handle(.character("g"))
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.list.selectedIndex, 0)
            XCTAssertEqual(app.list.selected?.name, Self.name(at: 0))
        }
    }

    func testTheChainsFromTheTopAndFromTheEndMeetAndTheLengthBecomesKnown() {
        onMain {
            let (app, _) = Self.makeApp()
            app.start()
            waitUntil { !app.isBusy }
            app.handle(.character("G"))
            waitUntil { !app.isBusy }
            var presses = 0
            while app.list.knownLength == nil, presses < Self.many {
                app.handle(.pageUp)
                waitUntil { !app.isBusy }
                presses += 1
            }
            XCTAssertEqual(app.list.knownLength, Self.many)
            XCTAssertEqual(app.list.selected?.name, Self.name(at: app.list.selectedIndex), "absolute positions once met")
            XCTAssertTrue(app.list.positionText.hasSuffix("/\(Self.many)"))
            app.handle(.home)
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.list.selected?.name, Self.name(at: 0))
        }
    }

    func testKeysNeverWaitForAPage() {
        onMain {
            let (app, service) = Self.makeApp(gated: true)
            app.start()
            Self.releaseAll(service, app)
            // Every further request is held at the gate until released below.
            for _ in 0..<12 { app.handle(.pageDown) }
            XCTAssertTrue(app.list.isLoadingPage)
            XCTAssertEqual(app.list.selectedIndex, 12 * 9, "the selection moved while the page was in flight")
            XCTAssertNil(app.list.selected, "its row is a placeholder until its page lands")
            app.handle(.character("G"))
            XCTAssertEqual(app.list.positionText, "last", "G too answers at once")
            app.handle(.character("g"))
            app.handle(.character("g"))
            XCTAssertEqual(app.list.selectedIndex, 0)
            XCTAssertEqual(app.list.selected?.name, Self.name(at: 0), "the first page is still in memory")
            Self.releaseAll(service, app)
            XCTAssertEqual(app.list.selected?.name, Self.name(at: 0))
        }
    }

    func testAFailedPageShowsTheErrorAndARetryWorks() {
        onMain {
            let (app, service) = Self.makeApp()
            app.start()
            waitUntil { !app.isBusy }
            app.handle(.character("G"))
            waitUntil { !app.isBusy }
            service.failNext(with: .refused("Service Unavailable (HTTP 503)"))
            for _ in 0..<8 { app.handle(.pageUp) }
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.visibleError, .refused("Service Unavailable (HTTP 503)"))
            XCTAssertNil(app.list.selected)
            app.handle(.character("k"))
            waitUntil { !app.isBusy && app.list.selected != nil }
            XCTAssertNil(app.visibleError)
            XCTAssertEqual(app.list.selected?.name, Self.name(at: Self.many - 1 - (8 * 9 + 1)))
        }
    }

    func testARepliesToAnOlderQueryAreDroppedAfterLast() {
        onMain {
            let (app, service) = Self.makeApp(gated: true)
            app.start()
            Self.releaseAll(service, app)
            app.handle(.character("G"))
            app.list.apply(SegmentListQuery(nameContains: "Segment 00", pageSize: Self.pageSize))
            // The new query waits for the last page in flight (one request of the list at a time,
            // issue 12); that page's answer lands after the query changed and must be dropped.
            waitUntil("the last page at the gate") { service.waitingAtGate == 1 }
            XCTAssertEqual(app.work.inFlight, 1, "the new query waits for the page in flight")
            Self.releaseAll(service, app)
            XCTAssertEqual(app.list.knownLength, 10)
            XCTAssertEqual(app.list.rows.map(\.name), (0...9).reversed().map { String(format: "Segment %03d", $0) })
            XCTAssertEqual(app.list.positionText, "1/10", "the old query's last page was not painted over the new list")
        }
    }

    func testRemoveUpdateAndSelectByIdWorkAtTheEnd() {
        onMain {
            let (app, _) = Self.makeApp()
            app.start()
            waitUntil { !app.isBusy }
            app.handle(.character("G"))
            waitUntil { !app.isBusy }
            app.handle(.character("k"))
            let removed = app.list.selected!
            let index = app.list.selectedIndex
            app.list.remove(id: removed.id)
            XCTAssertEqual(app.list.selectedIndex, index)
            XCTAssertEqual(app.list.selected?.name, Self.name(at: Self.many - 1), "the next row took its place")
            XCTAssertNil(app.list.index(of: removed.id))

            let other = app.list.row(at: index - 5)!
            var renamed = other
            renamed.name = "Renamed"
            app.list.update(renamed)
            XCTAssertEqual(app.list.row(at: index - 5)?.name, "Renamed")
            XCTAssertTrue(app.list.select(id: other.id))
            XCTAssertEqual(app.list.selectedIndex, index - 5)
        }
    }

    /// Lets every request through the gate, one at a time as each arrives, until the app is idle.
    @MainActor
    private static func releaseAll(_ service: InMemorySegmentService, _ app: AppModel, file: StaticString = #filePath, line: UInt = #line) {
        waitUntil("idle", file: file, line: line) {
            service.releaseWaiting()
            return !app.isBusy
        }
    }
}
