import CNCurses
import Foundation
import Keys
import TestSupport
import XCTest
@testable import TerminalKit

/// The session on a real pseudo-terminal: keys in, resizes, and the terminal given back exactly.
///
/// XCTest on Linux cannot call main-actor test methods, but it calls every test on the main
/// thread: each test enters the main actor with `assumeIsolated`.
final class TerminalSessionTests: XCTestCase {
    private static let options = TerminalSession.Options(noColor: false, ascii: nil, stderrLogPath: nil)

    func testEndGivesBackTheTerminalExactlyAsItWas() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            let before = try pty.sttyAll()
            var during = ""
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(Self.options)
                pty.drain()
                during = try pty.sttyAll()
                session.end()
                session.end()
            }
            XCTAssertNotEqual(during, before, "curses mode changes the settings, or this test proves nothing")
            XCTAssertTrue(during.contains("-icanon") && during.contains("-echo") && during.contains("-isig"), during)
            XCTAssertEqual(try pty.sttyAll(), before)
            pty.drain(until: { PseudoTerminal.contains($0, "\u{1B}[?1049l") }, timeout: 5)
            XCTAssertTrue(pty.outputContains("\u{1B}[?1049h"), "entered the alternate screen")
            XCTAssertTrue(pty.outputContains("\u{1B}[?1049l"), "back on the primary screen")
            XCTAssertTrue(pty.outputContains("\u{1B}[?25l"), "cursor hidden while running")
            let hidden = pty.lastOffset(of: "\u{1B}[?25l") ?? -1
            let shown = pty.lastOffset(of: "\u{1B}[?25h") ?? -1
            XCTAssertGreaterThan(shown, hidden, "cursor visible again")
        }
    }

    func testKeysAreReadAndDecoded() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            var keys: [Key] = []
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(Self.options)
                defer { session.end() }
                XCTAssertEqual(session.readKeys(), [], "nothing typed yet, and reading does not block")
                pty.type("q\u{3}\u{1B}OAe\u{301}\u{1B}[6~日")
                keys = readKeys(session, count: 6)
            }
            XCTAssertEqual(keys, [.character("q"), .control("c"), .up, .character("é"), .pageDown, .character("日")])
        }
    }

    func testALoneEscapeArrivesQuickly() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            var keys: [Key] = []
            var elapsed: TimeInterval = 0
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(Self.options)
                defer { session.end() }
                let start = Date()
                pty.type("\u{1B}")
                keys = readKeys(session, count: 1)
                elapsed = Date().timeIntervalSince(start)
            }
            XCTAssertEqual(keys, [.escape])
            XCTAssertLessThan(elapsed, 0.5, "ncurses' default would wait a whole second")
        }
    }

    func testResizeFromKernelFollowsTheTerminal() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            var sizes: [Size] = []
            var keys: [Key] = []
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(Self.options)
                defer { session.end() }
                sizes.append(session.size)
                pty.resize(rows: 30, columns: 100)
                sizes.append(session.resizeFromKernel())
                sizes.append(session.size)
                keys = session.readKeys()
                sizes.append(session.resizeFromKernel())
                sizes.append(session.makeCanvas().size)
            }
            XCTAssertEqual(sizes, [Size(rows: 24, columns: 80), Size(rows: 30, columns: 100), Size(rows: 30, columns: 100),
                                   Size(rows: 30, columns: 100), Size(rows: 30, columns: 100)])
            XCTAssertEqual(keys, [.resize])
        }
    }

    func testStartRefusesWhatItCannotUse() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            let before = try pty.sttyAll()
            var errors: [String] = []
            withStandardStreams(on: pty, term: "no-such-terminal-segtui") {
                do { _ = try TerminalSession.start(Self.options) } catch { errors.append("\(error)") }
            }
            withStandardStreams(on: pty) {
                do {
                    let session = try TerminalSession.start(Self.options)
                    defer { session.end() }
                    do { _ = try TerminalSession.start(Self.options) } catch { errors.append("\(error)") }
                } catch {
                    errors.append("unexpected: \(error)")
                }
            }
            XCTAssertEqual(errors.count, 2)
            XCTAssertTrue(errors.first?.contains("no-such-terminal-segtui") == true, errors.first ?? "")
            XCTAssertTrue(errors.last?.contains("already running") == true, errors.last ?? "")
            XCTAssertEqual(try pty.sttyAll(), before)

            let null = open("/dev/null", O_RDWR)
            defer { close(null) }
            let savedInput = dup(STDIN_FILENO)
            dup2(null, STDIN_FILENO)
            defer { dup2(savedInput, STDIN_FILENO); close(savedInput) }
            XCTAssertThrowsError(try TerminalSession.start(Self.options)) { error in
                XCTAssertTrue("\(error)".contains("must be a terminal"), "\(error)")
            }
        }
    }

    func testStandardErrorGoesToTheLogWhileCursesOwnsTheScreen() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 24, columns: 80)
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("tk-stderr-\(UUID().uuidString).log")
            defer { try? FileManager.default.removeItem(at: log) }
            var before = stat()
            var after = stat()
            fstat(STDERR_FILENO, &before)
            try withStandardStreams(on: pty) {
                var logOptions = Self.options
                logOptions.stderrLogPath = log.path
                let session = try TerminalSession.start(logOptions)
                FileHandle.standardError.write(Data("warning while drawing\n".utf8))
                session.end()
            }
            fstat(STDERR_FILENO, &after)
            let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(lines.count, 3, "\(lines)")
            XCTAssertTrue(lines.first?.hasPrefix("--- segtui started ") == true, "each run starts under a header: \(lines)")
            XCTAssertTrue(lines.first?.hasSuffix(", process \(getpid())") == true, "\(lines)")
            XCTAssertEqual(lines.dropFirst().first, "warning while drawing")
            XCTAssertEqual(before.st_ino, after.st_ino, "stderr is back where it was")
            XCTAssertEqual(before.st_dev, after.st_dev)
            XCTAssertFalse(pty.drain(until: { PseudoTerminal.contains($0, "warning while drawing") }, timeout: 0.2))
        }
    }

    func testTheNcursesCanvasPutsTheSameCellsAsTheGrid() throws {
        try MainActor.assumeIsolated {
            let pty = try PseudoTerminal(rows: 6, columns: 20)
            let grid = GridCanvas(rows: 6, columns: 20)
            var screen: [String] = []
            var errorCell: (attributes: attr_t, pair: Int16) = (0, 0)
            var expectedPair: Int16 = 0
            var presentedAfterEnd = false
            try withStandardStreams(on: pty) {
                let session = try TerminalSession.start(Self.options)
                let canvas = session.makeCanvas()
                for target in [canvas as Canvas, grid] {
                    target.erase()
                    target.draw("Segments — 東京の顧客 list", row: 0, column: 0)
                    target.draw("日本語テキスト", row: 1, column: 7)
                    target.draw("overflow\u{1B}[2J\u{202E}x", row: 2, column: 14)
                    target.draw("Cre\u{300}me 😀 ok", row: 3, column: 2, width: 9, style: .plain)
                    target.fill(row: 4, column: 0, width: 20, style: .statusBar)
                    target.draw("Error", row: 4, column: 1, width: nil, style: .error)
                    target.draw("left|", row: 5, column: 0)
                    target.draw("\u{301}\nnext", row: 5, column: 5)
                    target.draw("end", row: 5, column: 17)
                    target.present()
                }
                screen = (0..<6).map { Self.readRow(Int32($0), columns: 20) }
                var cell = cchar_t()
                mvwin_wch(tk_stdscr(), 4, 1, &cell)
                var text = [wchar_t](repeating: 0, count: 8)
                getcchar(&cell, &text, &errorCell.attributes, &errorCell.pair, nil)
                expectedPair = session.theme.colorPair(for: .error)
                session.end()
                canvas.present()
                presentedAfterEnd = !isendwin()
            }
            XCTAssertEqual(screen, grid.lines(trimmingTrailingSpaces: false))
            XCTAssertEqual(grid.lines()[1], "       日本語テキス", "ト would straddle the right edge")
            XCTAssertEqual(grid.lines()[2], "              overfl")
            XCTAssertEqual(grid.lines()[5], "left|^Jnext      end", "the stray accent is dropped, not folded into |")
            XCTAssertNotEqual(expectedPair, 0)
            XCTAssertEqual(errorCell.pair, expectedPair)
            XCTAssertNotEqual(errorCell.attributes & tk_a_bold(), 0)
            XCTAssertFalse(presentedAfterEnd, "a frame after end must not take the terminal back")
        }
    }

    /// One row of ncurses' own picture of the screen, a wide character once, as the grid shows it.
    private static func readRow(_ row: Int32, columns: Int32) -> String {
        var result = ""
        var column: Int32 = 0
        while column < columns {
            var cell = cchar_t()
            mvwin_wch(tk_stdscr(), row, column, &cell)
            var text = [wchar_t](repeating: 0, count: 8)
            var attributes: attr_t = 0
            var pair: Int16 = 0
            getcchar(&cell, &text, &attributes, &pair, nil)
            for value in text.prefix(while: { $0 != 0 }) {
                if let scalar = Unicode.Scalar(UInt32(bitPattern: value)) { result.unicodeScalars.append(scalar) }
            }
            column += max(1, tk_wcwidth(text[0]))
        }
        return result
    }
}
