import Foundation
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

final class PickerTests: XCTestCase {
    @MainActor
    private static func makePicker(_ service: InMemorySegmentService, _ clock: ManualScheduler, existing: Set<String> = [])
        -> (ContactPickerModel, BackgroundWork, () -> [Contact]?) {
        let work = BackgroundWork()
        let picker = ContactPickerModel(service: service, work: work, scheduler: clock, existing: existing)
        var picked: [Contact]?
        picker.onPick = { picked = $0 }
        return (picker, work, { picked })
    }

    func testSearchWaitsForAPauseInTyping() {
        onMain {
            let service = InMemorySegmentService(segments: [], contacts: demoContacts(30))
            let clock = ManualScheduler()
            let (picker, work, _) = Self.makePicker(service, clock)
            picker.start()
            waitUntil { !work.isBusy }
            XCTAssertEqual(picker.results.count, 30)
            let before = service.requestCount
            for c in "contact2" { picker.handle(.character(c), action: nil) }
            clock.advance(by: ContactPickerModel.debounce / 2)
            XCTAssertEqual(service.requestCount, before, "no request while typing")
            XCTAssertTrue(picker.isSearching, "the old results are marked as not answering the new text")
            clock.advance(by: ContactPickerModel.debounce)
            waitUntil { !work.isBusy }
            XCTAssertEqual(service.requestCount, before + 1, "one request for the whole word")
            XCTAssertEqual(picker.results.map(\.fullName), (20...29).map { "Contact \($0)" })
            XCTAssertEqual(picker.resultsQuery, "contact2")
        }
    }

    func testAStaleReplyIsDropped() {
        onMain {
            let service = InMemorySegmentService(segments: [], contacts: demoContacts(30), gated: true)
            let clock = ManualScheduler()
            let (picker, work, _) = Self.makePicker(service, clock)
            picker.handle(.text("contact1"), action: nil)
            clock.advance(by: ContactPickerModel.debounce)
            XCTAssertTrue(picker.isSearching)
            picker.handle(.character("5"), action: nil)
            clock.advance(by: ContactPickerModel.debounce)
            service.gate.signal()
            service.gate.signal()
            waitUntil { !work.isBusy }
            XCTAssertEqual(picker.results.map(\.fullName), ["Contact 15"], "only the newest search is shown")
        }
    }

    func testMarkingMembersAndEnter() {
        onMain {
            let contacts = demoContacts(5)
            let service = InMemorySegmentService(segments: [], contacts: contacts)
            let clock = ManualScheduler()
            let (picker, work, picked) = Self.makePicker(service, clock, existing: [contacts[1].id])
            picker.start()
            waitUntil { !work.isBusy }
            picker.handle(.enter, action: .confirm)
            XCTAssertNil(picked(), "nothing marked in the search field: Enter goes to the results")
            XCTAssertEqual(picker.focus, .results)
            picker.handle(.character(" "), action: .toggleMark)
            picker.handle(.character(" "), action: .toggleMark)
            XCTAssertEqual(picker.marked.map(\.fullName), ["Contact 00"], "a member cannot be marked")
            XCTAssertEqual(picker.selectedIndex, 2, "Space steps over a member as over a mark")
            picker.handle(.character(" "), action: .toggleMark)
            picker.handle(.character("x"), action: nil)
            XCTAssertEqual(picker.focus, .search, "typing goes back to the search")
            XCTAssertEqual(picker.query.text, "x")
            picker.handle(.enter, action: .confirm)
            XCTAssertEqual(picked()?.map(\.fullName), ["Contact 00", "Contact 02"])
        }
    }

    func testASearchErrorIsShownInThePicker() {
        onMain {
            let service = InMemorySegmentService(segments: [], contacts: demoContacts(3))
            let clock = ManualScheduler()
            let (picker, work, _) = Self.makePicker(service, clock)
            service.failNext(with: .unreachable("timed out"))
            picker.start()
            waitUntil { !work.isBusy }
            XCTAssertEqual(picker.lastError, .unreachable("timed out"))
            picker.handle(.character("c"), action: nil)
            clock.advance(by: 1)
            waitUntil { !work.isBusy }
            XCTAssertNil(picker.lastError)
            XCTAssertEqual(picker.results.count, 3)
        }
    }
}
