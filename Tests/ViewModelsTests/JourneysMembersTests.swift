import Foundation
import Segments
import TestSupport
import XCTest

@testable import ViewModels

/// The members screens on a journeys service: Include and Exclude groups side by side, changes
/// staged into the chosen group and saved in calls of at most 1,000 ids, groups created, renamed
/// and deleted, and who is in a segment now for every kind.
final class JourneysMembersTests: XCTestCase {
    static let include = MemberGroup(id: "9a000000-0000-4000-8000-000000000001", name: "VIPs", role: .include)
    static let exclude = MemberGroup(id: "9a000000-0000-4000-8000-000000000002", name: "Opted out", role: .exclude)

    static func journeysSegment(_ name: String, type: SegmentKind = .static, status: SegmentStatus = .draft,
                                groups: [MemberGroup] = [include, exclude]) -> Segment {
        var s = segment(name, type: type, status: status)
        s.api = .journeys
        s.groups = type.hasStaticMembers ? groups : []
        s.refresh = .every(minutes: 30)
        return s
    }

    @MainActor
    private static func openGroups(_ h: Harness) -> GroupMembersModel? {
        h.open(.character("m"), "the groups screen") { screen in
            if case .groups(let groups)? = screen { groups } else { nil }
        }
    }

    /// Picks the contacts whose names contain `text` (all of them) in the open picker.
    @MainActor
    private static func pick(_ h: Harness, _ text: String, count: Int) {
        XCTAssertNotNil(h.app.picker, "the picker is open")
        h.type(text)
        h.clock.advance(by: ContactPickerModel.debounce)
        h.settle()
        h.press(.down)
        for _ in 0..<count { h.press(.character(" ")) }
        h.press(.enter)
    }

    func testIncludeAndExcludeSideBySideAndExclusionWins() {
        onMain {
            let contacts = demoContacts(30)
            let h = Harness([Self.journeysSegment("Spring VIPs")], contacts: contacts, api: .journeys)
            let id = h.app.list.selected!.id
            _ = try! h.service.changeMembers(of: id, groupId: Self.include.id, add: [contacts[0].id, contacts[1].id], remove: [])
            guard let groups = Self.openGroups(h) else { return }
            XCTAssertEqual(h.app.context, .groups)
            XCTAssertEqual(groups.side(.include).map(\.view.group.name), ["VIPs"])
            XCTAssertEqual(groups.side(.exclude).map(\.view.group.name), ["Opted out"])
            XCTAssertEqual(groups.focusedGroup?.people.map(\.fullName), ["Contact 00", "Contact 01"])

            h.press(.tab)
            XCTAssertEqual(groups.focusedRole, .exclude, "Tab goes to the other side")
            h.press(.character("a"))
            Self.pick(h, "Contact 01", count: 1)
            XCTAssertEqual(groups.staged.changes(in: Self.exclude.id).additions.map(\.fullName), ["Contact 01"])
            XCTAssertTrue(groups.staged.changes(in: Self.include.id).isEmpty, "the change went into the chosen group only")
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(h.service.storedGroupMembers(of: id, groupId: Self.exclude.id), [contacts[1].id])
            XCTAssertEqual(h.service.storedMembers(of: id), [contacts[0].id], "exclusion wins over inclusion")
            XCTAssertEqual(h.app.toast, "Saved members of 'Spring VIPs': +1 −0 in 1 group")
            XCTAssertFalse(groups.isDirty)
            XCTAssertEqual(groups.groups.first { $0.group.id == Self.exclude.id }?.group.size, 1, "sizes read again after the save")
        }
    }

