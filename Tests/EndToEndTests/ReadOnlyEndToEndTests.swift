import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// `--read-only` in the real binary: writes are gone from the keys and the help, RO shows.
final class ReadOnlyEndToEndTests: XCTestCase {
    func testReadOnlyHasNoWriteKeys() throws {
        let work = temporaryDirectory("e2e-ro")
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let before = try client.firstPage(SegmentListQuery())
        let first = try XCTUnwrap(before.segments.first)

        let tmux = try Tmux(columns: 120, rows: 30, environment: ["XDG_STATE_HOME": work.appendingPathComponent("state").path])
        try tmux.typeLine("\(BuiltProducts.segtui) --read-only --url \(service.baseURL.absoluteString); echo exit=$?")
        tmux.waitForText("RO  1/")
        try tmux.press("?")
        let help = try XCTUnwrap(tmux.waitForText("Keys (read-only)"))
        for gone in ["Go live", "Edit the segment", "New segment", "Delete the segment"] {
            XCTAssertFalse(help.contains(gone), "\(gone) is not in the help")
        }
        try tmux.press("Escape")
        tmux.waitForScreen("help closed") { !$0.contains("Keys (read-only)") }
        try tmux.press("L", "D", "e", "n")
        try tmux.press("j")
        tmux.waitForText("2/")
        let screen = try tmux.screen()
        XCTAssertFalse(screen.contains("[ Cancel ]"), "no dialog")
        XCTAssertFalse(screen.contains("New segment"), "no form")
        XCTAssertEqual(try client.segment(id: first.id).etag, first.etag, "nothing changed on the service")
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }
}
