import Dataverse
import Foundation
import Segments
import TestSupport
import XCTest

@testable import ViewModels

/// What a new user tripped over (issue 12), each checked where it broke.
final class NewcomerBugTests: XCTestCase {
    /// Bug 1: the restore question opens on Restore, and throwing the draft away asks again.
    func testADraftOfferOpensOnRestoreAndDiscardAsksAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = DraftStore(directory: folder)
        let draft = EditDraft(kind: .create, segmentId: nil, segmentName: "Half done", segmentType: .static, etag: nil,
                              mine: .init(name: "Half done", description: "", query: ""))
        try store.save(draft)
        onMain {
            let h = Harness(demoSegments(2), drafts: store)
            XCTAssertEqual(h.app.dialog?.isConfirmFocused, true, "Restore has the focus")
            h.press(.tab, .enter)
            XCTAssertEqual(h.app.dialog?.title, "Discard unsaved edits", "Discard asks again")
            XCTAssertEqual(h.app.dialog?.isConfirmFocused, false, "…with Keep focused")
            h.press(.enter)
            XCTAssertNil(h.app.dialog)
            XCTAssertNotNil(store.load(), "kept: offered again at the next start")

            let next = Harness(demoSegments(2), drafts: store)
            next.press(.enter)
            guard case .form(let form)? = next.app.screen else { return XCTFail("Enter restores") }
            XCTAssertEqual(form.name.text, "Half done")
        }
    }

    /// Bug 2: an action taken while the service is down says so by name, and the offline notice
    /// goes with the first answer, not with the next probe half a minute later.
    func testAnActionWhileOfflineNamesItselfAndTheNoticeClearsOnTheFirstAnswer() {
        onMain {
            let h = Harness([segment("Summer")])
            h.service.setUnreachable("connection refused")
            h.press(.character("L"))
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.app.actionError?.hasPrefix("Could not take 'Summer' live: "), true, h.app.actionError ?? "no word")
            h.press(.escape)
            h.press(.character("r"))
            h.settle()
            XCTAssertTrue(h.app.connection.isOffline)
            for _ in 0..<4 {
                h.clock.advance(by: h.clock.pendingDelays.first ?? 0)
                h.settle()
            }
            XCTAssertGreaterThanOrEqual(h.clock.pendingDelays.first ?? 0, 16, "the probes have backed off")
            h.service.setUnreachable(nil)
            h.press(.character("r"))
            h.settle()
            XCTAssertFalse(h.app.connection.isOffline, "the first answer ends the notice")
            XCTAssertNil(h.app.connection.statusText)
        }
    }

    /// Bug 7: Esc clears the filter in the list; the `/` prompt filters as it is typed.
    func testTheFilterFollowsTypingAndEscClearsIt() {
        onMain {
            let h = Harness(demoSegments(30))
            h.press(.character("/"))
            h.type("segment 01")
            XCTAssertNil(h.app.list.query.nameContains, "not before a pause in typing")
            h.clock.advance(by: AppModel.filterDebounce)
            XCTAssertEqual(h.app.list.query.nameContains, "segment 01", "no Enter needed")
            h.settle()
            XCTAssertEqual(h.app.list.rows.count, 10)
            h.press(.enter)
            XCTAssertNil(h.app.filterPrompt)
            h.press(.escape)
            XCTAssertNil(h.app.list.query.nameContains, "Esc in the list clears the filter")
            h.settle()
            XCTAssertEqual(h.app.list.rows.count, 30)

            h.press(.character("/"))
            h.type("segment 02")
            h.clock.advance(by: AppModel.filterDebounce)
            h.press(.escape)
            XCTAssertNil(h.app.filterPrompt)
            XCTAssertNil(h.app.list.query.nameContains, "Esc in the prompt clears a new filter")
        }
    }

    /// Bug 9: Enter on the typed name deletes a live segment; on a wrong name it says why.
    func testEnterOnTheTypedNameDeletesALiveSegment() {
        onMain {
            let h = Harness([segment("Live one", status: .live), segment("Other", index: 91)])
            h.select("Live one")
            h.press(.character("D"))
            h.type("Live on")
            h.press(.enter)
            XCTAssertNotNil(h.app.dialog, "a wrong name does not close the dialog")
            XCTAssertEqual(h.app.dialog?.problem, "The name typed is not 'Live one'; type it exactly")
            XCTAssertEqual(h.app.toast, "The name typed is not 'Live one'; type it exactly")
            h.type("e")
            XCTAssertNil(h.app.dialog?.problem, "the message goes once the name changes")
            h.press(.enter)
            h.settle()
            XCTAssertNil(h.app.dialog)
            XCTAssertNil(h.stored("Live one"), "deleted")
        }
    }

    /// Bug 10: a row on its way refuses writes with the reason; a 412 on delete where only the
    /// status moved reads the row again and asks again.
    func testAMovingRowRefusesWritesAndA412OnDeleteAsksAgain() {
        onMain {
            let h = Harness([segment("Winding down", status: .stopping)])
            h.press(.character("D"))
            XCTAssertNil(h.app.dialog)
            XCTAssertEqual(h.app.toast, "'Winding down' is stopping; wait until it has stopped")
            h.press(.character("e"))
            XCTAssertNil(h.app.screen)
            XCTAssertEqual(h.app.toast, "'Winding down' is stopping; wait until it has stopped")

            let moved = Harness([segment("Moving")])
            let id = moved.app.list.selected!.id
            try! moved.service.setStatus(id: id, to: .live, ifMatch: nil)
            moved.press(.character("D"))
            moved.confirmDialog()
            moved.settle()
            XCTAssertNotNil(moved.stored("Moving"), "the 412 deleted nothing")
            XCTAssertNil(moved.app.actionError)
            guard case .delete(let again)? = moved.app.dialog?.purpose else { return XCTFail("asked again") }
            XCTAssertEqual(again.status, .live)
            XCTAssertEqual(again.etag, moved.stored("Moving")?.etag)
            XCTAssertEqual(moved.app.dialog?.requiredText, "Moving", "live now: its name is asked for")
            moved.type("Moving")
            moved.press(.enter)
            moved.settle()
            XCTAssertNil(moved.stored("Moving"), "deleted on the second answer")
        }
    }

    /// The members screen: g and G reach both ends, V … d marks a range as one undo step.
    func testMembersFirstLastAndARangeMarkedForRemoval() {
        onMain {
            let contacts = demoContacts(70)
            let h = Harness([segment("Big list", type: .static)], contacts: contacts)
            try! h.service.updateMembers(of: h.app.list.selected!.id, add: contacts.map(\.id), remove: [])
            h.press(.character("m"))
            h.settle()
            guard case .members(let members)? = h.app.screen else { return XCTFail("members open") }
            h.press(.character("G"))
            h.settle()
            XCTAssertEqual(members.skip, 50)
            XCTAssertEqual(members.selectedIndex, 19, "the last of 70")
            h.press(.character("g"))
            h.settle()
            XCTAssertEqual(members.skip, 0)
            XCTAssertEqual(members.selectedIndex, 0)
            h.press(.down, .character("V"), .down, .down, .character("d"))
            XCTAssertEqual(members.staged.removals.map(\.id), Array(members.page[1...3]).map(\.id))
            XCTAssertNil(members.rangeAnchor)
            h.press(.character("u"))
            XCTAssertTrue(members.staged.isEmpty, "one undo takes the whole range back")
        }
    }

    /// Bug 3 (the browser's half): a segment in Error shows why, under its status.
    func testASegmentInErrorShowsItsReasonInTheDetail() {
        var failed = segment("Broken", status: .error)
        failed.errorReason = "The query does not parse: unexpected end at 24"
        let fields = SegmentDetailModel.fields(of: failed)
        let status = fields.firstIndex { $0.label == "Status" }
        XCTAssertEqual(fields.first { $0.label == "Error" }?.value, "The query does not parse: unexpected end at 24")
        XCTAssertEqual(fields.firstIndex { $0.label == "Error" }, status.map { $0 + 1 })
        XCTAssertNil(SegmentDetailModel.fields(of: segment("Fine")).first { $0.label == "Error" })
    }
}