    func testRemoveUndoRedoAcrossGroups() {
        onMain {
            let contacts = demoContacts(10)
            let h = Harness([Self.journeysSegment("Partners")], contacts: contacts, api: .journeys)
            let id = h.app.list.selected!.id
            _ = try! h.service.changeMembers(of: id, groupId: Self.include.id, add: [contacts[0].id, contacts[1].id], remove: [])
            _ = try! h.service.changeMembers(of: id, groupId: Self.exclude.id, add: [contacts[2].id], remove: [])
            guard let groups = Self.openGroups(h) else { return }
            h.press(.character("j"), .character("d"))
            XCTAssertEqual(groups.staged.changes(in: Self.include.id).removals.map(\.fullName), ["Contact 01"])
            h.press(.tab, .character("d"))
            XCTAssertEqual(groups.staged.changes(in: Self.exclude.id).removals.map(\.fullName), ["Contact 02"])
            h.press(.character("u"))
            XCTAssertTrue(groups.staged.changes(in: Self.exclude.id).isEmpty, "u takes back the last staging")
            XCTAssertFalse(groups.staged.changes(in: Self.include.id).isEmpty, "and only that")
            h.press(.control("r"))
            XCTAssertEqual(groups.staged.removalCount, 2)
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(h.service.storedGroupMembers(of: id, groupId: Self.include.id), [contacts[0].id])
            XCTAssertEqual(h.service.storedGroupMembers(of: id, groupId: Self.exclude.id), [])
        }
    }

    func testSavesInCallsOfAtMostAThousandIds() {
        onMain {
            let contacts = demoContacts(2_500)
            let h = Harness([Self.journeysSegment("Big list")], contacts: contacts, api: .journeys)
            let id = h.app.list.selected!.id
            guard let groups = Self.openGroups(h) else { return }
            groups.add(contacts)
            XCTAssertEqual(groups.staged.additionCount, 2_500)
            let before = h.service.requestCount
            h.press(.control("s"))
            h.settle()
            XCTAssertNil(groups.lastError, "the service takes at most 1,000 ids a call and refused none")
            XCTAssertEqual(h.service.storedGroupMembers(of: id, groupId: Self.include.id).count, 2_500)
            // 3 calls of ≤1,000, one read of the segment, then the reload: segment + one page per group.
            XCTAssertEqual(h.service.requestCount - before, 3 + 1 + 1 + 2)
            XCTAssertEqual(StagedGroups.batches(of: contacts.map(\.id), limit: 1_000).map(\.count), [1_000, 1_000, 500])
        }
    }

    func testEachGroupIsPagedOnItsOwn() {
        onMain {
            // Two-digit names, so that the order by name is the order by number.
            let contacts = demoContacts(90)
            let h = Harness([Self.journeysSegment("Paged")], contacts: contacts, api: .journeys)
            let id = h.app.list.selected!.id
            _ = try! h.service.changeMembers(of: id, groupId: Self.include.id, add: contacts.map(\.id), remove: [])
            _ = try! h.service.changeMembers(of: id, groupId: Self.exclude.id, add: [contacts[0].id], remove: [])
            guard let groups = Self.openGroups(h) else { return }
            XCTAssertEqual(groups.focusedGroup?.people.count, GroupMembersModel.pageSize)
            XCTAssertEqual(groups.focusedGroup?.hasMore, true)
            h.press(.pageDown)
            h.settle()
            XCTAssertEqual(groups.focusedGroup?.page, 2)
            XCTAssertEqual(groups.focusedGroup?.people.first?.fullName, "Contact 50")
            XCTAssertEqual(groups.groups.first { $0.group.role == .exclude }?.page, 1, "the other group stays on its page")
            h.press(.pageUp)
            h.settle()
            XCTAssertEqual(groups.focusedGroup?.page, 1)
        }
    }

    func testCreateRenameAndDeleteGroupsUpToTen() {
        onMain {
            let h = Harness([Self.journeysSegment("Groups")], api: .journeys)
            let id = h.app.list.selected!.id
            guard let groups = Self.openGroups(h) else { return }
            h.press(.tab, .character("c"))
            XCTAssertNotNil(groups.prompt)
            XCTAssertTrue(h.app.isEditingText, "typed keys go into the name")
            h.type("Competitors")
            h.press(.enter)
            h.settle()
            let stored = try! h.service.groups(of: id)
            XCTAssertEqual(stored.map(\.name), ["VIPs", "Opted out", "Competitors"])
            XCTAssertEqual(stored.last?.role, .exclude, "created on the side in focus")
            XCTAssertEqual(groups.focusedGroup?.group.name, "Competitors", "the new group is shown")

            h.press(.character("R"))
            for _ in 0..<"Competitors".count { h.press(.backspace) }
            h.type("Rivals")
            h.press(.enter)
            h.settle()
            XCTAssertEqual(try! h.service.groups(of: id).last?.name, "Rivals")

            h.press(.character("X"))
            XCTAssertNotNil(h.app.dialog, "deleting a group asks first")
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(try! h.service.groups(of: id).map(\.name), ["VIPs", "Opted out"])

            for index in 0..<8 { _ = try! h.service.createGroup(in: id, MemberGroupDraft(name: "G\(index)", role: .include)) }
            groups.load()
            h.settle()
            h.press(.character("c"))
            XCTAssertNil(groups.prompt, "no eleventh group")
            XCTAssertEqual(groups.notice, "A segment holds at most 10 groups.")
        }
    }

