import Dataverse
import Foundation
import Segments
import SegtuiHarness
import XCTest

/// Each script command against `segtui serve`: its output, its exit status, and what the service
/// stored afterwards.
final class CommandTests: CommandTestCase {
    private func allSegments() throws -> [Segment] {
        var page = try service.firstPage(SegmentListQuery(pageSize: 5000))
        var all = page.segments
        while let next = page.next {
            page = try service.nextPage(next)
            all += page.segments
        }
        return all
    }

    private func contactIds(_ count: Int) throws -> [String] {
        try service.searchContacts("", top: count).map(\.id)
    }

    func testListInEveryFormatAndFilter() throws {
        let stored = try allSegments()
        let table = try segtui(["list"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertEqual(table.lines.count, stored.count + 1, "a header and a line a segment")
        XCTAssertTrue(table.lines[0].hasPrefix("ID"))

        let json = try segtui(["list", "--json"])
        XCTAssertEqual(json.lines.count, stored.count)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.lines[0].utf8)) as? [String: Any])
        for key in ["id", "name", "type", "typeCode", "status", "statusCode", "members", "modifiedOn"] {
            XCTAssertNotNil(first[key], "stable key \(key)")
        }
        XCTAssertEqual(Set(json.lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }), Set(stored.map(\.id)))

        let csv = try segtui(["list", "--csv", "--status", "live", "--type", "static"])
        XCTAssertEqual(csv.lines.first, "id,name,type,status,members,modifiedOn")
        XCTAssertEqual(csv.lines.count - 1, stored.filter { $0.status == .live && $0.type == .static }.count)

        let filtered = try segtui(["list", "--json", "--filter", "VIP"])
        XCTAssertEqual(filtered.lines.count, stored.filter { $0.name.lowercased().contains("vip") }.count)

        let bad = try segtui(["list", "--status", "sideways"])
        XCTAssertEqual(bad.status, 64)
        // argument-parser's words now: the bad value, the option, and every status it takes.
        XCTAssertTrue(bad.stderr.contains("The value 'sideways' is invalid for '--status <status>'"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("- live-with-warnings"), bad.stderr)
    }

    func testShowByNameAndIdNotFoundAndAmbiguous() throws {
        let target = try XCTUnwrap(try allSegments().first { $0.name == "東京の見込み客" })
        let byName = try segtui(["show", "東京の見込み客"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertTrue(byName.stdout.contains(target.id))
        let byId = try segtui(["show", target.id, "--json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(byId.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["name"] as? String, "東京の見込み客")

        let missing = try segtui(["show", "No such segment"])
        XCTAssertEqual(missing.status, 3)
        XCTAssertTrue(missing.stderr.contains("No segment is named"), missing.stderr)
        let missingId = try segtui(["show", "00000000-0000-4000-8000-00000000abcd"])
        XCTAssertEqual(missingId.status, 3)

        _ = try service.create(SegmentDraft(name: "Twins", type: .static))
        _ = try service.create(SegmentDraft(name: "Twins", type: .static))
        let ambiguous = try segtui(["show", "Twins"])
        XCTAssertEqual(ambiguous.status, 64)
        XCTAssertTrue(ambiguous.stderr.contains("2 segments are named 'Twins'"), ambiguous.stderr)
    }

    func testCreateMembersGoLiveStopDelete() throws {
        let contacts = try contactIds(5)
        let file = work.appendingPathComponent("members.txt")
        try (["# first three", "crm" + contacts[0], contacts[1], "", contacts[2] + ",extra column"].joined(separator: "\n"))
            .write(to: file, atomically: true, encoding: .utf8)
        let created = try segtui(["create", "--name", "Scripted static", "--type", "static", "--members-from", file.path])
        XCTAssertEqual(created.status, 0, created.stderr)
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(Set(try service.memberIds(of: id)), Set(contacts.prefix(3)))
        XCTAssertEqual(try service.segment(id: id).status, .draft)

        let listed = try segtui(["members", "Scripted static"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertEqual(Set(listed.lines.map { String($0.split(separator: "\t")[0]) }), Set(contacts.prefix(3)))

        try contacts[3...4].joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let added = try segtui(["members", id, "add", "--from-file", file.path])
        XCTAssertEqual(added.status, 0, added.stderr)
        try contacts[0].write(to: file, atomically: true, encoding: .utf8)
        let removed = try segtui(["members", id, "remove", "--from-file", "-"], stdin: contacts[0] + "\n")
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(Set(try service.memberIds(of: id)), Set(contacts[1...4]))

        let badFile = try segtui(["members", id, "add", "--from-file", "-"], stdin: "not-an-id\n")
        XCTAssertEqual(badFile.status, 64)
        XCTAssertTrue(badFile.stderr.contains("-:1: 'not-an-id' is not a contact id"), badFile.stderr)

        let live = try segtui(["golive", id, "--wait", "--wait-timeout", "30"])
        XCTAssertEqual(live.status, 0, live.stderr)
        XCTAssertEqual(live.stdout, "Live\n")
        XCTAssertEqual(try service.segment(id: id).status, .live)

        let stopped = try segtui(["stop", "Scripted static", "--wait", "--wait-timeout", "30"])
        XCTAssertEqual(stopped.status, 0, stopped.stderr)
        XCTAssertEqual(try service.segment(id: id).status, .stopped)

        // Issue 12 bug 4: stopping a Stopped segment is already done, not a conflict, and writes nothing.
        let etagBefore = try service.segment(id: id).etag
        let stopStopped = try segtui(["stop", id])
        XCTAssertEqual(stopStopped.status, 0, "a stopped segment is already stopped: \(stopStopped.stderr)")
        XCTAssertTrue(stopStopped.stderr.contains("is already Stopped"), stopStopped.stderr)
        XCTAssertEqual(stopStopped.stdout, "Stopped\n")
        XCTAssertEqual(try service.segment(id: id).etag, etagBefore, "no write")
        let draft = try segtui(["stop", "--wait", try service.create(SegmentDraft(name: "Never live", type: .static))])
        XCTAssertEqual(draft.status, 2, "a Draft cannot stop: \(draft.stderr)")
        XCTAssertTrue(draft.stderr.contains("is Draft and cannot stop now"), draft.stderr)

        let refused = try segtui(["delete", id])
        XCTAssertEqual(refused.status, 64, "no --yes and no terminal")
        XCTAssertNoThrow(try service.segment(id: id))
        let deleted = try segtui(["delete", id, "--yes"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertThrowsError(try service.segment(id: id)) { XCTAssertEqual(($0 as? SegmentServiceError)?.isNotFound, true, "\($0)") }
    }

    func testExportWritesEverySegmentWithMembers() throws {
        let stored = try allSegments()
        let exported = try segtui(["export"])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(exported.lines.count, stored.count)
        let objects = exported.lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(objects.count, stored.count)
        let staticOne = try XCTUnwrap(stored.first { $0.type == .static && ($0.size ?? 0) > 0 })
        let object = try XCTUnwrap(objects.first { $0["id"] as? String == staticOne.id })
        XCTAssertEqual(Set(object["memberIds"] as? [String] ?? []), Set(try service.memberIds(of: staticOne.id)))
        XCTAssertTrue(exported.stderr.contains("segments"), "progress goes to stderr")
    }

    func testManPageCompletionsAndVersionComeFromTheParser() throws {
        let man = try segtui(["man"], withURL: false)
        XCTAssertEqual(man.status, 0, man.stderr)
        XCTAssertTrue(man.stdout.hasPrefix(".TH SEGTUI 1"))
        for command in ["list", "show", "golive", "stop", "members", "create", "delete", "export", "serve"] {
            XCTAssertTrue(man.stdout.contains(".SS \(command)\n"), "the man page documents \(command)")
        }
        XCTAssertTrue(man.stdout.contains("EXIT STATUS"))
        for shell in ["bash", "zsh", "fish"] {
            let completion = try segtui(["--generate-completion-script", shell], withURL: false)
            XCTAssertEqual(completion.status, 0)
            XCTAssertTrue(completion.stdout.contains("golive"), "\(shell) completes the commands")
        }
        let version = try segtui(["--version"], withURL: false)
        XCTAssertEqual(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
    }

    func testUsageErrors() throws {
        let noType = try segtui(["create", "--name", "x", "--type", "triangular"])
        XCTAssertEqual(noType.status, 64)
        let dynamicWithoutQuery = try segtui(["create", "--name", "x", "--type", "dynamic"])
        XCTAssertEqual(dynamicWithoutQuery.status, 64)
        XCTAssertTrue(dynamicWithoutQuery.stderr.contains("needs --query"))
    }
}

