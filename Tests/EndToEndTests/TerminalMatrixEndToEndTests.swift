import Dataverse
import Foundation
import Segments
import SegtuiHarness
import XCTest

/// The real binary in the terminals people have: every terminal type, ASCII under LANG=C, no
/// colour, 8 and 256 colours, tiny and huge windows, bursts of resizes, the mouse and OSC 52.
final class TerminalMatrixEndToEndTests: XCTestCase {
    private var work: URL!
    private var service: ServiceProcess!

    override func setUpWithError() throws {
        work = BuiltProducts.temporaryDirectory("e2e-terminals")
        service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
    }

    override func tearDown() {
        service?.stop()
        try? FileManager.default.removeItem(at: work)
    }

    private var command: String { "\(BuiltProducts.segtui) --url \(service.baseURL.absoluteString)" }

    private func firstNames() throws -> [String] {
        let page = try OutboundSegmentService(client: DataverseClient(organization: service.baseURL)).firstPage(SegmentListQuery())
        return page.segments.map(\.name)
    }

    /// Starts segtui in a fresh tmux with `environment`, checks the list, a move, the detail, a
    /// resize and the way out, and returns the tmux for more checks before it quits.
    private func browse(_ environment: [String: String], columns: Int = 100, rows: Int = 30, arguments: String = "",
                        file: StaticString = #filePath, line: UInt = #line, checks: (Tmux) throws -> Void = { _ in }) throws {
        var environment = environment
        environment["XDG_STATE_HOME"] = work.appendingPathComponent("state").path
        environment["XDG_CONFIG_HOME"] = work.appendingPathComponent("config").path
        let tmux = try Tmux(columns: columns, rows: rows, environment: environment)
        let before = work.appendingPathComponent("stty-before").path
        let after = work.appendingPathComponent("stty-after").path
        try? FileManager.default.removeItem(atPath: before)
        try? FileManager.default.removeItem(atPath: after)
        try tmux.typeLine("stty -a > \(before); \(command) \(arguments); echo exit=$? ; stty -a > \(after)")
        let label = environment.filter { $0.key != "XDG_STATE_HOME" && $0.key != "XDG_CONFIG_HOME" }.description
        tmux.waitForScreen("the list in \(label)", file: file, line: line) { $0.contains("Name") && $0.contains("Status") }
        try tmux.press("j")
        try tmux.press("Enter")
        tmux.waitForScreen("the detail in \(label)", file: file, line: line) { $0.contains("Query name") || $0.contains("State ") }
        try checks(tmux)
        try tmux.press("q")
        tmux.waitForText("exit=0", file: file, line: line)
        // The size line differs after a resize; every setting must be as it was.
        func settings(_ text: String?) -> String? {
            text?.replacingOccurrences(of: "rows [0-9]+; columns [0-9]+;", with: "", options: .regularExpression)
        }
        XCTAssertEqual(settings(waitForFile(before)), settings(waitForFile(after)), "stty restored in \(label)", file: file, line: line)
        XCTAssertFalse(try tmux.isAlternateScreen(), "primary screen again in \(label)", file: file, line: line)
    }

    func testEveryTerminalTypeBrowsesAndGivesTheTerminalBack() throws {
        for term in ["xterm-256color", "tmux-256color", "screen", "linux", "vt100", "xterm-mono"] {
            try browse(["TERM": term]) { tmux in
                try tmux.resize(columns: 60, rows: 20)
                tmux.waitForScreen("re-laid out at 60x20 in \(term)") { screen in
                    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                    return !screen.contains("Modified on") && lines.count >= 19 && lines[0].contains("segtui")
                }
            }
        }
    }

