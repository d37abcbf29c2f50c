import Foundation
import Segments
import TestSupport
import XCTest

@testable import ViewModels

/// `/` in the members (issue 12): the rows follow the text as it is typed, by name or email, case
/// and accents ignored; Enter keeps the search for g, G, V and d; Esc brings every row back.
final class MembersSearchTests: XCTestCase {
    static let people: [Contact] = [
        Contact(id: "c0000000-0000-4000-8000-000000000001", fullName: "Ana Souza", email: "ana.souza@example.com"),
        Contact(id: "c0000000-0000-4000-8000-000000000002", fullName: "Björn Åkesson", email: "bjorn@example.se"),
        Contact(id: "c0000000-0000-4000-8000-000000000003", fullName: "Bjarne Olsen", email: "bjarne@example.dk"),
        Contact(id: "c0000000-0000-4000-8000-000000000004", fullName: "Chen Wei", email: "chen.wei@example.se"),
        Contact(id: "c0000000-0000-4000-8000-000000000005", fullName: "Dana Björk", email: "dana@example.is"),
    ]

    @MainActor
    private static func openMembers() -> (Harness, MembersModel)? {
        let h = Harness([segment("Static one", type: .static, index: 91)], contacts: people)
        try! h.service.updateMembers(of: h.app.list.rows[0].id, add: people.map(\.id), remove: [])
        h.press(.character("m"))
        h.settle()
        guard case .members(let members)? = h.app.screen else { return nil }
        return (h, members)
    }

    @MainActor
    private static func names(_ members: MembersModel) -> Set<String> { Set(members.rows.map(\.contact.fullName)) }

    func testSlashNarrowsTheRowsAsTypedAndEscBringsThemBack() throws {
        try onMainThrowing {
            let (h, members) = try XCTUnwrap(Self.openMembers())
            XCTAssertEqual(members.rows.count, 5)
            h.press(.character("/"))
            XCTAssertEqual(h.app.lastRouted?.action, .filter, "a row of the members' table")
            XCTAssertEqual(h.app.lastRouted?.context, .members)
            XCTAssertEqual(h.app.context, .filter, "the prompt has the keys")
            XCTAssertEqual(h.app.prompt?.label, "Search members: ")
            let requests = h.service.requestCount

            h.type("bjo")
            XCTAssertEqual(Self.names(members), ["Björn Åkesson", "Dana Björk"], "accents and case ignored")
            XCTAssertEqual(h.app.prompt?.text.text, "bjo")
            h.press(.backspace)
            XCTAssertEqual(Self.names(members), ["Björn Åkesson", "Bjarne Olsen", "Dana Björk"])
            h.press(.control("u"))
            h.type(".se")
            XCTAssertEqual(Self.names(members), ["Björn Åkesson", "Chen Wei"], "by email too")
            XCTAssertEqual(h.service.requestCount, requests, "searching asks the service nothing")

            h.press(.enter)
            XCTAssertEqual(h.app.context, .members, "Enter keeps the search and gives the keys back")
            XCTAssertNil(h.app.prompt)
            XCTAssertEqual(members.search?.text, ".se")
            h.press(.character("G"))
            XCTAssertEqual(members.selectedIndex, 1, "G: the last row shown")
            let last = try XCTUnwrap(members.selectedRow?.contact)
            h.press(.character("g"), .character("V"), .character("j"), .character("d"))
            XCTAssertEqual(Set(members.staged.removals.map(\.fullName)), ["Björn Åkesson", "Chen Wei"],
                           "V and d mark the range of the rows shown, no other")

            h.press(.escape)
            XCTAssertNil(members.search, "Esc clears the search first")
            XCTAssertEqual(members.rows.count, 5)
            XCTAssertEqual(members.selectedRow?.contact, last, "the selected contact stays selected")
            guard case .members? = h.app.screen else { return XCTFail("the screen stays open") }
            h.press(.escape)
            XCTAssertNotNil(h.app.dialog, "then Esc closes, asking about the staged removals")
        }
    }

