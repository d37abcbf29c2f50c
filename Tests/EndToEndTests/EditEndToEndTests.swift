import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// Writes from the keyboard, end to end: the real binary in tmux against `segtui serve`, and after
/// every step the service's stored state read back over HTTP.
final class EditEndToEndTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = temporaryDirectory("e2e-edit")
    }

    private func startApp(_ service: ServiceProcess, columns: Int = 120, rows: Int = 30) throws -> Tmux {
        let tmux = try Tmux.segtui(against: service.baseURL, state: work.appendingPathComponent("state"), columns: columns, rows: rows)
        return tmux
    }

    /// The contact on the first member row of a screen.
    private static func firstListed(of people: [Contact], on screen: String) -> Contact? {
        for line in screen.split(separator: "\n") {
            if let person = people.first(where: { line.contains($0.email!) }) { return person }
        }
        return nil
    }

    private func storedSegment(named name: String, _ client: OutboundSegmentService) throws -> Segment? {
        try client.firstPage(SegmentListQuery(nameContains: name)).segments.first { $0.name == name }
    }

    func testCreateWithPickedMembersGoLiveStopRemoveAMemberAndDelete() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let people = try distinctContacts(client, count: 3)
        let name = "E2E static \(UUID().uuidString.prefix(6))"
        let tmux = try startApp(service)

        // n: the form; name, Static (the default), a description, then three contacts picked by search.
        try tmux.press("n")
        tmux.waitForText("New segment")
        try tmux.typeText(name)
        try tmux.press("Tab", "Tab")
        try tmux.typeText("made from the keyboard")
        try tmux.press("Tab", "Enter")
        tmux.waitForText("Add contacts")
        for (index, person) in people.enumerated() {
            try tmux.press("C-u")
            try tmux.typeText(person.email!)
            tmux.waitForScreen("search for \(person.email!)") { $0.contains("1 found") && $0.contains(person.fullName) }
            try tmux.press("Down", "Space")
            tmux.waitForText("(\(index + 1) marked)")
        }
        try tmux.press("Enter")
        tmux.waitForText("3: ")
        try tmux.press("C-s")
        tmux.waitForText("Created '\(name)'")
        let listed = try XCTUnwrap(try storedSegment(named: name, client))
        let created = try client.segment(id: listed.id)
        XCTAssertEqual(created.type, .static)
        XCTAssertEqual(created.status, .draft)
        XCTAssertEqual(created.description, "made from the keyboard")
        XCTAssertEqual(Set(try client.memberIds(of: created.id).map { $0.lowercased() }), Set(people.map(\.id)))

        // L: go live, confirm, and see the service move it on to Live.
        try tmux.press("L")
        tmux.waitForText("[ Go live ]")
        try tmux.press("Tab", "Enter")
        tmux.waitForText("Segment '\(name)' is live")
        let rowLine = try tmux.screen().split(separator: "\n").first { $0.contains(name) }
        XCTAssertEqual(rowLine?.contains("Live"), true, String(rowLine ?? ""))
        XCTAssertEqual(try client.segment(id: created.id).status, .live)

        // L again: stop it.
        try tmux.press("L")
        tmux.waitForText("[ Stop ]")
        try tmux.press("Tab", "Enter")
        tmux.waitForText("Segment '\(name)' is stopped")
        XCTAssertEqual(try client.segment(id: created.id).status, .stopped)

        // m: the members; d on the first, Ctrl-S.
        try tmux.press("m")
        let membersScreen = try XCTUnwrap(tmux.waitForText("3 members"))
        let first = try XCTUnwrap(Self.firstListed(of: people, on: membersScreen), membersScreen)
        try tmux.press("d")
        tmux.waitForText("staged: +0")
        try tmux.press("C-s")
        tmux.waitForText("Saved members of '\(name)'")
        let remaining = Set(try client.memberIds(of: created.id).map { $0.lowercased() })
        XCTAssertEqual(remaining.count, 2)
        XCTAssertEqual(remaining, Set(people.map(\.id)).subtracting([first.id]), "the member on the first row was removed")
        try tmux.press("Escape")
        tmux.waitForText("Modified on")

        // D: delete, after a confirmation that names it.
        try tmux.press("D")
        tmux.waitForText("Delete '\(name)' for good?")
        try tmux.press("Tab", "Enter")
        tmux.waitForText("Deleted '\(name)'")
        XCTAssertThrowsError(try client.segment(id: created.id)) { error in
            XCTAssertEqual((error as? SegmentServiceError)?.isNotFound, true, "\(error)")
        }
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    func testTwoPeopleEditingTheSameMembersBothKeepTheirChanges() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let people = try distinctContacts(client, count: 4)
        let name = "E2E shared \(UUID().uuidString.prefix(6))"
        let id = try client.create(SegmentDraft(name: name, type: .static, memberIds: people.prefix(3).map(\.id)))
        XCTAssertEqual(try client.memberIds(of: id).count, 3)

        // Both open the members of the same segment.
        let alice = try startApp(service)
        let bob = try startApp(service)
        for tmux in [alice, bob] {
            try tmux.filterList(to: name)
            try tmux.press("m")
            tmux.waitForText("3 members")
        }
        let removed = try XCTUnwrap(Self.firstListed(of: people, on: try alice.screen()))
        // Alice removes the first member; Bob adds the fourth contact. Alice saves first.
        try alice.press("d")
        alice.waitForText("staged: +0")
        try bob.press("a")
        bob.waitForText("Add contacts")
        try bob.typeText(people[3].email!)
        bob.waitForScreen("search") { $0.contains("1 found") && $0.contains(people[3].fullName) }
        try bob.press("Down", "Space", "Enter")
        bob.waitForText("staged: +1")
        try alice.press("C-s")
        alice.waitForText("Saved members of '\(name)'")
        try bob.press("C-s")
        bob.waitForText("merged with changes made on the service meanwhile")

        let final = Set(try client.memberIds(of: id).map { $0.lowercased() })
        XCTAssertEqual(final, Set(people.map(\.id)).subtracting([removed.id]), "Alice's removal and Bob's addition both hold")
        try alice.press("q")
        try bob.press("q")
        alice.waitForText("exit=0")
        bob.waitForText("exit=0")
    }
}

extension Tmux {
    /// Types text as the user would, without Enter.
    func typeText(_ text: String) throws {
        try run(["send-keys", "-t", "0", "-l", text])
    }
}