    func testLANGCDrawsOnlyASCII() throws {
        try browse(["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""]) { tmux in
            let screen = try tmux.screen()
            XCTAssertTrue(screen.unicodeScalars.allSatisfy(\.isASCII), "only ASCII under LANG=C:\n\(screen)")
            XCTAssertTrue(screen.contains("+-") || screen.contains("-+"), "frames drawn with - and +:\n\(screen)")
        }
    }

    func testColourFollowsTheTerminalAndNoColorTurnsItOff() throws {
        func colours(_ tmux: Tmux) throws -> String { try tmux.run(["capture-pane", "-p", "-e", "-t", "0"]) }
        try browse(["TERM": "xterm-256color"]) { tmux in
            let screen = try colours(tmux)
            XCTAssertTrue(screen.contains("38;5;"), "256 colours used on a 256-colour terminal:\n\(screen)")
        }
        try browse(["TERM": "screen"]) { tmux in
            let screen = try colours(tmux)
            XCTAssertFalse(screen.contains("38;5;"), "no 256-colour numbers on an 8-colour terminal")
            XCTAssertNotNil(screen.range(of: "\u{1B}\\[(?:[0-9;]*;)?3[0-7]m", options: .regularExpression), "basic colours:\n\(screen)")
        }
        for (environment, arguments) in [(["NO_COLOR": "1"], ""), ([:], "--no-color"), (["TERM": "xterm-mono"], "")] {
            try browse(environment, arguments: arguments) { tmux in
                let screen = try colours(tmux)
                XCTAssertNil(screen.range(of: "\u{1B}\\[(?:[0-9;]*;)?(?:3|4)[0-7](?:;[0-9;]*)?m", options: .regularExpression),
                             "no colour with \(environment) \(arguments):\n\(screen)")
                XCTAssertFalse(screen.contains("38;5;"))
                XCTAssertTrue(screen.contains("\u{1B}[7m"), "the selection still shows, in reverse video")
            }
        }
    }

    func testSmallestAndLargestWindowsAndABurstOfResizes() throws {
        try browse([:], columns: 40, rows: 12)
        try browse([:], columns: 300, rows: 100) { tmux in
            let screen = try tmux.screen()
            XCTAssertTrue(screen.contains("Modified on"))
            // A burst, as a window manager sends while the user drags a corner.
            for step in 0..<30 {
                try tmux.resize(columns: 40 + (step * 37) % 260, rows: 12 + (step * 13) % 88)
            }
            try tmux.resize(columns: 120, rows: 40)
            tmux.waitForScreen("one clean frame at 120x40 after the burst") { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                // Header, list beside the detail whose frame closes on the last body row, status bar.
                return lines.count >= 40 && lines[0].contains("segtui") && lines[1].contains("Members")
                    && lines[38].contains("└") && lines[39].contains("help") && !screen.contains("Terminal too small")
            }
        }
    }

    func testMouseClicksSelectAndTheWheelScrollsOnlyWhenAskedFor() throws {
        let names = try firstNames()
        try browse([:], arguments: "--mouse") { tmux in
            try tmux.press("Escape")
            tmux.waitForScreen("detail closed") { !$0.contains("Query name") }
            // tmux passes the terminal's SGR mouse reports on to a program that asked for them.
            try tmux.run(["send-keys", "-t", "0", "-l", "\u{1B}[<0;5;6M\u{1B}[<0;5;6m"])  // row 6: the fourth segment
            try tmux.press("Enter")
            tmux.waitForScreen("the fourth segment's detail") { $0.contains("Query name") && $0.contains(names[3]) }
            try tmux.press("Escape")
            try tmux.run(["send-keys", "-t", "0", "-l", "\u{1B}[<65;5;6M"])  // the wheel down: three rows on
            tmux.waitForScreen("the wheel moved the selection") { $0.contains("7/") }
        }
        try browse([:]) { tmux in
            try tmux.press("Escape")
            try tmux.run(["send-keys", "-t", "0", "-l", "\u{1B}[<0;5;6M"])
            try tmux.press("Enter")
            tmux.waitForScreen("still the second segment: no mouse by default") { $0.contains("Query name") && $0.contains("2/") }
        }
    }

    func testYAndShiftYPutTheSegmentOnTheClipboardThroughOSC52() throws {
        let page = try OutboundSegmentService(client: DataverseClient(organization: service.baseURL)).firstPage(SegmentListQuery())
        let second = try XCTUnwrap(page.segments.dropFirst().first)
        try browse([:]) { tmux in
            try tmux.run(["set-option", "-g", "set-clipboard", "on"])
            try tmux.press("y")
            tmux.waitForText("Copied the id")
            XCTAssertEqual(try tmux.run(["show-buffer"]), second.id)
            try tmux.press("Y")
            tmux.waitForText("Copied the JSON")
            let json = try JSONValue.parse(Data(try tmux.run(["show-buffer"]).utf8))
            XCTAssertEqual(json["id"]?.stringValue, second.id)
            XCTAssertEqual(json["name"]?.stringValue, second.name)
        }
    }

    func testTheConfigFileRebindsKeysAndTheHelpShowsThem() throws {
        let folder = work.appendingPathComponent("config/segtui")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            [theme]
            selection = "black on yellow"

            [keys.list]
            open_detail = ["o", "enter"]
            quit = ["q", "ctrl-q"]
            """.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        try browse([:]) { tmux in
            try tmux.press("Escape")
            try tmux.press("?")
            tmux.waitForScreen("the help with the bindings in force") { $0.contains("o/Enter") && $0.contains("q/Ctrl-Q") }
            try tmux.press("Escape")
            XCTAssertTrue(try tmux.run(["capture-pane", "-p", "-e", "-t", "0"]).contains("30m\u{1B}[43m")
                || tmux.run(["capture-pane", "-p", "-e", "-t", "0"]).contains("30;43m"), "the configured selection colours")
        }
    }
}
