import Dataverse
import Foundation
import GRDB
import Segments
import SegtuiHarness
import XCTest

/// What the script commands print is true and harmless: no escape sequence from the service
/// reaches a terminal (issue 15 item 10), one JSON shape with no nulls (issue 12 bug 5), golive and
/// stop on a segment already there (bug 4), members changes counted as the service did them (bug 6).
final class CommandHonestyTests: CommandTestCase {
    static let hostileName = "\tOSC\u{1B}]0;pwned\u{07} C1\u{9D}0;pwned\u{9C} CSI\u{1B}[2J bidi\u{202E}x"

    /// A segment holding hostile text. The embedded service refuses ESC and BEL as Dataverse does
    /// (issue 15 item 8), but a hostile or broken service can still send them: the text is
    /// planted in its database, as HostileDataEndToEndTests does.
    private func plantHostileSegment(description: String? = nil) throws -> String {
        let id = try service.create(SegmentDraft(name: "hostile placeholder", type: .static, description: description == nil ? nil : "placeholder"))
        let database = try DatabaseQueue(path: server.databasePath)
        try database.write { db in
            try db.execute(
                // name_fold is what the service's name filter compares: folded as the service folds.
                sql: "UPDATE segments SET msdyncrm_segmentname = ?, name_fold = ?, msdyncrm_description = ? WHERE msdyncrm_segmentid = ?",
                arguments: [Self.hostileName, Self.hostileName.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased(),
                            description, id])
            XCTAssertEqual(db.changesCount, 1)
        }
        try database.close()
        return id
    }

    /// ESC, BEL, the C1 controls (as UTF-8) and the bidi override, none of which may reach a terminal raw.
    private func assertNoControls(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter { $0.value == 0x1B || $0.value == 0x07 || (0x80...0x9F).contains($0.value) || $0.value == 0x202E }
        XCTAssertTrue(bad.isEmpty, "\(what) carries \(bad.map { String($0.value, radix: 16) }): \(text.debugDescription)", file: file, line: line)
    }