    func testEscInThePromptDropsTheSearchAndANewSlashReopensAKeptOne() throws {
        try onMainThrowing {
            let (h, members) = try XCTUnwrap(Self.openMembers())
            h.press(.character("/"))
            h.type("zz")
            XCTAssertTrue(members.rows.isEmpty)
            h.press(.escape)
            XCTAssertNil(members.search)
            XCTAssertEqual(members.rows.count, 5)
            XCTAssertEqual(h.app.context, .members)
            guard case .members? = h.app.screen else { return XCTFail("Esc in the prompt does not close the screen") }

            h.press(.character("/"))
            h.type("ana")
            h.press(.enter)
            h.press(.character("/"))
            XCTAssertEqual(h.app.prompt?.text.text, "ana", "the kept text, to change")
            h.type(" s")
            XCTAssertEqual(Self.names(members), ["Ana Souza"])
            h.press(.control("u"), .enter)
            XCTAssertNil(members.search, "an emptied search goes")
        }
    }

    func testSearchInTheReadOnlyApp() throws {
        try onMainThrowing {
            let h = Harness([segment("Static one", type: .static, index: 91)], contacts: Self.people, readOnly: true)
            try h.service.updateMembers(of: h.app.list.rows[0].id, add: Self.people.map(\.id), remove: [])
            h.press(.character("m"))
            h.settle()
            guard case .members(let members)? = h.app.screen else { return XCTFail("members open read-only") }
            h.press(.character("/"))
            h.type("chen")
            XCTAssertEqual(Self.names(members), ["Chen Wei"], "reading is not writing")
        }
    }
}

/// Journeys: `/` searches the group in focus, a row of the groups' table; the other side keeps
/// every row, and Tab takes the search to the group in focus there.
final class GroupsSearchTests: XCTestCase {
    func testSlashSearchesTheGroupInFocus() throws {
        try onMainThrowing {
            var s = JourneysMembersTests.journeysSegment("Spring VIPs")
            s.groups = [JourneysMembersTests.include, JourneysMembersTests.exclude]
            let h = Harness([s], contacts: MembersSearchTests.people, api: .journeys)
            let id = try XCTUnwrap(h.app.list.selected?.id)
            let people = MembersSearchTests.people
            _ = try h.service.changeMembers(of: id, groupId: JourneysMembersTests.include.id, add: people.prefix(3).map(\.id), remove: [])
            _ = try h.service.changeMembers(of: id, groupId: JourneysMembersTests.exclude.id, add: people.suffix(2).map(\.id), remove: [])
            h.press(.character("m"))
            h.settle()
            guard case .groups(let groups)? = h.app.screen else { return XCTFail("the groups screen is open") }
            let names = { (view: GroupMembersModel.GroupView?) in Set(view.map { groups.rows(of: $0).map(\.contact.fullName) } ?? []) }
            let include = { groups.shownGroupIndex(.include).map { groups.groups[$0] } }
            let exclude = { groups.shownGroupIndex(.exclude).map { groups.groups[$0] } }

            h.press(.character("/"))
            XCTAssertEqual(h.app.lastRouted?.action, .filter)
            XCTAssertEqual(h.app.lastRouted?.context, .groups, "a row of the groups' table")
            XCTAssertEqual(h.app.context, .filter)
            h.type("BJ")
            XCTAssertEqual(names(include()), ["Björn Åkesson", "Bjarne Olsen"], "the group in focus narrows")
            XCTAssertEqual(names(exclude()), ["Chen Wei", "Dana Björk"], "the other side keeps every row")
            h.press(.enter)
            XCTAssertEqual(h.app.context, .groups)
            h.press(.tab)
            XCTAssertEqual(names(exclude()), ["Dana Björk"], "the search follows the focus")
            XCTAssertEqual(names(include()).count, 3)
            h.press(.escape)
            XCTAssertNil(groups.search, "Esc clears the search first")
            XCTAssertEqual(names(exclude()).count, 2)
            guard case .groups? = h.app.screen else { return XCTFail("the screen stays open") }
        }
    }
}
