import Foundation
import Segments
import TestSupport
import XCTest

@testable import ViewModels

final class MembersTests: XCTestCase {
    @MainActor
    private static func openMembers(_ h: Harness, initial: [String]) -> MembersModel {
        let id = h.app.list.selected!.id
        if !initial.isEmpty { try! h.service.updateMembers(of: id, add: initial, remove: []) }
        let members = h.open(.character("m"), "members") { screen in
            if case .members(let members)? = screen { members } else { nil }
        }
        return members ?? MembersModel(segment: segment("x"), service: h.service, work: h.app.work)
    }

    func testMembersArePagedByName() {
        onMain {
            let contacts = (0..<120).map {
                Contact(id: String(format: "d0000000-0000-4000-8000-%012d", $0), fullName: String(format: "Member %03d", $0))
            }
            let h = Harness([segment("Big", type: .static)], contacts: contacts)
            let members = Self.openMembers(h, initial: contacts.map(\.id))
            XCTAssertEqual(members.total, 120)
            XCTAssertEqual(members.page.count, MembersModel.pageSize)
            XCTAssertEqual(members.rows.first?.contact.fullName, "Member 000")
            let requests = h.service.requestCount
            h.press(.pageDown)
            h.settle()
            XCTAssertEqual(members.skip, 50)
            XCTAssertEqual(h.service.requestCount - requests, 1, "a later page reads the members only, not the segment again")
            XCTAssertEqual(members.rows.first?.contact.fullName, "Member 050")
            for _ in 0..<50 { h.press(.character("j")) }
            h.settle()
            XCTAssertEqual(members.skip, 100, "moving past the page's end loads the next")
            h.press(.pageUp)
            h.settle()
            XCTAssertEqual(members.skip, 50)
        }
    }

    func testDynamicSegmentsHaveNoMemberList() {
        onMain {
            let h = Harness([segment("Dyn", type: .dynamic)])
            h.press(.character("m"))
            XCTAssertNil(h.app.screen)
            XCTAssertEqual(h.app.toast, "'Dyn' is dynamic: its query decides its members")
        }
    }

    func testPickAddRemoveUndoRedoAndSave() {
        onMain {
            let contacts = demoContacts(30)
            let h = Harness([segment("Static", type: .static)], contacts: contacts)
            let members = Self.openMembers(h, initial: [contacts[0].id, contacts[1].id])
            XCTAssertEqual(members.rows.map(\.contact.fullName), ["Contact 00", "Contact 01"])

            h.press(.character("a"))
            h.settle()
            let picker = try! XCTUnwrap(h.app.picker)
            XCTAssertEqual(h.app.context, .picker)
            h.type("Contact 1")
            h.clock.advance(by: ContactPickerModel.debounce)
            h.settle()
            XCTAssertEqual(picker.results.count, 10)
            h.press(.down, .character(" "), .character(" "))
            XCTAssertEqual(picker.marked.map(\.fullName), ["Contact 10", "Contact 11"])
            h.press(.enter)
            XCTAssertNil(h.app.picker)
            XCTAssertEqual(members.rows.map(\.mark), [.added, .added, .none, .none])

            h.press(.character("j"), .character("j"), .character("d"))
            XCTAssertEqual(members.rows[2].mark, .removed)
            XCTAssertEqual(members.staged.removals.map(\.fullName), ["Contact 00"])
            h.press(.character("u"))
            XCTAssertTrue(members.staged.removals.isEmpty, "u undoes the removal")
            h.press(.character("u"))
            XCTAssertTrue(members.staged.isEmpty, "and then the additions")
            h.press(.control("r"), .control("r"))
            XCTAssertEqual(members.staged.additions.count, 2)
            XCTAssertEqual(members.staged.removals.count, 1)

            h.press(.control("s"))
            h.settle()
            let id = members.segment.id
            XCTAssertEqual(h.service.storedMembers(of: id), Set([contacts[1].id, contacts[10].id, contacts[11].id]))
            XCTAssertTrue(members.staged.isEmpty)
            XCTAssertEqual(members.total, 3)
            XCTAssertEqual(h.app.toast, "Saved members of 'Static': +2 −1")
        }
    }

    func testTwoEditorsOfTheSameMembersBothKeepTheirChanges() {
        onMain {
            let contacts = demoContacts(10)
            let h = Harness([segment("Shared list", type: .static)], contacts: contacts)
            let members = Self.openMembers(h, initial: [contacts[0].id, contacts[1].id, contacts[2].id])
            // We stage: add 5, remove 0.
            members.add([contacts[5]])
            h.press(.down)
            h.press(.character("d"))
            XCTAssertEqual(members.staged.removals.map(\.id), [contacts[0].id])
            // Someone else meanwhile: adds 7, removes 2, and also adds 5.
            let id = members.segment.id
            try! h.service.updateMembers(of: id, add: [contacts[7].id, contacts[5].id], remove: [contacts[2].id])
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(h.service.storedMembers(of: id), Set([contacts[1].id, contacts[5].id, contacts[7].id]),
                           "their addition and removal stay; ours are applied on top")
            XCTAssertEqual(h.app.toast?.contains("merged with changes made on the service meanwhile"), true, h.app.toast ?? "")
            XCTAssertEqual(h.app.toast?.contains("(1 already done there)"), true)
        }
    }

    func testALiveSegmentsMembersCannotChangeAndSaveErrorsKeepTheStage() {
        onMain {
            let contacts = demoContacts(5)
            let live = Harness([segment("Live list", type: .static)], contacts: contacts)
            let liveId = live.app.list.selected!.id
            try! live.service.updateMembers(of: liveId, add: [contacts[0].id], remove: [])
            try! live.service.setStatus(id: liveId, to: .live, ifMatch: nil)
            live.press(.character("r"))
            live.settle()
            let members = Self.openMembers(live, initial: [])
            XCTAssertFalse(members.canChange)
            live.press(.character("d"), .character("a"))
            XCTAssertNil(live.app.picker)
            XCTAssertTrue(members.staged.isEmpty)
            XCTAssertEqual(members.notice, "A live segment's members cannot change; stop it first.")

            let h = Harness([segment("Draft list", type: .static)], contacts: contacts)
            let draft = Self.openMembers(h, initial: [contacts[0].id])
            h.press(.character("d"))
            h.service.failNext(with: .throttled(retryAfter: nil))
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(draft.notice, "Not saved: The service is busy (throttled)")
            XCTAssertEqual(draft.staged.removals.count, 1, "the staged change is kept")
            XCTAssertEqual(h.service.storedMembers(of: draft.segment.id).count, 1)

            h.press(.character("q"))
            XCTAssertEqual(h.app.dialog?.purpose, .quit, "quitting with staged changes asks")
            h.press(.escape)
            XCTAssertFalse(h.app.wantsQuit)
        }
    }

    func testReadOnlyModeShowsMembersButNoChanges() {
        onMain {
            let contacts = demoContacts(5)
            let h = Harness([segment("RO", type: .static)], contacts: contacts, readOnly: true)
            let members = Self.openMembers(h, initial: [contacts[0].id])
            XCTAssertEqual(members.rows.count, 1)
            h.press(.character("d"), .character("a"), .control("s"))
            XCTAssertTrue(members.staged.isEmpty)
            XCTAssertNil(h.app.picker)
            XCTAssertFalse(h.app.keyMap.allows(.addMembers, in: .members))
        }
    }
}