    func testNoEscapeReachesTheOutputExceptExactDataIntoAPipe() throws {
        let id = try plantHostileSegment(description: "d\u{1B}[31m\u{85}")

        let table = try segtui(["list", "--filter", "OSC"])
        XCTAssertEqual(table.status, 0, table.stderr)
        assertNoControls(table.stdout, "the list's table, even into a pipe")
        XCTAssertTrue(table.stdout.contains("OSC^[]0;pwned^G"), table.stdout)

        let json = try segtui(["list", "--json", "--filter", "OSC"])
        assertNoControls(json.stdout, "list --json")
        XCTAssertTrue(json.stdout.contains("\\u009d") && json.stdout.contains("\\u001b") && json.stdout.contains("\\u202e"), json.stdout)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(object["name"] as? String, Self.hostileName, "JSON stays exact")
        XCTAssertEqual(object["description"] as? String, "d\u{1B}[31m\u{85}")

        let exported = try segtui(["export"])
        assertNoControls(exported.stdout, "export")
        XCTAssertTrue(exported.lines.contains { $0.contains(id) && $0.contains("\\u009d") })

        let show = try segtui(["show", id])
        assertNoControls(show.stdout, "show")

        // CSV into a pipe is data: exact, quoted as RFC 4180 wants, the leading TAB guarded.
        let csv = try segtui(["list", "--csv", "--filter", "OSC"])
        XCTAssertEqual(csv.lines.count, 2, csv.stdout)
        XCTAssertTrue(csv.lines[1].contains(",'\t" + "OSC\u{1B}]0;pwned\u{07}"), csv.lines[1].debugDescription)

        // Messages from the service on stderr: a query the service refuses, echoed back.
        let refused = try segtui(["members", id, "add", "--query", "PROFILE(contact).FILTER(\u{1B}]0;pwned\u{07})"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("^["), refused.stderr)
        assertNoControls(refused.stderr, "an error message")

        // members list: the email column.
        let contact = try XCTUnwrap(try service.searchContacts("", top: 1).first)
        try runProgram("/usr/bin/sqlite3", [server.databasePath,
            "UPDATE contacts SET emailaddress1 = 'x' || char(27) || ']0;pwned' || char(7) || '@example.com' WHERE contactid = '\(contact.id)'"])
        _ = try segtui(["members", id, "add", "--from-file", "-"], stdin: contact.id + "\n")
        let members = try segtui(["members", id])
        XCTAssertEqual(members.status, 0, members.stderr)
        assertNoControls(members.stdout, "members list")
        XCTAssertTrue(members.stdout.contains("x^[]0;pwned^G@example.com"), members.stdout)
        let membersJSON = try segtui(["members", id, "--json"])
        assertNoControls(membersJSON.stdout, "members --json")
    }

    func testNothingRetitlesTheTerminal() throws {
        let id = try plantHostileSegment()
        let tmux = try Tmux(columns: 160, rows: 30)
        try tmux.run(["set-option", "-g", "allow-rename", "on"])
        try tmux.run(["set-option", "-g", "set-titles", "on"])
        let titleBefore = try tmux.run(["display-message", "-p", "-t", "0", "#{pane_title}"])
        let url = server.baseURL.absoluteString
        for (number, command) in ["list", "list --csv", "list --json", "show \(id)", "show \(id) --json", "export", "members \(id)",
                                  "golive \(id)"].enumerated() {
            try tmux.typeLine("\(BuiltProducts.segtui) \(command) --url \(url); echo done-\(number)=$?")
            tmux.waitForText("done-\(number)=")
        }
        XCTAssertEqual(try tmux.run(["display-message", "-p", "-t", "0", "#{pane_title}"]), titleBefore, "the title was not changed")
    }

    func testOneJSONShapeWithoutNulls() throws {
        let id = try service.create(SegmentDraft(name: "Shaped", type: .dynamic, description: "described",
                                                 query: "PROFILE(contact).FILTER(ISNOTNULL(contact.emailaddress1))"))
        let listed = try segtui(["list", "--json", "--filter", "Shaped"])
        let shown = try segtui(["show", id, "--json"])
        let exported = try segtui(["export"])
        for output in [listed.stdout, shown.stdout, exported.stdout] { XCTAssertFalse(output.contains("null"), output) }
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.lines[0].utf8)) as? [String: Any])
        let show = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        var export = try XCTUnwrap(exported.lines.lazy.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.first { $0["id"] as? String == id })
        XCTAssertNotNil(export.removeValue(forKey: "memberIds"))
        for key in ["createdOn", "query", "queryName", "description", "modifiedOn", "etag"] {
            XCTAssertNotNil(list[key] as? String, "list --json has \(key)")
        }
        XCTAssertEqual(Set(list.keys), Set(show.keys))
        XCTAssertEqual(Set(export.keys), Set(show.keys))
        for key in show.keys where key != "members" {
            XCTAssertEqual("\(list[key]!)", "\(show[key]!)", key)
            XCTAssertEqual("\(export[key]!)", "\(show[key]!)", key)
        }

        // Without a value the key is absent: a static segment with no description.
        let bare = try service.create(SegmentDraft(name: "Bare", type: .static))
        let bareShown = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try segtui(["show", bare, "--json"]).stdout.utf8)) as? [String: Any])
        XCTAssertNil(bareShown["description"])
        XCTAssertNil(bareShown["query"])
        XCTAssertEqual(bareShown["name"] as? String, "Bare")
    }

    func testGoLiveOnALiveSegmentIsAlreadyDone() throws {
        let id = try service.create(SegmentDraft(name: "Already", type: .static))
        XCTAssertEqual(try segtui(["golive", id, "--wait", "--wait-timeout", "30"]).status, 0)
        let etag = try service.segment(id: id).etag
        let again = try segtui(["golive", id])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("is already Live"), again.stderr)
        XCTAssertEqual(again.stdout, "Live\n")
        XCTAssertEqual(try service.segment(id: id).status, .live)
        XCTAssertEqual(try service.segment(id: id).etag, etag, "nothing was written")
    }

    func testMembersChangesReportWhatTheServiceDid() throws {
        let contacts = try service.searchContacts("", top: 3).map(\.id)
        let id = try service.create(SegmentDraft(name: "Counted", type: .static, memberIds: [contacts[0]]))
        let unknown = "00000000-0000-4000-8000-0000000000ff"
        let added = try segtui(["members", id, "add", "--from-file", "-"], stdin: [contacts[0], contacts[1], unknown].joined(separator: "\n"))
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, "added 1, 1 already a member, 1 unknown id ignored\n")
        XCTAssertEqual(Set(try service.memberIds(of: id)), Set(contacts.prefix(2)))

        let removed = try segtui(["members", id, "remove", "--from-file", "-"], stdin: [contacts[1], contacts[2], unknown].joined(separator: "\n"))
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(removed.stdout, "removed 1, 2 not members\n")
        XCTAssertEqual(try service.memberIds(of: id), [contacts[0]])

        XCTAssertEqual(try segtui(["golive", id, "--wait", "--wait-timeout", "30"]).status, 0)
        let refused = try segtui(["members", id, "add", "--from-file", "-"], stdin: contacts[2] + "\n")
        XCTAssertEqual(refused.status, 2, "a live segment's members cannot change: a conflict, as README says: \(refused.stderr)")
        XCTAssertTrue(refused.stderr.contains("is Live"), refused.stderr)
        XCTAssertEqual(try service.memberIds(of: id), [contacts[0]])
    }
}
