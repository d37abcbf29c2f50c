import CNCurses
import Foundation
import Keys
import TestSupport
import XCTest
@testable import TerminalKit

/// The session's promises to unusual set-ups, on a real pseudo-terminal: the mouse when asked
/// for, the clipboard through OSC 52, ESCDELAY, and ASCII under a locale that is not UTF-8.
final class TerminalCraftTests: XCTestCase {
    func testMouseIsOffUnlessAskedFor() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(TerminalSession.Options(noColor: true))
                pty.drain()
                session.end()
            }
            pty.drain(until: { PseudoTerminal.contains($0, "\u{1B}[?1049l") }, timeout: 5)
            XCTAssertFalse(pty.outputContains("1000h"), "no mouse reporting by default")
        }
    }

    func testMouseClicksAndWheelArriveAsEventsAndReportingStopsAtTheEnd() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            var keys: [Key] = []
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(TerminalSession.Options(noColor: true, mouse: true))
                defer { session.end() }
                XCTAssertTrue(pty.drain(until: { PseudoTerminal.contains($0, "1000h") }, timeout: 5),
                              "the terminal is asked to report the mouse")
                // SGR reports, 1-based: a press at column 5 row 3, then the wheel down at 1,1, then a key.
                pty.type("\u{1B}[<0;5;3M\u{1B}[<0;5;3m\u{1B}[<65;1;1Mj")
                keys = readKeys(session, count: 3)
            }
            XCTAssertEqual(keys, [.mouse(MouseEvent(.press, row: 2, column: 4)), .mouse(MouseEvent(.wheelDown, row: 0, column: 0)),
                                  .character("j")])
            pty.drain(until: { PseudoTerminal.contains($0, "\u{1B}[?1049l") }, timeout: 5)
            // xterm's terminfo switches SGR reports and button tracking together: ESC [ ? 1006;1000 h/l.
            let enabled = pty.lastOffset(of: "1000h") ?? Int.max
            let disabled = pty.lastOffset(of: "1000l") ?? -1
            XCTAssertGreaterThan(disabled, enabled, "mouse reporting is switched off again, or the shell gets the clicks")
        }
    }

    func testTheSessionFoldsSequencesNcursesLeftUndecoded() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            var keys: [Key] = []
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(TerminalSession.Options(noColor: true))
                defer { session.end() }
                // tmux's End for a program that believes it runs in an xterm (whose End is ESC O F).
                pty.type("\u{1B}[4~x")
                keys = readKeys(session, count: 2)
            }
            XCTAssertEqual(keys, [.end, .character("x")])
        }
    }

    func testTheClipboardIsSetThroughOSC52() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(TerminalSession.Options(noColor: true))
                defer { session.end() }
                session.copyToClipboard("segment-42 ✓", environment: ["TERM": "xterm-256color"])
                XCTAssertTrue(pty.drain(until: { PseudoTerminal.contains($0, "\u{1B}]52;c;") }, timeout: 5))
            }
            let payload = Data("segment-42 ✓".utf8).base64EncodedString()
            XCTAssertTrue(pty.outputContains("\u{1B}]52;c;\(payload)\u{07}"))
        }
    }

    func testInsideGNUScreenTheSequenceIsPassedThrough() {
        let plain = TerminalSession.clipboardSequence(for: "x", environment: ["TERM": "screen"])
        XCTAssertEqual(plain, "\u{1B}]52;c;eA==\u{07}", "TERM=screen alone is also what tmux sets")
        let wrapped = TerminalSession.clipboardSequence(for: "x", environment: ["TERM": "screen.xterm-256color", "STY": "1.pts"])
        XCTAssertEqual(wrapped, "\u{1B}P\u{1B}]52;c;eA==\u{07}\u{1B}\\")
    }

    func testESCDELAYFromTheEnvironmentWinsOverOurShortDefault() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            var fromEnvironment: Int32 = 0
            var ours: Int32 = 0
            try withStandardStreams(on: pty) {
                setenv("ESCDELAY", "700", 1)
                let session = try TerminalSession.start(TerminalSession.Options(noColor: true, escapeDelay: 25))
                fromEnvironment = get_escdelay()
                session.end()
                unsetenv("ESCDELAY")
                let second = try TerminalSession.start(TerminalSession.Options(noColor: true, escapeDelay: 25))
                ours = get_escdelay()
                second.end()
            }
            XCTAssertEqual(fromEnvironment, 700)
            XCTAssertEqual(ours, 25)
        }
    }

    func testANamedLocaleThatIsNotUTF8DrawsASCII() throws {
        try MainActor.assumeIsolated {
            let names = ["LANG", "LC_ALL", "LC_CTYPE"]
            let saved: [(String, String?)] = names.map { name in (name, getenv(name).map { String(cString: $0) }) }
            defer {
                for (name, value) in saved { if let value { setenv(name, value, 1) } else { unsetenv(name) } }
                setlocale(LC_ALL, "")
            }
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            var named = false
            var unnamed = true
            try withStandardStreams(on: pty) {
                unsetenv("LC_ALL")
                unsetenv("LC_CTYPE")
                setenv("LANG", "C", 1)
                let session = try TerminalSession.start(TerminalSession.Options(noColor: true))
                named = session.isASCII && session.theme.lines == .ascii && session.theme.spinnerFrames == ["|", "/", "-", "\\"]
                session.end()
                unsetenv("LANG")
                let second = try TerminalSession.start(TerminalSession.Options(noColor: true))
                unnamed = second.isASCII
                second.end()
            }
            XCTAssertTrue(named, "LANG=C says the terminal cannot show UTF-8")
            XCTAssertFalse(unnamed, "no locale named at all falls back to UTF-8")
        }
    }
}
