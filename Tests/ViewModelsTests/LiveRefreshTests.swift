import Foundation
import Keys
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

/// Issue 13: the list, the detail and an open screen stay true by themselves. Another client
/// writes straight to the in-memory service; the hand-driven clock brings the ticks.
final class LiveRefreshTests: XCTestCase {
    /// An app refreshing every `interval` seconds, on a clock and a wall time the test moves.
    @MainActor
    final class Live {
        let service: InMemorySegmentService
        let clock = ManualScheduler()
        let app: AppModel
        static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

        init(_ segments: [Segment] = demoSegments(30), interval: TimeInterval = 10, api: SegmentAPI = .outbound) {
            service = InMemorySegmentService(segments: segments, contacts: demoContacts(10), api: api)
            let clock = self.clock
            app = AppModel(service: service, scheduler: clock, refreshInterval: interval,
                           now: { Live.epoch.addingTimeInterval(clock.now) })
            app.list.setViewport(rows: 10)
            app.start()
            settle()
        }

        func settle(file: StaticString = #filePath, line: UInt = #line) {
            waitUntil("idle", file: file, line: line) { !app.isBusy && !app.live.isRefreshing }
        }

        /// Moves the clock on a second at a time, letting what each second started land before
        /// the next (as the real clock would: answers take milliseconds, ticks seconds).
        func advance(_ seconds: TimeInterval) {
            var left = seconds
            while left > 0 {
                let step = min(1, left)
                clock.advance(by: step)
                settle()
                left -= step
            }
        }

        func id(_ name: String) -> String { service.storedSegments.first { $0.name == name }!.id }

        func select(_ name: String) { XCTAssertTrue(app.list.select(id: id(name)), "\(name) is loaded") }

        /// Names of the loaded rows in list order.
        var names: [String] { app.list.rows.map(\.name) }
    }

