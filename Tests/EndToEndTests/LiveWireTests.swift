import Dataverse
import Foundation
import GRDB
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// Issue 13 on the wire: the adapters' freshness and history calls against `segtui serve` on both
/// APIs, each call's requests read from the service's own request log (no per-row reads).
final class LiveWireTests: XCTestCase {
    private var work: URL!
    private var server: ServiceProcess!
    private var client: DataverseClient!
    private var service: (any SegmentService)!
    private var log: ServiceDiagnostics!
    private var api = "outbound"

    override func tearDown() {
        server?.stop()
        if let work { try? FileManager.default.removeItem(at: work) }
    }

    private func start(_ api: String, _ extra: [String] = []) throws {
        self.api = api
        work = BuiltProducts.temporaryDirectory("live-wire")
        server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("w.sqlite").path,
                                    arguments: ["--api", api, "--lifecycle-delay", "0.2"] + extra)
        client = DataverseClient(organization: server.baseURL, retry: .none)
        service = api == "journeys" ? JourneysSegmentService(client: client) : OutboundSegmentService(client: client)
        log = ServiceDiagnostics(baseURL: server.baseURL)
    }

    private var journeys: Bool { api == "journeys" }
    private let ours = SegmentListQuery(nameContains: "Live wire")
    private let query = "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1))"

    private func create(_ name: String) throws -> Segment {
        try service.segment(id: service.create(SegmentDraft(name: name, type: .dynamic, query: query)))
    }

    /// Waits (on the clock, with a deadline) until the second after `date` has begun: the service
    /// keeps modification times in whole seconds, as Dataverse shows them.
    private func pastSecond(of date: Date) {
        let second = date.timeIntervalSince1970.rounded(.down)
        XCTAssertTrue(waitUntil(timeout: 5) { Date().timeIntervalSince1970.rounded(.down) > second })
    }

    /// The requests `body` cost, from the service's log.
    private func requests<T>(_ body: () throws -> T) throws -> (T, [ServiceDiagnostics.Request]) {
        let mark = try log.mark()
        let result = try body()
        return (result, try log.requests(from: mark))
    }

    private func assertNoRecordReads(_ requests: [ServiceDiagnostics.Request], file: StaticString = #filePath, line: UInt = #line) {
        for request in requests {
            XCTAssertEqual(request.method, "GET", "\(request)", file: file, line: line)
            XCTAssertFalse(request.resource.contains("("), "a read of one record: \(request)", file: file, line: line)
        }
    }

    /// A PATCH of the definition alone, as another client editing the query does.
    private func editDefinitionOnly(_ segment: Segment, query: String) throws {
        let definition = try XCTUnwrap(segment.definitionId)
        try client.update(in: "msdynmkt_segmentdefinitions", id: definition, fields: ["msdynmkt_segmentquery": .string(query)], ifMatch: nil)
    }

    // MARK: changed since a mark

    func testChangedSinceAMarkOutbound() throws { try changedSinceAMark("outbound") }
    func testChangedSinceAMarkJourneys() throws { try changedSinceAMark("journeys") }

    private func changedSinceAMark(_ api: String) throws {
        try start(api)
        let a = try create("Live wire A")
        let b = try create("Live wire B")
        let untouched = try create("Live wire untouched")
        let mark = Date()
        pastSecond(of: [mark, a.modifiedOn, b.modifiedOn, untouched.modifiedOn].compactMap { $0 }.max()!)
        try service.update(id: b.id, changes: SegmentChanges(name: "Live wire B renamed"), ifMatch: b.etag)
        if journeys { try editDefinitionOnly(a, query: query + " ") } else {
            try service.update(id: a.id, changes: SegmentChanges(description: "changed"), ifMatch: a.etag)
        }
        let (delta, asked) = try requests { try service.changed(since: mark, matching: ours, top: 10) }
        XCTAssertEqual(Set(delta.changed.map(\.id)), [a.id, b.id], "the rename and the edit, not the untouched row")
        XCTAssertEqual(delta.changed.first { $0.id == b.id }?.name, "Live wire B renamed")
        XCTAssertFalse(delta.truncated)
        XCTAssertLessThanOrEqual(asked.count, journeys ? 3 : 1, asked.map(\.description).joined(separator: "\n"))
        assertNoRecordReads(asked)
        XCTAssertTrue(asked.contains { $0.query.contains("modifiedon gt ") && $0.query.contains("$orderby=modifiedon desc") }, "\(asked)")
        if journeys {
            // The mark moves with the definition's edit: asked again from the newest row, nothing is new.
            let newest = try XCTUnwrap(delta.changed.compactMap(\.modifiedOn).max())
            XCTAssertTrue(try service.changed(since: newest, matching: ours, top: 10).changed.isEmpty)
        }

        let (cut, _) = try requests { try service.changed(since: mark, matching: ours, top: 1) }
        XCTAssertEqual(cut.changed.count, 1)
        XCTAssertTrue(cut.truncated, "two rows changed, one was asked for")

        // Nothing changed since: the idle cost.
        let (idle, idleRequests) = try requests { try service.changed(since: Date(), matching: ours, top: 10) }
        XCTAssertTrue(idle.changed.isEmpty)
        XCTAssertEqual(idleRequests.count, journeys ? 2 : 1, idleRequests.map(\.description).joined(separator: "\n"))
    }

    // MARK: versions of the visible rows

    func testVersionsOutbound() throws { try versions("outbound") }
    func testVersionsJourneys() throws { try versions("journeys") }

    private func versions(_ api: String) throws {
        try start(api)
        let a = try create("Live wire A")
        let b = try create("Live wire B")
        let c = try create("Live wire C")
        let ids = [a.id, b.id, c.id]
        let (before, asked) = try requests { try service.versions(of: ids, matching: ours) }
        XCTAssertEqual(Set(before.map(\.id)), Set(ids))
        XCTAssertEqual(asked.count, journeys ? 2 : 1, asked.map(\.description).joined(separator: "\n"))
        assertNoRecordReads(asked)
        XCTAssertEqual(before.first { $0.id == a.id }?.etag, try service.segment(id: a.id).etag, "the same version a read carries")

        try service.delete(id: c.id, ifMatch: nil)
        try service.update(id: b.id, changes: SegmentChanges(name: "Elsewhere"), ifMatch: nil)
        if journeys { try editDefinitionOnly(a, query: query + "  ") } else {
            try service.update(id: a.id, changes: SegmentChanges(description: "edited"), ifMatch: nil)
        }
        let (after, askedAfter) = try requests { try service.versions(of: ids, matching: ours) }
        XCTAssertEqual(after.map(\.id), [a.id], "deleted and moved out of the filter are missing")
        XCTAssertNotEqual(after.first?.etag, before.first { $0.id == a.id }?.etag, "an edit (journeys: of the definition alone) moves the version")
        XCTAssertEqual(askedAfter.count, journeys ? 2 : 1)
    }

    // MARK: conditional detail

    func testConditionalDetailOutbound() throws { try conditionalDetail("outbound") }
    func testConditionalDetailJourneys() throws { try conditionalDetail("journeys") }

    private func conditionalDetail(_ api: String) throws {
        try start(api)
        let a = try create("Live wire A")
        let (same, asked) = try requests { try service.segment(id: a.id, ifNoneMatch: a.etag) }
        XCTAssertEqual(same, .unchanged)
        XCTAssertEqual(asked.count, journeys ? 2 : 1, asked.map(\.description).joined(separator: "\n"))

        try service.update(id: a.id, changes: SegmentChanges(description: "now different"), ifMatch: nil)
        guard case .changed(let changed) = try service.segment(id: a.id, ifNoneMatch: a.etag) else { return XCTFail("a change answers 200") }
        XCTAssertEqual(changed.description, "now different")
        XCTAssertEqual(try service.segment(id: a.id, ifNoneMatch: changed.etag), .unchanged)
        if journeys {
            try editDefinitionOnly(changed, query: query + "   ")
            guard case .changed(let edited) = try service.segment(id: a.id, ifNoneMatch: changed.etag) else {
                return XCTFail("an edit of the definition alone is a change")
            }
            XCTAssertEqual(edited.query, query + "   ")
        }
    }

    // MARK: history

    func testHistoryOutbound() throws { try history("outbound") }
    func testHistoryJourneys() throws { try history("journeys") }

    private func history(_ api: String) throws {
        try start(api)
        let h = try create("Live wire history")
        try service.update(id: h.id, changes: SegmentChanges(name: "Live wire history, renamed"), ifMatch: nil)
        _ = try service.publish(id: h.id, ifMatch: nil)
        let (history, asked) = try requests { try service.history(of: h.id) }
        guard case .entries(let entries) = history else { return XCTFail("audited: \(history)") }
        XCTAssertLessThanOrEqual(asked.count, journeys ? 3 : 1, asked.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(entries.map(\.date), entries.map(\.date).sorted(by: >), "newest first")
        XCTAssertEqual(entries.last?.operation, .create)
        XCTAssertTrue(entries.allSatisfy { $0.user?.isEmpty == false }, "each names its user")
        // Audit times are whole seconds, so only one record's entries have an order within a second:
        // the rename and the publish are compared on the same record (journeys: the definition).
        let nameColumn = journeys ? "msdynmkt_name" : "msdyncrm_segmentname"
        let rename = try XCTUnwrap(entries.flatMap(\.changes).first { $0.column == nameColumn && $0.newValue == "Live wire history, renamed" })
        XCTAssertEqual(rename.field, "Name")
        XCTAssertEqual(rename.oldValue, "Live wire history")
        let statusField = journeys ? "Status (def.)" : "Status"
        let publish = try XCTUnwrap(entries.flatMap(\.changes).first { $0.field == statusField && $0.oldValue == "Draft" }, "\(entries)")
        XCTAssertEqual(publish.newValue, "Going live")
        let renameEntry = try XCTUnwrap(entries.firstIndex { $0.changes.contains(rename) })
        let publishEntry = try XCTUnwrap(entries.firstIndex { $0.changes.contains(publish) })
        XCTAssertLessThan(publishEntry, renameEntry, "the publish came after the rename")
    }

    func testNotAuditedOutbound() throws { try notAudited("outbound") }
    func testNotAuditedJourneys() throws { try notAudited("journeys") }

    private func notAudited(_ api: String) throws {
        try start(api, ["--no-audit"])
        let h = try create("Live wire unaudited")
        try service.update(id: h.id, changes: SegmentChanges(name: "Live wire unaudited 2"), ifMatch: nil)
        guard case .notAudited(let reason) = try service.history(of: h.id) else { return XCTFail("--no-audit keeps no history") }
        XCTAssertTrue(reason.contains("does not audit"), reason)
    }

    // MARK: the command

    func testHistoryCommandWithHostileNames() throws {
        try start("outbound")
        let h = try create("Live wire placeholder")
        let hostile = "Evil\u{1B}]2;pwned\u{07}\u{1B}[2J O'Brien \u{202E}gnp.exe 東京"
        // The service refuses ESC and BEL in names; a hostile service can still send them, so the
        // change is planted in its database (its audit trigger records it as any write).
        let database = try DatabaseQueue(path: server.databasePath)
        try database.write { db in
            try db.execute(sql: "UPDATE segments SET msdyncrm_segmentname = ? WHERE msdyncrm_segmentid = ?", arguments: [hostile, h.id])
        }
        try database.close()
        let environment = ["XDG_STATE_HOME": work.appendingPathComponent("state").path]
        let text = try runSegtui(["history", h.id, "--read-only"], url: server.baseURL, environment: environment)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertFalse(text.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{202E}" }, text.stdout)
        let lines = text.lines
        XCTAssertTrue(lines.contains { $0.contains("Name: Live wire placeholder -> Evil") && $0.contains("O'Brien") }, text.stdout)
        XCTAssertTrue(lines.contains { $0.hasSuffix("Create") }, text.stdout)

        let json = try runSegtui(["history", h.id, "--json"], url: server.baseURL, environment: environment)
        XCTAssertEqual(json.status, 0, json.stderr)
        XCTAssertFalse(json.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, json.stdout)
        XCTAssertFalse(json.stdout.contains("null"), "no nulls: \(json.stdout)")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["id"] as? String, h.id)
        XCTAssertEqual(object["audited"] as? Bool, true)
        let entries = try XCTUnwrap(object["entries"] as? [[String: Any]])
        let changes = entries.flatMap { $0["changes"] as? [[String: Any]] ?? [] }
        XCTAssertTrue(changes.contains { $0["new"] as? String == hostile && $0["old"] as? String == "Live wire placeholder" }, "exact values")
        XCTAssertEqual(entries.first?.keys.sorted(), ["changes", "date", "id", "operation", "user"])
    }

    func testHistoryCommandNotAuditedJourneys() throws {
        try start("journeys", ["--no-audit"])
        let h = try create("Live wire quiet")
        let environment = ["XDG_STATE_HOME": work.appendingPathComponent("state").path]
        let text = try runSegtui(["history", "Live wire quiet"], url: server.baseURL, environment: environment)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("No history: The organisation does not audit msdynmkt_segment records."), text.stdout)
        let json = try runSegtui(["history", h.id, "--json"], url: server.baseURL, environment: environment)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["audited"] as? Bool, false)
        XCTAssertEqual((object["entries"] as? [Any])?.count, 0)
        XCTAssertNotNil(object["reason"] as? String)
    }

    // MARK: faults on demand

    func testFaultsOnDemand() throws {
        try start("journeys")
        let transport = URLSessionTransport(timeout: 20)
        let url = try XCTUnwrap(URL(string: "api/data/v9.2/WhoAmI", relativeTo: server.baseURL)?.absoluteURL)
        let get = HTTPRequest(method: "GET", url: url, headers: ["Accept": "application/json"])
        try log.injectFaults(status: 429, count: 2, retryAfter: 3)
        for _ in 0..<2 {
            let throttled = try transport.send(get)
            XCTAssertEqual(throttled.status, 429)
            XCTAssertEqual(throttled.header("Retry-After"), "3")
        }
        XCTAssertEqual(try transport.send(get).status, 200, "the queue is spent")
        try log.injectFaults(status: 503, count: 1)
        let unavailable = try transport.send(get)
        XCTAssertEqual(unavailable.status, 503)
        XCTAssertEqual(unavailable.header("Retry-After"), "1")
        try log.injectFaults(status: 429, count: 5)
        try log.clearFaults()
        XCTAssertEqual(try transport.send(get).status, 200)
    }
}
