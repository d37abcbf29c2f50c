import Dataverse
import Foundation
import Segments
import SegtuiHarness
import XCTest

/// The script commands against `segtui serve --api journeys`, with the flags they take on
/// outbound; after each step the stored records are read over HTTP, as raw Dataverse records
/// of both tables and the journeys actions, not through the adapter under test.
final class JourneysCommandTests: XCTestCase {
    private var work: URL!
    private var server: ServiceProcess!
    private var client: DataverseClient!

    override func setUpWithError() throws {
        work = BuiltProducts.temporaryDirectory("journeys-commands")
        server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("j.sqlite").path,
                                    arguments: ["--api", "journeys", "--lifecycle-delay", "0.2"])
        client = DataverseClient(organization: server.baseURL, retry: .none)
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(at: work)
    }

    private func segtui(_ arguments: [String], stdin: String? = nil, url: URL? = nil) throws -> CommandOutcome {
        try runSegtui(arguments, url: url ?? server.baseURL, stdin: stdin,
                      environment: ["XDG_STATE_HOME": work.appendingPathComponent("state").path])
    }

    private func object(_ line: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
    }

    // MARK: stored state, read raw

    private func rawSegment(_ id: String) throws -> ODataRecord? { try raw("msdynmkt_segments", id) }

    private func rawDefinition(_ id: String) throws -> ODataRecord? { try raw("msdynmkt_segmentdefinitions", id) }

    /// The record, or nil on 404.
    private func raw(_ entitySet: String, _ id: String) throws -> ODataRecord? {
        do throws(DataverseError) {
            return try client.record(in: entitySet, id: id)
        } catch {
            if error.status == 404 { return nil }
            throw error
        }
    }

    private func rawGroups(_ definition: ODataRecord) throws -> [[String: Any]] {
        let text = try XCTUnwrap(definition.string("msdynmkt_staticlistmembers"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    private func rawGroupIds(segment: String, group: String) throws -> Set<String> {
        let reply = try client.action("msdynmkt_ListGroupMembers", fields: [
            "SegmentId": .string(segment), "GroupId": .string(group), "PageNo": .number(1), "PageSize": .number(5000),
        ])
        let inner = try JSONValue.parse(Data(try XCTUnwrap(reply["Response"]?.stringValue).utf8))
        return Set((inner["entityIds"]?.arrayValue ?? []).compactMap { $0.stringValue?.lowercased() })
    }

    private func rawCount() throws -> Int {
        var page = try client.firstPage(of: "msdynmkt_segments", query: ODataQuery(select: ["msdynmkt_segmentid"],
            filter: "msdynmkt_source eq 12 and statuscode ne 4"), pageSize: 5000)
        var count = page.records.count
        while let next = page.nextLink {
            page = try client.page(at: next, pageSize: 5000)
            count += page.records.count
        }
        return count
    }

    private func contactIds(_ count: Int) throws -> [String] {
        try client.firstPage(of: "contacts", query: ODataQuery(select: ["contactid"], orderBy: [("fullname", descending: false)]), pageSize: count)
            .records.compactMap { $0.string("contactid")?.lowercased() }
    }

    // MARK: the commands

    func testListAndShowSpeakJourneysWithGroupsAndJourneys() throws {
        let json = try segtui(["list", "--json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertEqual(json.lines.count, try rawCount(), "every journeys segment, every page")
        let objects = try json.lines.map(object)
        XCTAssertTrue(objects.allSatisfy { $0["api"] as? String == "journeys" })
        XCTAssertTrue(objects.allSatisfy { $0["groups"] == nil || $0["groups"] is [Any] })
        XCTAssertTrue(objects.contains { ($0["groups"] as? [Any])?.isEmpty == false }, "static and mixed segments list their groups")

        let shown = try object(try segtui(["show", "Engaged executives", "--json"]).stdout)
        XCTAssertEqual(shown["type"] as? String, "Static and dynamic")
        XCTAssertEqual(Set((shown["groups"] as? [[String: Any]] ?? []).compactMap { $0["role"] as? String }), ["include", "exclude"])
        XCTAssertEqual(shown["journeyNames"] as? [String], ["Spring sale 2026"])

        let mixed = try segtui(["list", "--csv", "--type", "mixed"])
        XCTAssertEqual(mixed.status, 0, mixed.stderr)
        XCTAssertTrue(mixed.lines.dropFirst().allSatisfy { $0.contains(",Static and dynamic,") }, mixed.stdout)
        XCTAssertTrue(mixed.stdout.contains("Engaged executives"))
        let withWarnings = try segtui(["list", "--json", "--status", "live with warnings"])
        XCTAssertEqual(try withWarnings.lines.map(object).compactMap { $0["name"] as? String }, ["Nobody at all"])

        let text = try segtui(["show", "Engaged executives"])
        for label in ["Kind:", "Static groups:", "Refresh:", "Journeys:", "Definition id:"] {
            XCTAssertTrue(text.stdout.contains(label), "show labels \(label):\n\(text.stdout)")
        }
        let current = try segtui(["members", "Engaged executives"])
        XCTAssertEqual(current.status, 0, current.stderr)
        XCTAssertFalse(current.lines.isEmpty, "who is in the segment now")
        let excluded = try segtui(["members", "Engaged executives", "--group", "opted out"])
        XCTAssertEqual(excluded.status, 0, excluded.stderr)
        XCTAssertTrue(Set(excluded.lines.map { String($0.split(separator: "\t")[0]) }).isDisjoint(with: current.lines.map { String($0.split(separator: "\t")[0]) }),
                      "exclusion wins")
        let noGroup = try segtui(["members", "Engaged executives", "--group", "Nope"])
        XCTAssertEqual(noGroup.status, 3)
        XCTAssertTrue(noGroup.stderr.contains("Opted out (Exclude)"), noGroup.stderr)
    }

    func testCreateMembersPublishStopDelete() throws {
        let contacts = try contactIds(5)
        let file = work.appendingPathComponent("members.txt")
        try contacts[0...2].joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let created = try segtui(["create", "--name", "Scripted journeys", "--type", "static", "--members-from", file.path])
        XCTAssertEqual(created.status, 0, created.stderr)
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let segment = try XCTUnwrap(try rawSegment(id))
        XCTAssertEqual(segment.int("msdynmkt_type"), 10)
        XCTAssertEqual(segment.int("msdynmkt_source"), 12)
        let definitionId = try XCTUnwrap(segment.string("msdynmkt_sourcesegmentuid"))
        let definition = try XCTUnwrap(try rawDefinition(definitionId), "the definition the segment points at exists")
        XCTAssertEqual(definition.int("statuscode"), 723_270_001, "Draft")
        let groups = try rawGroups(definition)
        XCTAssertEqual(groups.count, 1)
        let group = try XCTUnwrap(groups.first?["groupId"] as? String)
        XCTAssertEqual(try rawGroupIds(segment: id, group: group), Set(contacts[0...2]))

        try contacts[3...4].joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let added = try segtui(["members", "Scripted journeys", "add", "--group", "Members", "--from-file", file.path])
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(try rawGroupIds(segment: id, group: group), Set(contacts))
        let removed = try segtui(["members", id, "remove", "--from-file", "-"], stdin: contacts[0] + "\n")
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try rawGroupIds(segment: id, group: group), Set(contacts[1...4]))
        let byQuery = try segtui(["members", id, "add", "--query", "PROFILE(contact)"])
        XCTAssertEqual(byQuery.status, 1, "journeys takes members by id only")

        let live = try segtui(["golive", id, "--wait", "--wait-timeout", "30"])
        XCTAssertEqual(live.status, 0, live.stderr)
        XCTAssertTrue(["Live\n", "Live with warnings\n"].contains(live.stdout), live.stdout)
        XCTAssertTrue([723_270_000, 723_270_004].contains(try rawDefinition(definitionId)?.int("statuscode") ?? 0))

        let stopped = try segtui(["stop", "Scripted journeys", "--wait", "--wait-timeout", "30"])
        XCTAssertEqual(stopped.status, 0, stopped.stderr)
        XCTAssertEqual(stopped.stdout, "Stopped\n")
        XCTAssertEqual(try rawDefinition(definitionId)?.int("statuscode"), 723_270_006)
        let again = try segtui(["stop", id])
        XCTAssertEqual(again.status, 0, "already stopped is left as it is: \(again.stderr)")
        XCTAssertTrue(again.stderr.contains("already Stopped"), again.stderr)
        XCTAssertEqual(try rawDefinition(definitionId)?.int("statuscode"), 723_270_006)

        let deleted = try segtui(["delete", id, "--yes"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertNil(try rawSegment(id), "the segment is gone")
        XCTAssertNil(try rawDefinition(definitionId), "and its definition with it")
    }

    /// `members add|remove --group` reports the group's own ids before and after, read back
    /// from the service, and says what an Exclude group's ids mean; lost replies change nothing.
    func testMembersOfOneGroupReportThatGroupsOwnCounts() throws {
        let contacts = try contactIds(6)
        let service = JourneysSegmentService(client: client)
        let id = try service.create(SegmentDraft(name: "Grouped script", type: .static, groups: [
            MemberGroupDraft(name: "VIPs", role: .include), MemberGroupDraft(name: "Opted out", role: .exclude),
        ]))
        let groups = try service.groups(of: id)
        let vips = try XCTUnwrap(groups.first { $0.role == .include }), optedOut = try XCTUnwrap(groups.first { $0.role == .exclude })
        _ = try service.changeMembers(of: id, groupId: vips.id, add: Array(contacts[0...2]), remove: [])
        _ = try service.changeMembers(of: id, groupId: optedOut.id, add: [contacts[0]], remove: [])

        // Two of these are new to VIPs; contacts[1] is already in it. The segment's membership
        // (less the excluded contacts[0]) would have said "2 already members".
        let added = try segtui(["members", id, "add", "--group", "VIPs", "--from-file", "-"],
                               stdin: [contacts[1], contacts[3], contacts[4]].joined(separator: "\n"))
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, "added 2, 1 already in it; group 'VIPs' (Include): 3 before, 5 after\n")
        XCTAssertEqual(try rawGroupIds(segment: id, group: vips.id), Set(contacts[0...4]))

        // Excluding someone who is in VIPs changes the Exclude group only: the whole membership
        // would not have grown at all.
        let excluded = try segtui(["members", id, "add", "--group", "opted out", "--from-file", "-"],
                                  stdin: [contacts[0], contacts[3]].joined(separator: "\n"))
        XCTAssertEqual(excluded.status, 0, excluded.stderr)
        XCTAssertEqual(excluded.stdout, "added 1, 1 already in it; group 'Opted out' (Exclude): 1 before, 2 after; "
                       + "excluded: 2 (kept out of the segment, whatever else selects them)\n")
        XCTAssertEqual(try rawGroupIds(segment: id, group: optedOut.id), [contacts[0], contacts[3]])

        let removed = try segtui(["members", id, "remove", "--group", "Opted out", "--from-file", "-"],
                                 stdin: [contacts[3], contacts[5]].joined(separator: "\n"))
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(removed.stdout, "removed 1, 1 not in it; group 'Opted out' (Exclude): 2 before, 1 after; "
                       + "excluded: 1 (kept out of the segment, whatever else selects them)\n")
        XCTAssertEqual(try rawGroupIds(segment: id, group: optedOut.id), [contacts[0]])

        // Every second reply lost, the change's among them: the report is still what the service holds.
        let proxy = try ReplyDroppingProxy(target: server.baseURL)
        defer { proxy.stop() }
        let lost = try segtui(["members", id, "remove", "--group", "VIPs", "--from-file", "-", "--api", "journeys"],
                              stdin: [contacts[1], contacts[2]].joined(separator: "\n"), url: proxy.url)
        XCTAssertTrue(proxy.dropped.contains { $0.contains("msdynmkt_RemoveStaticMembers") }, "dropped \(proxy.dropped)")
        XCTAssertEqual(lost.status, 0, lost.stderr)
        XCTAssertEqual(lost.stdout, "removed 2; group 'VIPs' (Include): 5 before, 3 after\n")
        XCTAssertEqual(try rawGroupIds(segment: id, group: vips.id), [contacts[0], contacts[3], contacts[4]])

        // show counts the groups, which no reply sizes, as the detail does.
        let shown = try segtui(["show", id])
        let groupsLine = shown.lines.first { $0.hasPrefix("Static groups:") } ?? ""
        XCTAssertTrue(groupsLine.contains("Include VIPs: 3") && groupsLine.contains("Exclude Opted out: 1"), shown.stdout)
        let json = try object(try segtui(["show", id, "--json"]).stdout)
        XCTAssertEqual((json["groups"] as? [[String: Any]])?.compactMap { $0["size"] as? Int }, [3, 1])
    }

    func testMixedLeadSegmentAndAQueryThatDoesNotParse() throws {
        let created = try segtui(["create", "--name", "Leads with mail", "--type", "mixed", "--base-entity", "lead",
                                  "--query", "PROFILE(lead).FILTER(ISNOTNULL(emailaddress1))"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let segment = try XCTUnwrap(try rawSegment(id))
        XCTAssertEqual(segment.string("msdynmkt_baseentitylogicalname"), "lead")
        XCTAssertEqual(segment.int("msdynmkt_type"), 11)
        let definition = try XCTUnwrap(try rawDefinition(try XCTUnwrap(segment.string("msdynmkt_sourcesegmentuid"))))
        XCTAssertEqual(definition.string("msdynmkt_segmentquery"), "PROFILE(lead).FILTER(ISNOTNULL(emailaddress1))")
        XCTAssertEqual(try rawGroups(definition).count, 1)
        XCTAssertEqual(try object(try segtui(["show", id, "--json"]).stdout)["type"] as? String, "Static and dynamic")

        let broken = try segtui(["create", "--name", "Broken query", "--type", "dynamic", "--query", "PROFILE(contact).FILTER(fullname ==)"])
        XCTAssertEqual(broken.status, 0, broken.stderr)
        let brokenId = broken.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let refused = try segtui(["golive", brokenId])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("not valid"), "the service's reason reaches the user: \(refused.stderr)")
        let definitionId = try XCTUnwrap(try rawSegment(brokenId)?.string("msdynmkt_sourcesegmentuid"))
        XCTAssertEqual(try rawDefinition(definitionId)?.int("statuscode"), 723_270_001, "still Draft")
    }

    func testStopAndDeleteAreRefusedWhileALiveJourneyUsesTheSegmentNamingIt() throws {
        let vip = try object(try segtui(["show", "VIP customers", "--json"]).stdout)
        let id = try XCTUnwrap(vip["id"] as? String)
        let stop = try segtui(["stop", id])
        XCTAssertEqual(stop.status, 1, stop.stderr)
        XCTAssertTrue(stop.stderr.contains("VIP renewal"), stop.stderr)
        let definitionId = try XCTUnwrap(try rawSegment(id)?.string("msdynmkt_sourcesegmentuid"))
        XCTAssertEqual(try rawDefinition(definitionId)?.int("statuscode"), 723_270_000, "still Live")

        let delete = try segtui(["delete", id, "--yes"])
        XCTAssertEqual(delete.status, 1, delete.stderr)
        XCTAssertTrue(delete.stderr.contains("VIP renewal"), delete.stderr)
        XCTAssertNotNil(try rawSegment(id))
        XCTAssertNotNil(try rawDefinition(definitionId))
    }

    /// `--api auto` against a service with only journeys, only outbound, and both: the right API,
    /// one extra request the first time, none after (counted in the trace).
    func testAutoFindsTheAPIOnceAndRemembersIt() throws {
        let outbound = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("o.sqlite").path,
                                          arguments: ["--api", "outbound"])
        defer { outbound.stop() }
        let both = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("b.sqlite").path,
                                      arguments: ["--api", "both"])
        defer { both.stop() }
        for (url, api) in [(server.baseURL, "journeys"), (outbound.baseURL, "outbound"), (both.baseURL, "journeys")] {
            var requests: [Int] = []
            for run in 1...2 {
                let trace = work.appendingPathComponent("trace-\(url.port ?? 0)-\(run).jsonl")
                let shown = try segtui(["show", "Newsletter subscribers", "--json", "--trace", trace.path], url: url)
                XCTAssertEqual(shown.status, 0, shown.stderr)
                XCTAssertEqual(try object(shown.stdout)["api"] as? String, api, "\(url)")
                let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
                let probes = lines.filter { $0.contains("msdynmkt_segmentdefinitions?%24select=msdynmkt_segmentdefinitionid&%24top=1")
                    || $0.contains("msdynmkt_segmentdefinitions?$select=msdynmkt_segmentdefinitionid&$top=1") }
                XCTAssertEqual(probes.count, run == 1 ? 1 : 0, "\(api) at \(url), run \(run)")
                requests.append(lines.count)
            }
            XCTAssertEqual(requests[0], requests[1] + 1, "exactly one extra request the first time at \(url)")
        }
        let named = try segtui(["list", "--json", "--api", "outbound"], url: both.baseURL)
        XCTAssertTrue(try named.lines.map(object).allSatisfy { $0["api"] as? String == "outbound" }, "--api overrides what was remembered")
    }
}