    func testARenameElsewhereIsMergedInPlaceMarkedAndTheMarkExpires() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 025")
            let before = live.names
            let selected = live.app.list.selectedIndex
            try live.service.update(id: live.id("Segment 027"), changes: SegmentChanges(name: "Spring launch"), ifMatch: nil)
            let requests = live.service.requestCount
            live.advance(10)
            XCTAssertEqual(live.service.requestCount - requests, 1, "one request a tick: what changed since the mark")
            var expected = before
            expected[expected.firstIndex(of: "Segment 027")!] = "Spring launch"
            XCTAssertEqual(live.names, expected, "updated where it stands, nothing else moved")
            XCTAssertEqual(live.app.list.selected?.name, "Segment 025", "the selection stays on its segment")
            XCTAssertEqual(live.app.list.selectedIndex, selected)
            let renamed = live.id("Spring launch")
            XCTAssertEqual(live.app.list.mark(of: renamed), .changed)
            live.advance(SegmentListModel.markSeconds)
            XCTAssertNil(live.app.list.mark(of: renamed), "marks last a few seconds")
            XCTAssertEqual(live.app.live.statusText, "updated 3 s ago")
        }
    }

    /// Services keep whole seconds: a row changed within the second of the newest row seen has
    /// that row's time, and must still be seen (the question overlaps the mark by a second).
    func testAChangeWithinTheMarksSecondIsSeen() {
        onMain {
            let live = Live()
            var rows = live.service.storedSegments
            let newest = rows.compactMap(\.modifiedOn).max()!
            let index = rows.firstIndex { $0.name == "Segment 020" }!
            rows[index].name = "Same second"
            rows[index].modifiedOn = newest
            rows[index].etag = "W/\"77\""
            live.service.replaceSegments(rows)
            live.advance(10)
            XCTAssertTrue(live.names.contains("Same second"))
            XCTAssertEqual(live.app.list.mark(of: rows[index].id), .changed)
            let marked = live.names
            live.advance(10)
            XCTAssertEqual(live.names, marked, "asked again by the overlap, shown once")
        }
    }

    func testAStatusChangeElsewhereIsMergedInPlace() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 020")
            try live.service.setStatus(id: live.id("Segment 024"), to: .live, ifMatch: nil)
            live.advance(10)
            XCTAssertEqual(live.app.list.rows.first { $0.name == "Segment 024" }?.status, .live)
            XCTAssertEqual(live.app.list.mark(of: live.id("Segment 024")), .changed)
            XCTAssertEqual(live.app.list.selected?.name, "Segment 020")
        }
    }

    func testANewSegmentIsInsertedInOrderAndTheSelectionStaysOnItsSegment() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 027")
            let index = live.app.list.selectedIndex
            let count = live.app.list.count
            let id = try live.service.create(SegmentDraft(name: "Brand new", type: .dynamic, query: "PROFILE(contact)"))
            live.advance(10)
            // Newest modification first: the new row goes on top.
            XCTAssertEqual(live.names.first, "Brand new")
            XCTAssertEqual(live.app.list.count, count + 1)
            XCTAssertEqual(live.app.list.mark(of: id), .changed)
            XCTAssertEqual(live.app.list.selected?.name, "Segment 027", "the selection does not jump")
            XCTAssertEqual(live.app.list.selectedIndex, index + 1)
            XCTAssertEqual(live.app.list.scrollOffset, 0, "the top row in view is the new one")
        }
    }

    func testADeletionIsNoticedByTheVersionsCheckMarkedThenRemoved() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 025")
            let gone = live.id("Segment 027")
            try live.service.delete(id: gone, ifMatch: nil)
            live.advance(9)
            XCTAssertNil(live.app.list.mark(of: gone), "nothing asked before the tick")
            live.advance(1)
            XCTAssertEqual(live.app.list.mark(of: gone), .deleted, "marked first, at the next tick")
            XCTAssertTrue(live.names.contains("Segment 027"))
            let index = live.app.list.selectedIndex
            live.advance(SegmentListModel.markSeconds)
            XCTAssertFalse(live.names.contains("Segment 027"), "then removed")
            XCTAssertEqual(live.app.list.selected?.name, "Segment 025", "the selection stays on its segment")
            XCTAssertEqual(live.app.list.selectedIndex, index - 1, "a row above it went")
        }
    }

    /// A deletion while the detail of the deleted segment is open: one request still, the row is
    /// marked at the next tick and the detail's read of a gone segment is not an error.
    func testADeleteIsMergedOnTheNextTickWithItsDetailOpen() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 024")
            live.app.handle(.enter)
            live.settle()
            let gone = live.id("Segment 024")
            try live.service.delete(id: gone, ifMatch: nil)
            let requests = live.service.requestCount
            live.advance(10)
            XCTAssertEqual(live.service.requestCount - requests, 1, "one request for the whole tick")
            XCTAssertEqual(live.app.list.mark(of: gone), .deleted)
            XCTAssertEqual(live.app.live.delay, 10, "the gone detail is no failure: no back-off")
            live.advance(SegmentListModel.markSeconds)
            XCTAssertFalse(live.names.contains("Segment 024"))
        }
    }

    func testTheSelectedRowDeletedLeavesTheSelectionOnTheNearestRow() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 026")
            let index = live.app.list.selectedIndex
            try live.service.delete(id: live.id("Segment 026"), ifMatch: nil)
            live.advance(10 + SegmentListModel.markSeconds)
            XCTAssertEqual(live.app.list.selectedIndex, index)
            XCTAssertEqual(live.app.list.selected?.name, "Segment 025", "the row that took its place")
        }
    }

    /// The budget: at most 7 requests an idle minute at the default interval (6: one
    /// `refresh` a tick, versions included), and never one a row, even when many rows change at once.
    func testAnIdleMinuteCostsSixRequestsAndManyChangesStillOneATick() throws {
        try onMainThrowing {
            let live = Live()
            let pages = live.service.firstPageCount
            var requests = live.service.requestCount
            live.advance(60)
            XCTAssertEqual(live.service.requestCount - requests, 6, "6 ticks, each one request with the versions in it")
            XCTAssertEqual(live.service.firstPageCount, pages, "never a reload")
            for i in 10..<22 {
                try live.service.update(id: live.id(String(format: "Segment %03d", i)),
                                        changes: SegmentChanges(description: "changed"), ifMatch: nil)
            }
            requests = live.service.requestCount
            live.advance(10)
            XCTAssertEqual(live.service.requestCount - requests, 1, "12 rows changed: still one request")
            XCTAssertEqual(live.service.firstPageCount, pages)
        }
    }

    func testMoreChangesThanTheDeltaHoldsReadTheFirstPageOnce() throws {
        try onMainThrowing {
            let live = Live()
            let pages = live.service.firstPageCount
            for i in 0..<(LiveRefresh.changedTop + 3) {
                try live.service.update(id: live.id(String(format: "Segment %03d", i)),
                                        changes: SegmentChanges(description: "bulk"), ifMatch: nil)
            }
            live.advance(10)
            XCTAssertEqual(live.service.firstPageCount, pages + 1, "truncated: the first page read again")
            let requests = live.service.requestCount
            live.advance(10)
            XCTAssertEqual(live.service.requestCount - requests, 1, "then back to one request a tick")
        }
    }

    func testThrottlingAndFailuresBackOffAndTheFirstGoodAnswerResetsTheRate() {
        onMain {
            let live = Live()
            live.service.failNext(with: .throttled(retryAfter: 30))
            live.advance(10)
            XCTAssertEqual(live.app.live.delay, 30, "Retry-After is honoured")
            live.service.failNext(with: .unreachable("connection refused"))
            live.advance(30)
            XCTAssertEqual(live.app.live.delay, 60, "doubled")
            let clockFormat = DateFormatter()
            clockFormat.locale = Locale(identifier: "en_US_POSIX")
            clockFormat.dateFormat = "HH:mm"
            XCTAssertEqual(live.app.live.statusText, "offline since " + clockFormat.string(from: Live.epoch.addingTimeInterval(40)),
                           "the time of the first failure to reach it")
            live.service.failNext(with: .unreachable("connection refused"))
            live.advance(60)
            XCTAssertEqual(live.app.live.delay, 120, "doubled again, up to the cap")
            live.service.failNext(with: .unreachable("connection refused"))
            live.advance(120)
            XCTAssertEqual(live.app.live.delay, live.app.live.maximumDelay, "capped")
            let requests = live.service.requestCount
            live.advance(live.app.live.maximumDelay - 1)
            XCTAssertEqual(live.service.requestCount, requests, "nothing asked while backing off")
            live.advance(1)
            XCTAssertEqual(live.app.live.delay, 10, "the normal rate after the first good answer")
            XCTAssertEqual(live.app.live.statusText, "up to date")
        }
    }

    func testNothingIsAskedWhileSuspendedOrUnderAFormAndResumingAsksAtOnce() {
        onMain {
            let live = Live()
            var requests = live.service.requestCount
            live.app.live.suspend()
            live.advance(120)
            XCTAssertEqual(live.service.requestCount, requests, "Ctrl-Z: silent")
            live.app.live.resume()
            live.settle()
            XCTAssertEqual(live.service.requestCount, requests + 1, "back from the shell: one refresh at once")
            live.app.handle(.character("n"))
            requests = live.service.requestCount
            live.advance(60)
            XCTAssertEqual(live.service.requestCount, requests, "the new-segment form: nothing watched")
        }
    }

    func testTheDetailIsReadConditionallyAndFollowsAChange() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 024")
            live.app.handle(.enter)
            live.settle()
            var requests = live.service.requestCount
            live.advance(10)
            XCTAssertEqual(live.service.requestCount - requests, 1, "the delta, the versions and the detail's conditional read: one request")
            XCTAssertEqual(live.app.detail.segment?.name, "Segment 024")
            try live.service.update(id: live.id("Segment 024"), changes: SegmentChanges(name: "Renamed here"), ifMatch: nil)
            requests = live.service.requestCount
            live.advance(10)
            XCTAssertEqual(live.app.detail.segment?.name, "Renamed here")
            XCTAssertEqual(live.app.list.selected?.name, "Renamed here")
        }
    }

    func testAnOpenEditorSaysAtOnceWhatChangedOnTheService() throws {
        try onMainThrowing {
            let live = Live()
            live.select("Segment 024")
            live.app.handle(.character("e"))
            live.settle()
            guard case .editor(let editor)? = live.app.screen else { return XCTFail("the editor is open") }
            live.app.handle(batch: Array(" mine").map { Key.character($0) })
            try live.service.update(id: live.id("Segment 024"), changes: SegmentChanges(name: "Theirs", query: "PROFILE(lead)"), ifMatch: nil)
            let requests = live.service.requestCount
            live.advance(10)
            XCTAssertEqual(live.service.requestCount - requests, 1, "one conditional read of the segment")
            let notice = try XCTUnwrap(editor.notice)
            XCTAssertTrue(notice.contains("name now 'Theirs'"), notice)
            XCTAssertTrue(notice.contains("query"), notice)
            XCTAssertEqual(editor.text(.name), "Segment 024 mine", "the edit is untouched until the save merges")
        }
    }

    func testAnOpenMembersScreenSaysWhatChangedOnTheService() throws {
        try onMainThrowing {
            let live = Live(demoSegments(5) + [segment("Static one", type: .static, index: 95)])
            live.select("Static one")
            live.app.handle(.character("m"))
            live.settle()
            guard case .members(let members)? = live.app.screen else { return XCTFail("the members screen is open") }
            try live.service.update(id: live.id("Static one"), changes: SegmentChanges(name: "Static two"), ifMatch: nil)
            live.advance(10)
            let notice = try XCTUnwrap(members.notice)
            XCTAssertTrue(notice.contains("name now 'Static two'"), notice)
        }
    }

    func testTheStatusTextCountsSecondsAndRedrawsOnlyWhenItChanges() {
        onMain {
            let live = Live()
            live.advance(10)
            XCTAssertEqual(live.app.live.statusText, "up to date")
            var frames = 0
            live.app.onChange = { frames += 1 }
            live.advance(4)
            XCTAssertEqual(live.app.live.statusText, "updated 4 s ago")
            XCTAssertEqual(frames, 4, "one frame a second, when the words change")
        }
    }

    func testRefreshZeroAsksNothing() {
        onMain {
            let live = Live(interval: 0)
            let requests = live.service.requestCount
            live.advance(600)
            XCTAssertEqual(live.service.requestCount, requests)
            XCTAssertNil(live.app.live.statusText)
        }
    }
}
