import Foundation
import SegtuiHarness
import TestSupport
import XCTest

/// A private tmux server with one window, driven as a person would: keys in, screen out.
/// Started with `system` because a tmux server forked through Foundation's Process inherits its
/// internal socket and `waitUntilExit` never returns.
final class Tmux {
    let socket = "segtui-e2e-\(UUID().uuidString.prefix(8))"
    let columns: Int
    let rows: Int

    init(columns: Int = 100, rows: Int = 30, environment: [String: String] = [:]) throws {
        self.columns = columns
        self.rows = rows
        var exports = ["TERM=xterm-256color", "LANG=C.UTF-8", "SWIFT_BACKTRACE=interactive=no", "PS1='$ '"]
        exports += environment.map { "\($0.key)=\(Self.quote($0.value))" }
        // `swift test` sets NO_COLOR for what it runs; the terminal under test decides colour itself.
        let shell = "env -u NO_COLOR \(exports.joined(separator: " ")) bash --norc --noprofile"
        let command = "tmux -L \(socket) -f /dev/null new-session -d -x \(columns) -y \(rows) \(Self.quote(shell)) </dev/null >/dev/null 2>&1"
        guard system(command) == 0 else { throw NSError(domain: "tmux", code: 1, userInfo: [NSLocalizedDescriptionKey: "tmux did not start"]) }
        _ = try run(["set-option", "-g", "status", "off"])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Types a line into the shell and presses Enter.
    func typeLine(_ line: String) throws {
        try run(["send-keys", "-t", "0", "-l", line])
        try run(["send-keys", "-t", "0", "Enter"])
    }

    /// Presses keys by tmux name ("Enter", "Escape", "j", "C-c").
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", "0"] + keys)
    }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", "0"]) }

    /// Whether the pane shows the alternate screen (a full-screen program is running).
    func isAlternateScreen() throws -> Bool {
        try run(["display-message", "-p", "-t", "0", "#{alternate_on}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    func cursorVisible() throws -> Bool {
        try run(["display-message", "-p", "-t", "0", "#{cursor_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", "0", "-x", String(columns), "-y", String(rows)])
    }

    /// Polls the screen until `predicate` holds; fails the test with the last screen at the deadline.
    @discardableResult
    func waitForScreen(
        _ what: String, timeout: TimeInterval = 30, file: StaticString = #filePath, line: UInt = #line,
        _ predicate: (String) -> Bool
    ) -> String? {
        var last = ""
        return waitFor("\(what); the screen was:\n\(last)", within: timeout, poll: 0.05, file: file, line: line) {
            last = (try? screen()) ?? ""
            return predicate(last) ? last : nil
        }
    }

    @discardableResult
    func waitForText(_ text: String, timeout: TimeInterval = 30, file: StaticString = #filePath, line: UInt = #line) -> String? {
        waitForScreen("'\(text)'", timeout: timeout, file: file, line: line) { $0.contains(text) }
    }

    /// Filters segtui's list to the one segment called `name` (after clearing the prompt's old text
    /// when asked) and waits until the list shows that row alone.
    func filterList(to name: String, clearing: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws {
        try run(["send-keys", "-t", "0", "/"] + (clearing ? ["C-u"] : []))
        try typeText(name)
        try press("Enter")
        waitForScreen("the list filtered to \(name)", file: file, line: line) { $0.contains("filter: \(name)") && $0.contains("1/1") }
    }
}

/// Waits for a file to exist and be complete (a shell redirection that has finished).
func waitForFile(_ path: String, timeout: TimeInterval = 20, file: StaticString = #filePath, line: UInt = #line) -> String? {
    waitFor(path, within: timeout, poll: 0.05, file: file, line: line) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") else { return nil }
        return text
    }
}

extension Tmux {
    /// segtui against `url` in a new tmux window, its state under `state`, once the list is on
    /// screen; `arguments` follow `--url`, and the shell prints `exit=STATUS` when it ends.
    static func segtui(against url: URL, state: URL, arguments: [String] = [], columns: Int = 120, rows: Int = 30,
                       file: StaticString = #filePath, line: UInt = #line) throws -> Tmux {
        let tmux = try Tmux(columns: columns, rows: rows, environment: ["XDG_STATE_HOME": state.path])
        try tmux.typeLine(([BuiltProducts.segtui, "--url", url.absoluteString] + arguments).joined(separator: " ") + "; echo exit=$?")
        tmux.waitForText("Modified on", file: file, line: line)
        return tmux
    }
}
