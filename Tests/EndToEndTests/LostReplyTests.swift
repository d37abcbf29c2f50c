import Dataverse
import Foundation
import Segments
import SegtuiHarness
import XCTest

/// Issue 15, item 11: replies lost after the service committed. The real `segtui` talks to a real
/// `segtui serve` through `ReplyDroppingProxy`, which forwards every request and drops every second
/// reply. Each command's exit status and message must match what the service holds afterwards,
/// read directly over HTTP, and the write itself must be one of the requests whose reply was lost.
final class LostReplyTests: CommandTestCase {
    private var proxy: ReplyDroppingProxy!

    override func setUpWithError() throws {
        try super.setUpWithError()
        proxy = try ReplyDroppingProxy(target: server.baseURL)
    }

    override func tearDown() {
        proxy?.stop()
        super.tearDown()
    }

    /// Runs a command through the proxy, its first request forwarded and its second dropped.
    private func throughProxy(_ arguments: [String]) throws -> CommandOutcome {
        proxy.restartCount()
        return try runSegtui(arguments, url: proxy.url)
    }

    private func assertLost(_ method: String, _ path: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(proxy.dropped.contains { $0.hasPrefix(method + " ") && $0.contains(path) },
                      "the reply to \(method) …\(path) was lost: dropped \(proxy.dropped)", file: file, line: line)
    }

    func testGoLiveWaitAndStopAfterALostReplyReportWhatTheServiceHolds() throws {
        let id = try service.create(SegmentDraft(name: "Lost golive", type: .static))
        let live = try throughProxy(["golive", id, "--wait", "--wait-timeout", "60"])
        assertLost("PATCH", "msdyncrm_segments(\(id))")
        XCTAssertEqual(try service.segment(id: id).status, .live)
        XCTAssertEqual(live.status, 0, live.stderr)
        XCTAssertEqual(live.stdout, "Live\n")
        XCTAssertFalse(live.stderr.contains("412"), live.stderr)

        let stopped = try throughProxy(["stop", id])
        assertLost("PATCH", "msdyncrm_segments(\(id))")
        let held = try service.segment(id: id).status
        XCTAssertTrue(held == .stopping || held == .stopped, "\(held)")
        XCTAssertEqual(stopped.status, 0, stopped.stderr)
        XCTAssertTrue(stopped.stdout == "Stopping\n" || stopped.stdout == "Stopped\n", stopped.stdout)
        XCTAssertTrue(stopped.stdout.hasPrefix(held.label) || held == .stopped, "reported \(stopped.stdout), holds \(held.label)")
    }

    func testDeleteAfterALostReplySaysDeleted() throws {
        let id = try service.create(SegmentDraft(name: "Lost delete", type: .static))
        let deleted = try throughProxy(["delete", id, "--yes"])
        assertLost("DELETE", "msdyncrm_segments(\(id))")
        XCTAssertThrowsError(try service.segment(id: id)) { XCTAssertEqual(($0 as? SegmentServiceError)?.isNotFound, true) }
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertEqual(deleted.stdout, "deleted \(id)\n")
    }

    func testCreateAfterALostReplyFindsWhatItCreated() throws {
        _ = try service.create(SegmentDraft(name: "Lost create", type: .static))
        let created = try throughProxy(["create", "--name", "Lost create", "--type", "static"])
        assertLost("POST", "msdyncrm_segments")
        var page = try service.firstPage(SegmentListQuery(nameEquals: "Lost create", pageSize: 50))
        XCTAssertNil(page.next)
        XCTAssertEqual(page.segments.count, 2, "the namesake and the one the command created")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(page.segments.contains { $0.id == id }, "the printed id \(id) is the created segment")
        XCTAssertTrue(created.stderr.contains("answer was lost"), created.stderr)
        page = try service.firstPage(SegmentListQuery(nameEquals: "Lost create", pageSize: 50))
        XCTAssertEqual(page.segments.count, 2, "nothing created twice")
    }

    /// The other case a lost answer leaves open: the request never reached the service.
    func testCreateWhoseRequestWasLostSaysItDidNotHappen() throws {
        let losing = try ReplyDroppingProxy(target: server.baseURL, forwardsWhatItDrops: false)
        defer { losing.stop() }
        let created = try runSegtui(["create", "--name", "Never made", "--type", "static"], url: losing.url)
        XCTAssertTrue(losing.dropped.contains { $0.hasPrefix("POST ") }, "\(losing.dropped)")
        XCTAssertTrue(try service.firstPage(SegmentListQuery(nameEquals: "Never made")).segments.isEmpty)
        XCTAssertEqual(created.status, 1, created.stderr)
        XCTAssertEqual(created.stdout, "")
        XCTAssertTrue(created.stderr.contains("most likely did not happen"), created.stderr)
        XCTAssertTrue(created.stderr.contains("segtui list --filter 'Never made'"), created.stderr)
    }

    func testMembersAddAndRemoveAfterALostReplyReportWhatTheServiceDid() throws {
        let contacts = try service.searchContacts("", top: 4).map(\.id)
        let id = try service.create(SegmentDraft(name: "Lost members", type: .static, memberIds: [contacts[0]]))
        let file = work.appendingPathComponent("ids.txt")
        try [contacts[0], contacts[1], contacts[2]].joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

        let added = try throughProxy(["members", id, "add", "--from-file", file.path])
        assertLost("POST", "msdyncrm_SegmentMembersUpdate")
        XCTAssertEqual(Set(try service.memberIds(of: id)), Set(contacts.prefix(3)))
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, "added 2, 1 already a member\n")

        try [contacts[1], contacts[3]].joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let removed = try throughProxy(["members", id, "remove", "--from-file", file.path])
        assertLost("POST", "msdyncrm_SegmentMembersUpdate")
        XCTAssertEqual(Set(try service.memberIds(of: id)), [contacts[0], contacts[2]])
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(removed.stdout, "removed 1, 1 not a member\n")
    }
}
