import Foundation
import SegtuiHarness
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A Swift trap anywhere in segtui, in a real terminal: the terminal is given back as it was, a
/// line on it says where the crash report is, and the log in `$XDG_STATE_HOME/segtui/` has it.
/// The trap is the signal one raises: SIGILL (`ud2` on x86_64) and SIGTRAP (`brk` on arm64).
final class CrashReportEndToEndTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = BuiltProducts.temporaryDirectory("e2e-crash")
    }

    override func tearDown() {
        for pid in processIds(matching: "^" + NSRegularExpression.escapedPattern(for: marker)) { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: work)
    }

    /// The binary under a path of this test's own, so that pgrep finds this run's process only.
    private var marker: String { work.appendingPathComponent("bin/segtui").path }

    /// A service, the binary linked under `marker`, and a shell in tmux whose state folder is this test's.
    private func startTmuxAndService() throws -> (ServiceProcess, Tmux, String) {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        try FileManager.default.createDirectory(at: work.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: marker, withDestinationPath: BuiltProducts.segtui)
        let state = work.appendingPathComponent("state")
        let tmux = try Tmux(columns: 120, rows: 40, environment: ["XDG_STATE_HOME": state.path])
        return (service, tmux, state.appendingPathComponent("segtui/segtui.log").path)
    }

    /// What this run appended to the log: the log holds every run, each under its own header.
    private func assertLogged(_ name: String, pid: Int32, runs: Int, logPath: String, file: StaticString = #filePath, line: UInt = #line) {
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        XCTAssertEqual(log.components(separatedBy: "--- segtui started ").count - 1, runs, log, file: file, line: line)
        let thisRun = log.components(separatedBy: "--- segtui started ").last ?? ""
        XCTAssertTrue(thisRun.contains("segtui: crashed with \(name) in process \(pid)"), thisRun, file: file, line: line)
        XCTAssertTrue(thisRun.contains("Thread 0"), "the Swift backtracer's report is in the log:\n\(thisRun)", file: file, line: line)
    }

    func testATrapRestoresTheTerminalAndTellsWhereTheReportIs() throws {
        let (service, tmux, logPath) = try startTmuxAndService()
        defer { service.stop() }
        try tmux.typeLine("ulimit -c 0")

        for (round, (name, number)) in [("SIGILL", SIGILL), ("SIGTRAP", SIGTRAP)].enumerated() {
            let before = work.appendingPathComponent("stty-before-\(round)").path
            let after = work.appendingPathComponent("stty-after-\(round)").path
            try tmux.typeLine("clear; stty -a > \(before); \(marker) --url \(service.baseURL.absoluteString); "
                + "echo exit=$?; stty -a > \(after)")
            tmux.waitForText("Modified on")
            XCTAssertTrue(try tmux.isAlternateScreen())
            let pids = processIds(matching: "^" + NSRegularExpression.escapedPattern(for: marker))
            XCTAssertEqual(pids.count, 1, "one segtui running")
            for pid in pids { kill(pid, number) }

            let screen = try XCTUnwrap(tmux.waitForText("exit=\(128 + number)", timeout: 60), "segtui dies of \(name)")
            XCTAssertTrue(screen.contains("segtui crashed (\(name)); the crash report is in \(logPath)"), screen)
            let beforeText = try XCTUnwrap(waitForFile(before))
            let afterText = try XCTUnwrap(waitForFile(after))
            XCTAssertEqual(beforeText, afterText, "stty -a after the crash equals stty -a before")
            XCTAssertFalse(try tmux.isAlternateScreen(), "back on the primary screen")
            XCTAssertTrue(try tmux.cursorVisible(), "cursor visible")

            // The log keeps every run, each under its own header, and this crash's report.
            assertLogged(name, pid: pids.first ?? 0, runs: round + 1, logPath: logPath)
            XCTAssertTrue(waitUntil(timeout: 10) { processIds(matching: "^" + NSRegularExpression.escapedPattern(for: marker)).isEmpty })
        }
    }

    /// Issue 15 item 12: every fatal signal, SIGSEGV and SIGQUIT too, with SWIFT_BACKTRACE not set
    /// at all (as a user has it): the terminal comes back with the keypad off, one line names the
    /// log, the backtracer's report is in the log and never on the screen, and nothing waits.
    func testEveryFatalSignalWithoutSwiftBacktraceSetLeavesOneLine() throws {
        let (service, tmux, logPath) = try startTmuxAndService()
        defer { service.stop() }
        try tmux.typeLine("ulimit -c 0; unset SWIFT_BACKTRACE")

        for (round, (name, number)) in [("SIGSEGV", SIGSEGV), ("SIGQUIT", SIGQUIT)].enumerated() {
            try tmux.typeLine("clear; \(marker) --url \(service.baseURL.absoluteString); echo exit=$?")
            tmux.waitForText("Modified on")
            let keypadOn = try tmux.run(["display-message", "-p", "-t", "0", "#{keypad_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(keypadOn, "1", "curses turned the keypad on")
            let pids = processIds(matching: "^" + NSRegularExpression.escapedPattern(for: marker))
            XCTAssertEqual(pids.count, 1, "one segtui running")
            for pid in pids { kill(pid, number) }

            // 30 s is what the interactive backtracer would wait: the end comes well before.
            let screen = try XCTUnwrap(tmux.waitForText("exit=\(128 + number)", timeout: 25), "segtui dies of \(name) without waiting")
            let said = screen.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            XCTAssertEqual(said.filter { $0.contains("segtui crashed") }.count, 1, screen)
            XCTAssertTrue(screen.contains("segtui crashed (\(name)); the crash report is in \(logPath)"), screen)
            // Up to the exit status: segtui's one line, then the shell's own word on the signal
            // ("Segmentation fault", "Quit"), and nothing else: no backtrace, no prompt to press a key.
            let beforeExit = Array(said.prefix { !$0.hasPrefix("exit=") })
            XCTAssertEqual(beforeExit.count, 2, "one line of segtui's and the shell's note:\n\(screen)")
            XCTAssertTrue(beforeExit.first?.hasPrefix("segtui crashed (\(name))") == true, screen)
            XCTAssertFalse(screen.contains("Press space"), screen)
            XCTAssertFalse(try tmux.isAlternateScreen(), "back on the primary screen")
            XCTAssertTrue(try tmux.cursorVisible(), "cursor visible")
            let keypad = try tmux.run(["display-message", "-p", "-t", "0", "#{keypad_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(keypad, "0", "keypad mode is off again")

            assertLogged(name, pid: pids.first ?? 0, runs: round + 1, logPath: logPath)
            XCTAssertTrue(waitUntil(timeout: 10) { processIds(matching: "^" + NSRegularExpression.escapedPattern(for: marker)).isEmpty })
        }
    }
}