    func testALiveSegmentsGroupsCannotChange() {
        onMain {
            let h = Harness([Self.journeysSegment("Live list", status: .live)], api: .journeys)
            guard let groups = Self.openGroups(h) else { return }
            h.press(.character("a"))
            XCTAssertNil(h.app.picker)
            XCTAssertEqual(groups.notice, "A live segment's members cannot change; stop it first.")
            h.press(.character("c"))
            XCTAssertNil(groups.prompt)
        }
    }

    func testWhoIsInTheSegmentNowForEveryKind() {
        onMain {
            let contacts = demoContacts(10)
            let dynamic = Self.journeysSegment("Dynamic", type: .dynamic)
            var mixed = Self.journeysSegment("Mixed", type: .mixed)
            mixed.id = "5e000000-0000-4000-8000-000000000091"
            let h = Harness([dynamic, mixed], contacts: contacts, api: .journeys)
            h.service.setQueryMembers(of: dynamic.id, [contacts[3].id, contacts[4].id])
            h.service.setQueryMembers(of: mixed.id, [contacts[5].id, contacts[6].id])
            _ = try! h.service.changeMembers(of: mixed.id, groupId: Self.include.id, add: [contacts[7].id], remove: [])
            _ = try! h.service.changeMembers(of: mixed.id, groupId: Self.exclude.id, add: [contacts[5].id], remove: [])

            h.select("Dynamic")
            h.press(.character("m"))
            h.settle()
            guard case .currentMembers(let current)? = h.app.screen else { return XCTFail("a dynamic segment shows who is in it") }
            XCTAssertEqual(current.people.map(\.fullName), ["Contact 03", "Contact 04"])
            XCTAssertEqual(current.total, 2)
            h.press(.character("v"))
            XCTAssertEqual(h.app.toast, "'Dynamic' has no static groups: its query decides")
            h.press(.escape)
            XCTAssertNil(h.app.screen)

            h.select("Mixed")
            h.press(.character("m"))
            h.settle()
            guard case .groups? = h.app.screen else { return XCTFail("a mixed segment opens on its groups") }
            h.press(.character("v"))
            h.settle()
            guard case .currentMembers(let now)? = h.app.screen else { return XCTFail("v shows who is in it now") }
            XCTAssertEqual(now.people.map(\.fullName), ["Contact 06", "Contact 07"], "query + include − exclude")
            h.press(.character("v"))
            h.settle()
            guard case .groups? = h.app.screen else { return XCTFail("v goes back to the groups") }
        }
    }

    func testUnsavedGroupChangesBecomeADraftAndComeBack() {
        onMain {
            let contacts = demoContacts(5)
            let h = Harness([Self.journeysSegment("Drafted")], contacts: contacts, api: .journeys)
            guard let groups = Self.openGroups(h) else { return }
            h.press(.tab)
            groups.add([contacts[2]])
            let draft = try! XCTUnwrap(h.app.unsavedDraft)
            XCTAssertEqual(draft.groupChanges?.map(\.groupId), [Self.exclude.id])
            XCTAssertEqual(draft.added.map(\.name), ["Contact 02"])
            h.app.closeScreen()
            h.app.restore(draft)
            h.settle()
            guard case .groups(let restored)? = h.app.screen else { return XCTFail("the draft reopens the groups") }
            XCTAssertEqual(restored.staged.changes(in: Self.exclude.id).additions.map(\.fullName), ["Contact 02"])
        }
    }
}
