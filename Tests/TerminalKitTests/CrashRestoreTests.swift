import Foundation
import TestSupport
import XCTest
@testable import TerminalKit

/// A Swift trap while curses owns the terminal: the crash guard must give the terminal back and
/// leave the crash report readable. The trap happens in a child process (`terminal-crash-probe`,
/// built beside this test bundle), on a pseudo-terminal that this test watches.
final class CrashRestoreTests: XCTestCase {
    /// The probe sits in the build's products folder, as the test bundle does.
    private static var probe: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("terminal-crash-probe")
    }

    func testATrapRestoresTheTerminalWithoutTheBacktracer() throws {
        let outcome = try runCrashingChild(backtrace: "enable=no")
        XCTAssertEqual(outcome.sttyAfter, outcome.sttyBefore)
        XCTAssertTrue(outcome.drewScreen, "the child reached curses mode before trapping")
        XCTAssertTrue(outcome.leftAlternateScreen, "the guard left the alternate screen after the trap")
        XCTAssertTrue(outcome.log.contains("Fatal error"), "the runtime's message went to the log: \(outcome.log)")
        XCTAssertTrue(outcome.log.contains("segtui: crashed with SIG"), "the guard's line is in the log: \(outcome.log)")
        XCTAssertTrue(outcome.stderr.contains("segtui crashed (SIG"), "the terminal says where: \(outcome.stderr)")
        XCTAssertTrue(outcome.stderr.contains("the crash report is in \(outcome.logPath)"), outcome.stderr)
        XCTAssertEqual(outcome.reason, .uncaughtSignal)
    }

    func testATrapRestoresTheTerminalAndChainsToTheBacktracer() throws {
        let outcome = try runCrashingChild(backtrace: "enable=yes,interactive=no,color=no,symbolicate=off")
        XCTAssertEqual(outcome.sttyAfter, outcome.sttyBefore)
        XCTAssertTrue(outcome.leftAlternateScreen)
        XCTAssertTrue(outcome.log.contains("Fatal error"), outcome.log)
        XCTAssertTrue(outcome.log.contains("segtui: crashed with SIGILL") || outcome.log.contains("segtui: crashed with SIGTRAP"), outcome.log)
        XCTAssertTrue(outcome.log.contains("Thread 0"), "the backtracer still ran, into the log: \(outcome.log)")
        XCTAssertTrue(outcome.stderr.contains("the crash report is in \(outcome.logPath)"), "the terminal says where: \(outcome.stderr)")
        XCTAssertEqual(outcome.reason, .uncaughtSignal)
    }

    private struct Outcome {
        var sttyBefore: String
        var sttyAfter: String
        var drewScreen: Bool
        var leftAlternateScreen: Bool
        var log: String
        var logPath: String
        var stderr: String
        var reason: Process.TerminationReason
    }

    private func runCrashingChild(backtrace: String) throws -> Outcome {
        let pty = try PseudoTerminal(rows: 24, columns: 80)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tk-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("segtui.log")
        let stderrFile = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let before = try pty.sttyAll()

        let child = Process()
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.probe.path), "built with the tests: \(Self.probe.path)")
        child.executableURL = Self.probe
        child.arguments = [log.path]
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["SWIFT_BACKTRACE"] = backtrace
        child.environment = environment
        child.standardInput = FileHandle(fileDescriptor: pty.slave, closeOnDealloc: false)
        child.standardOutput = FileHandle(fileDescriptor: pty.slave, closeOnDealloc: false)
        child.standardError = try FileHandle(forWritingTo: stderrFile)
        try child.run()

        // Keep reading what the child draws, so that it never blocks on a full pty.
        let deadline = Date().addingTimeInterval(60)
        while child.isRunning && Date() < deadline {
            pty.drain(until: { _ in !child.isRunning }, timeout: 0.2)
        }
        if child.isRunning {
            child.terminate()
            XCTFail("the crashing child did not end within a minute")
        }
        child.waitUntilExit()
        pty.drain()

        let entered = pty.lastOffset(of: "\u{1B}[?1049h") ?? Int.max
        let left = pty.lastOffset(of: "\u{1B}[?1049l") ?? -1
        return Outcome(
            sttyBefore: before, sttyAfter: try pty.sttyAll(),
            drewScreen: pty.outputContains("about to trap"), leftAlternateScreen: left > entered,
            log: (try? String(contentsOf: log, encoding: .utf8)) ?? "", logPath: log.path,
            stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "",
            reason: child.terminationReason)
    }
}
