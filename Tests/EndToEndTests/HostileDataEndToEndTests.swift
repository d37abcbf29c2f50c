import Dataverse
import Foundation
import GRDB
import Segments
import SegtuiHarness
import TerminalKit
import TestSupport
import XCTest

/// Text from the service is data, never instructions to the terminal: a segment whose name and
/// description carry escape sequences, a clipboard write, a title change, a bidi override and
/// wide and combining characters is shown, in the real binary, without any of it taking effect.
final class HostileDataEndToEndTests: XCTestCase {
    func testHostileTextIsShownVisiblyAndNeverExecuted() throws {
        let work = temporaryDirectory("e2e-hostile")
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let segments = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let name = "Evil\u{1B}]2;pwned\u{07}\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}[2J \u{202E}gnp.exe 東京e\u{301}"
        let description = "line one\nline two\u{1B}[31m red?\u{9B}6n\ttabbed \u{1B}P+q544e\u{1B}\\ end"
        // The embedded service refuses ESC and BEL as Dataverse does (issue 15, item 8), but a
        // hostile or broken service can still send them: the text is planted in its database.
        _ = try segments.create(SegmentDraft(name: "hostile placeholder", type: .static, description: "placeholder"))
        let database = try DatabaseQueue(path: service.databasePath)
        try database.write { db in
            try db.execute(
                sql: "UPDATE segments SET msdyncrm_segmentname = ?, msdyncrm_description = ? WHERE msdyncrm_segmentname = ?",
                arguments: [name, description, "hostile placeholder"])
            XCTAssertEqual(db.changesCount, 1)
        }
        try database.close()

        let tmux = try Tmux(columns: 120, rows: 30, environment: ["XDG_STATE_HOME": work.appendingPathComponent("state").path])
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try tmux.run(["set-option", "-g", "allow-rename", "on"])
        let titleBefore = try tmux.run(["display-message", "-p", "-t", "0", "#{pane_title}"])
        try tmux.typeLine("\(BuiltProducts.segtui) --url \(service.baseURL.absoluteString); echo exit=$?")
        let list = try XCTUnwrap(tmux.waitForScreen("the hostile segment in the list") { $0.contains("gnp.exe") })

        let lines = list.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try XCTUnwrap(lines.first { $0.contains("Name") && $0.contains("Type") })
        let row = try XCTUnwrap(lines.first { $0.contains("gnp.exe") })
        XCTAssertTrue(row.contains("^["), "escape characters are shown in caret notation: \(row)")
        XCTAssertFalse(row.contains("\u{202E}"), "the bidi override is gone")
        let typeColumn = TextWidth.of(String(header[..<header.range(of: "Type")!.lowerBound]))
        let staticAt = row.range(of: "Static").map { TextWidth.of(String(row[..<$0.lowerBound])) }
        XCTAssertEqual(staticAt, typeColumn, "the long, wide, hostile name stays in its column:\n\(header)\n\(row)")
        for line in lines { XCTAssertLessThanOrEqual(TextWidth.of(line), 120, "no line spills: \(line)") }

        try tmux.press("Enter")
        let detail = try XCTUnwrap(tmux.waitForScreen("the detail") { $0.contains("line two") })
        XCTAssertTrue(detail.contains("line one"), detail)
        XCTAssertTrue(detail.contains("tabbed"), detail)
        for line in detail.split(separator: "\n") { XCTAssertLessThanOrEqual(TextWidth.of(String(line)), 120, "no line spills: \(line)") }

        XCTAssertEqual(try tmux.run(["display-message", "-p", "-t", "0", "#{pane_title}"]), titleBefore, "the title was not changed")
        XCTAssertFalse((try tmux.run(["show-buffer"])).contains("pwned"), "the clipboard was not written")
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }
}
