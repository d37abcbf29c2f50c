import Foundation
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

final class SegmentListModelTests: XCTestCase {
    @MainActor
    private static func makeApp(_ segments: [Segment], pageSize: Int = 50, gated: Bool = false) -> (AppModel, InMemorySegmentService) {
        let service = InMemorySegmentService(segments: segments, gated: gated)
        let app = AppModel(service: service, pageSize: pageSize)
        return (app, service)
    }

    func testFirstLoadShowsFirstPageNewestFirst() {
        onMain {
            let (app, _) = Self.makeApp(demoSegments(120))
            XCTAssertFalse(app.list.hasLoadedOnce)
            app.start()
            XCTAssertTrue(app.isBusy, "the load runs in the background")
            waitUntil("first page") { !app.isBusy }
            XCTAssertEqual(app.list.rows.count, 50)
            XCTAssertEqual(app.list.rows.first?.name, "Segment 119", "default order is modified-on, newest first")
            XCTAssertEqual(app.list.totalCount, 120)
            XCTAssertEqual(app.list.count, 120, "a count under the cap is the list's length")
            XCTAssertEqual(app.list.positionText, "1/120")
        }
    }

    func testMovingNearTheEndFetchesTheNextPageAndEveryRowOnce() {
        onMain {
            let (app, _) = Self.makeApp(demoSegments(120))
            app.start()
            waitUntil { !app.isBusy }
            for _ in 0..<119 {
                app.handle(.character("j"))
                waitUntil { !app.isBusy }
            }
            XCTAssertEqual(app.list.rows.count, 120)
            XCTAssertEqual(Set(app.list.rows.map(\.id)).count, 120, "no row twice")
            XCTAssertEqual(app.list.selectedIndex, 119)
            XCTAssertEqual(app.list.selected?.name, "Segment 000")
            XCTAssertFalse(app.list.hasMore)
        }
    }

    func testLastReadsTheEndInTheReversedOrder() {
        onMain {
            let (app, service) = Self.makeApp(demoSegments(130))
            app.start()
            waitUntil { !app.isBusy }
            app.handle(.character("G"))
            XCTAssertEqual(app.list.selectedIndex, 129, "the selection lands at once")
            waitUntil("last page") { !app.isBusy }
            XCTAssertEqual(app.list.selected?.name, "Segment 000")
            XCTAssertEqual(service.requestCount, 2, "the first page, then the last one: no walk through the middle")
            app.handle(.character("g"))
            XCTAssertEqual(app.list.selectedIndex, 0)
            XCTAssertEqual(app.list.scrollOffset, 0)
            XCTAssertEqual(app.list.selected?.name, "Segment 129")
        }
    }

    func testPageDownMovesByViewportAndKeepsSelectionVisible() {
        onMain {
            let (app, _) = Self.makeApp(demoSegments(40))
            app.start()
            waitUntil { !app.isBusy }
            app.list.setViewport(rows: 10)
            app.handle(.pageDown)
            XCTAssertEqual(app.list.selectedIndex, 9)
            app.handle(.pageDown)
            XCTAssertEqual(app.list.selectedIndex, 18)
            XCTAssertTrue((app.list.scrollOffset..<app.list.scrollOffset + 10).contains(18))
            app.handle(.pageUp)
            XCTAssertEqual(app.list.selectedIndex, 9)
            app.handle(.end)
            XCTAssertEqual(app.list.selectedIndex, 39)
            XCTAssertEqual(app.list.scrollOffset, 30)
            app.handle(.home)
            XCTAssertEqual(app.list.selectedIndex, 0)
        }
    }

    func testAFailedLoadShowsTheServiceMessageAndTheProgramGoesOn() {
        onMain {
            let (app, service) = Self.makeApp(demoSegments(10))
            service.failNext(with: .refused("Service Unavailable: maintenance (HTTP 503)"))
            app.start()
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.visibleError?.description, "Service Unavailable: maintenance (HTTP 503)")
            XCTAssertTrue(app.list.rows.isEmpty)
            app.handle(.escape)
            XCTAssertNil(app.visibleError, "Esc dismisses the message")
            app.handle(.character("r"))
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.list.rows.count, 10)
            XCTAssertNil(app.visibleError)
        }
    }

    func testAFailedNextPageKeepsTheLoadedRows() {
        onMain {
            let (app, service) = Self.makeApp(demoSegments(100), pageSize: 20)
            app.start()
            waitUntil { !app.isBusy }
            let loaded = app.list.rows.count
            service.failNext(with: .unreachable("connection refused"))
            app.list.moveSelection(by: 50)
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.list.rows.count, loaded)
            XCTAssertEqual(app.visibleError, .unreachable("connection refused"))
            XCTAssertNil(app.list.selected, "the selection moved onto a row still to load")
            app.list.moveSelection(by: 1)
            waitUntil { !app.isBusy && app.list.selected != nil }
            XCTAssertEqual(app.list.selected?.name, "Segment 048", "the next move asks again")
            XCTAssertNil(app.visibleError)
        }
    }

    func testRepliesToAnOlderQueryAreDropped() {
        onMain {
            let (app, service) = Self.makeApp(demoSegments(30), gated: true)
            app.list.apply(SegmentListQuery(nameContains: "Segment 00"))
            app.list.apply(SegmentListQuery(nameContains: "Segment 01"))
            service.gate.signal()
            service.gate.signal()
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.list.rows.map(\.name).sorted(), (10...19).map { String(format: "Segment %03d", $0) })
        }
    }

    func testReloadKeepsTheSelectedSegment() {
        onMain {
            let (app, service) = Self.makeApp(demoSegments(30))
            app.start()
            waitUntil { !app.isBusy }
            app.list.moveSelection(by: 5)
            let chosen = app.list.selected?.id
            var moved = demoSegments(30)
            moved.append(Segment(id: "ffffffff-0000-4000-8000-000000000000", name: "Newest", type: .static, status: .draft,
                                 modifiedOn: Date(timeIntervalSince1970: 1_800_000_000)))
            service.replaceSegments(moved)
            app.handle(.character("r"))
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.list.selected?.id, chosen)
            XCTAssertEqual(app.list.selectedIndex, 6)
        }
    }

    func testEmptyServiceHasNoSelection() {
        onMain {
            let (app, _) = Self.makeApp([])
            app.start()
            waitUntil { !app.isBusy }
            XCTAssertNil(app.list.selected)
            app.handle(.character("j"))
            app.handle(.enter)
            XCTAssertFalse(app.isDetailOpen, "nothing to open")
        }
    }
}
