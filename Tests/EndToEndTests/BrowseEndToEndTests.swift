import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// The real binary in a real terminal (tmux) against `segtui serve` on a temporary database.
final class BrowseEndToEndTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = temporaryDirectory("e2e")
    }

    func testListDetailQuitRestoresTheTerminal() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let client = DataverseClient(organization: service.baseURL)
        let firstPage = try OutboundSegmentService(client: client).firstPage(SegmentListQuery())
        let first = try XCTUnwrap(firstPage.segments.first)
        let second = try XCTUnwrap(firstPage.segments.dropFirst().first)

        let tmux = try Tmux(columns: 120, rows: 30, environment: ["XDG_STATE_HOME": work.appendingPathComponent("state").path])
        let before = work.appendingPathComponent("stty-before").path
        let after = work.appendingPathComponent("stty-after").path
        try tmux.typeLine("stty -a > \(before); \(BuiltProducts.segtui) --url \(service.baseURL.absoluteString); "
            + "echo exit=$? ; stty -a > \(after)")

        // The list appears with the service's labels.
        let list = try XCTUnwrap(tmux.waitForScreen("the list") { $0.contains(String(first.name.prefix(10))) && $0.contains("Name") })
        XCTAssertTrue(try tmux.isAlternateScreen())
        XCTAssertTrue(list.contains(service.baseURL.host!), "the header names the service")
        XCTAssertTrue(list.contains(first.label(.status)!))

        // Down, Enter: the detail of the selected (second) segment, as stored on the service.
        try tmux.press("j")
        try tmux.press("Enter")
        let stored = try OutboundSegmentService(client: client).segment(id: second.id)
        // The summary (with the query name and id) paints before the whole record is read: wait
        // for the owner too, which only the full read brings.
        let owner = stored.labels[.owner]
        let detail = try XCTUnwrap(tmux.waitForScreen("the detail, read whole") { screen in
            screen.contains("Query name") && screen.contains(String(stored.id.prefix(20))) && (owner.map { screen.contains($0) } ?? true)
        })
        XCTAssertTrue(detail.contains("Status"))
        XCTAssertTrue(detail.contains(stored.label(.status)!))
        if let owner { XCTAssertTrue(detail.contains(owner), detail) }

        try tmux.press("Escape")
        tmux.waitForScreen("detail closed") { !$0.contains("Query name") }

        try tmux.press("q")
        tmux.waitForText("exit=0")
        let beforeText = try XCTUnwrap(waitForFile(before))
        let afterText = try XCTUnwrap(waitForFile(after))
        XCTAssertEqual(beforeText, afterText, "stty -a after quitting equals stty -a before")
        XCTAssertFalse(try tmux.isAlternateScreen(), "back on the primary screen")
        XCTAssertTrue(try tmux.cursorVisible(), "cursor visible")
    }

    func testCtrlCQuitsAndAResizeRelaysOut() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let tmux = try Tmux.segtui(against: service.baseURL, state: work.appendingPathComponent("state"), columns: 100)
        try tmux.resize(columns: 40, rows: 12)
        tmux.waitForScreen("narrow layout") { !$0.contains("Modified on") && $0.contains("Status") }
        try tmux.resize(columns: 30, rows: 10)
        tmux.waitForText("Terminal too small")
        try tmux.resize(columns: 100, rows: 30)
        tmux.waitForText("Modified on")
        try tmux.press("C-c")
        tmux.waitForText("exit=0")
    }

    func testEmbeddedServiceSeedsOnFirstUseAndKeepsTheData() throws {
        let environment = [
            "XDG_DATA_HOME": work.appendingPathComponent("data").path,
            "XDG_STATE_HOME": work.appendingPathComponent("state").path,
        ]
        let tmux = try Tmux(columns: 120, rows: 30, environment: environment)
        try tmux.typeLine("\(BuiltProducts.segtui); echo exit=$?")
        let screen = try XCTUnwrap(tmux.waitForScreen("seeded list", timeout: 60) { $0.contains(" segments") && $0.contains("1/") })
        let count = try XCTUnwrap(Self.segmentCount(in: screen))
        XCTAssertTrue((30...60).contains(count), "about 40 demo segments, saw \(count)")
        try tmux.press("q")
        tmux.waitForText("exit=0")
        let database = work.appendingPathComponent("data/segtui/segtui.sqlite").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: database), "the demo database is in $XDG_DATA_HOME/segtui/")

        try tmux.typeLine("clear; \(BuiltProducts.segtui); echo exit=$?")
        let again = try XCTUnwrap(tmux.waitForScreen("second start", timeout: 60) { $0.contains(" segments") && $0.contains("1/") })
        XCTAssertEqual(Self.segmentCount(in: again), count, "the same data after a restart")
        try tmux.press("q")
    }

    private static func segmentCount(in screen: String) -> Int? {
        guard let range = screen.range(of: #"(\d+) segments"#, options: .regularExpression) else { return nil }
        return Int(screen[range].split(separator: " ")[0])
    }
}
