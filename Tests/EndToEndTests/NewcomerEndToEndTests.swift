import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import ViewModels
import XCTest

/// What a new user tripped over (issue 12), with the real binary in tmux against `segtui serve`,
/// checking the screen and the service's stored state.
final class NewcomerEndToEndTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = temporaryDirectory("e2e-newcomer")
    }

    /// Creates a dynamic segment and takes it live through the service, waiting until it is.
    private func liveSegment(_ name: String, _ client: OutboundSegmentService) throws -> String {
        let id = try client.create(SegmentDraft(name: name, type: .dynamic, query: "PROFILE(contact)"))
        let segment = try client.segment(id: id)
        _ = try client.publish(id: id, ifMatch: segment.etag)
        XCTAssertTrue(waitUntil(timeout: 30) { (try? client.segment(id: id).status) == SegmentStatus.live }, "the service took it live")
        return id
    }

    /// Bugs 7, 9 and 11: `/` filters as it is typed and Esc clears it; `L`, not Ctrl-L, stops from
    /// the editor; Enter on a live segment's typed name deletes it, a wrong name says why.
    func testFilterEscLiveEditorKeysAndDeletingALiveSegmentByName() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let name = "E2E newcomer \(UUID().uuidString.prefix(6))"
        let id = try liveSegment(name, client)

        let tmux = try Tmux.segtui(against: service.baseURL, state: work.appendingPathComponent("state"))

        // Bug 7: no Enter needed to filter; Enter keeps it; Esc in the list clears it.
        try tmux.press("/")
        try tmux.typeText(name)
        tmux.waitForScreen("filtered as typed") { $0.contains("filter: \(name)") && $0.contains("1/1") }
        try tmux.press("Enter")
        try tmux.press("Escape")
        tmux.waitForScreen("filter cleared") { $0.contains("Filter cleared") && !$0.contains("filter: \(name)") }
        try tmux.press("/")
        try tmux.typeText(name)
        tmux.waitForScreen("filtered again") { $0.contains("filter: \(name)") && $0.contains("1/1") }
        try tmux.press("Enter")

        // Bug 11: in the live segment's read-only editor Ctrl-L does not stop it, L does (asking).
        try tmux.press("e")
        tmux.waitForText("L stops it")
        try tmux.press("C-l", "x")
        tmux.waitForText("opens read-only; stop it first")
        XCTAssertFalse(try tmux.screen().contains("[ Stop ]"), "Ctrl-L asked nothing")
        try tmux.press("L")
        tmux.waitForText("[ Stop ]")
        try tmux.press("Escape")
        tmux.waitForText("Modified on")
        XCTAssertEqual(try client.segment(id: id).status, SegmentStatus.live, "nothing was stopped")

        // Bug 9: a wrong name says why under the field; the right one and Enter deletes.
        try tmux.press("D")
        tmux.waitForText("Type its name")
        try tmux.typeText(String(name.dropLast()))
        try tmux.press("Enter")
        tmux.waitForText("The name typed is not")
        XCTAssertNoThrow(try client.segment(id: id), "a wrong name deletes nothing")
        try tmux.typeText(String(name.last!))
        try tmux.press("Enter")
        tmux.waitForText("Deleted '\(name)'")
        XCTAssertThrowsError(try client.segment(id: id)) { error in
            XCTAssertEqual((error as? SegmentServiceError)?.isNotFound, true, "\(error)")
        }
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    /// The help at 40x12 scrolls through the whole table, borders drawn; F1 opens it in the picker.
    func testTheHelpScrollsAt40x12() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let tmux = try Tmux(columns: 40, rows: 12, environment: ["XDG_STATE_HOME": work.appendingPathComponent("state").path])
        try tmux.typeLine("\(BuiltProducts.segtui) --url \(service.baseURL.absoluteString); echo exit=$?")
        tmux.waitForScreen("the list") { $0.contains("Status") && $0.contains("/") }
        try tmux.press("?")
        tmux.waitForText("Keys")
        tmux.waitForText("Move down")
        let rows = KeyMap().bindings(in: .list).count
        for _ in 0..<rows { try tmux.press("Down") }
        tmux.waitForText("Quit")
        let help = try XCTUnwrap(tmux.waitForText("of \(rows)"))
        XCTAssertTrue(help.contains("┌─ Keys") && help.contains("└"), "the help's frame is whole at 40x12:\n\(help)")
        try tmux.press("Escape")
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    /// Bug 2: `L` taken while the service is down fails with a message that names it; once the
    /// service is back, the first answer ends the offline notice (not the next back-off probe).
    func testAnActionWhileTheServiceIsDownSaysSoAndTheNoticeGoesWithTheFirstAnswer() throws {
        let database = work.appendingPathComponent("e2e.sqlite").path
        var service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: database)
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let name = "E2E offline \(UUID().uuidString.prefix(6))"
        _ = try client.create(SegmentDraft(name: name, type: .dynamic, query: "PROFILE(contact)"))
        let port = try XCTUnwrap(service.baseURL.port)

        let tmux = try Tmux.segtui(against: service.baseURL, state: work.appendingPathComponent("state"), arguments: ["--timeout", "3"])
        try tmux.filterList(to: name)

        service.stop()
        try tmux.press("L")
        tmux.waitForText("[ Go live ]")
        try tmux.press("Tab", "Enter")
        tmux.waitForText("Could not take '\(name)' live", timeout: 60)

        // Back on the same port; the probes have backed off by now, an answer to r ends the notice.
        service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: database, arguments: ["--port", String(port)])
        try tmux.press("Escape", "r")
        tmux.waitForScreen("the notice gone", timeout: 5) { !$0.contains("Offline") && $0.contains(name) }
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    /// Bug 10: a segment still Stopping refuses D and e with the reason, instead of meeting a 412.
    func testASegmentStillStoppingRefusesWritesWithTheReason() throws {
        // Segments stay Stopping for ten minutes: long past the test.
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path,
                                         arguments: ["--lifecycle-delay", "600"])
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let name = "E2E stopping \(UUID().uuidString.prefix(6))"
        let id = try client.create(SegmentDraft(name: name, type: .dynamic, query: "PROFILE(contact)"))
        try client.setStatus(id: id, to: .live, ifMatch: nil)
        _ = try client.stop(id: id, ifMatch: nil)
        XCTAssertEqual(try client.segment(id: id).status, SegmentStatus.stopping)

        let tmux = try Tmux.segtui(against: service.baseURL, state: work.appendingPathComponent("state"))
        try tmux.filterList(to: name)
        try tmux.press("D")
        tmux.waitForText("'\(name)' is stopping; wait until it has stopped")
        XCTAssertFalse(try tmux.screen().contains("Delete segment"), "no dialog for a delete that would meet a 412")
        // The same words for e: wait until the first message has gone, so this one is e's.
        tmux.waitForScreen("the toast gone") { !$0.contains("wait until it has stopped") }
        try tmux.press("e")
        tmux.waitForText("'\(name)' is stopping; wait until it has stopped")
        XCTAssertFalse(try tmux.screen().contains("Edit: \(name)"))
        XCTAssertNoThrow(try client.segment(id: id), "nothing was deleted")
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }
}
