import XCTest
@testable import TerminalKit

final class BacktraceSettingTests: XCTestCase {
    func testInteractiveAndOutputAreForcedAndTheRestKept() {
        XCTAssertEqual(BacktraceSetting.value(from: nil), "interactive=no,output-to=stderr")
        XCTAssertEqual(BacktraceSetting.value(from: ""), "interactive=no,output-to=stderr")
        XCTAssertEqual(BacktraceSetting.value(from: "interactive=yes,color=no"), "color=no,interactive=no,output-to=stderr")
        XCTAssertEqual(BacktraceSetting.value(from: "enable=no,output-to=stdout"), "enable=no,interactive=no,output-to=stderr")
    }

    func testTheSettingIsStableSoTheRestartHappensOnce() {
        for start in [nil, "interactive=yes", "enable=yes,symbolicate=off"] {
            let once = BacktraceSetting.value(from: start)
            XCTAssertEqual(BacktraceSetting.value(from: once), once)
        }
    }

    /// A restart is a whole second process start: only when the backtracer would reach the terminal.
    func testARestartOnlyWhenTheBacktracerWouldReachTheTerminal() {
        func reaches(_ value: String?, stdin: Bool = true, stdout: Bool = true) -> Bool {
            BacktraceSetting.reachesTheTerminal(value, stdinIsTerminal: stdin, stdoutIsTerminal: stdout)
        }
        // Unset on a terminal: interactive, on stdout. The restart's own setting: never.
        XCTAssertTrue(reaches(nil))
        XCTAssertTrue(reaches(""))
        XCTAssertFalse(reaches(BacktraceSetting.value(from: nil)))
        XCTAssertFalse(reaches(BacktraceSetting.value(from: "color=no")))
        // No terminal on either side: not interactive, and `auto` output is stderr.
        XCTAssertFalse(reaches(nil, stdin: false))
        XCTAssertFalse(reaches(nil, stdout: false))
        // The user's own non-interactive settings are enough.
        XCTAssertFalse(reaches("interactive=no"))
        XCTAssertFalse(reaches("interactive=No,output-to=stderr"))
        XCTAssertFalse(reaches("enable=no"))
        XCTAssertFalse(reaches("enable=off,interactive=yes"))
        XCTAssertFalse(reaches("enable=tty", stdout: false))
        XCTAssertFalse(reaches("output-to=/tmp/crash.log"))
        // Still on the terminal.
        XCTAssertTrue(reaches("interactive=yes", stdin: false, stdout: false))
        XCTAssertTrue(reaches("interactive=no,output-to=stdout"))
        XCTAssertTrue(reaches("enable=tty"))
        XCTAssertTrue(reaches("color=no"))
        XCTAssertTrue(reaches("output-to=/tmp/crash.log,interactive=yes"))
        // Words the runtime may read otherwise: restart to be sure.
        XCTAssertTrue(reaches("interactive=maybe"))
        XCTAssertTrue(reaches("enable=perhaps"))
    }
}
