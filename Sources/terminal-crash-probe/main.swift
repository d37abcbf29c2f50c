import Foundation
import TerminalKit

// A test's stand-in for a program that crashes while curses owns the terminal: it starts a
// session (stderr to the log named by its one argument, as segtui does), draws a line, and then
// traps on an out-of-range index, the way a real bug would. TerminalKit's crash tests run it on
// a pseudo-terminal and check that the guard gives the terminal back and the report is kept.
// It is no tool for users; it lives here because a test cannot be a crashing child of itself
// without being a test that skips when it is not one.

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: terminal-crash-probe LOG-PATH\n".utf8))
    exit(64)
}
let logPath = CommandLine.arguments[1]
MainActor.assumeIsolated {
    do {
        let session = try TerminalSession.start(TerminalSession.Options(noColor: false, stderrLogPath: logPath))
        let canvas = session.makeCanvas()
        canvas.draw("about to trap", row: 0, column: 0)
        canvas.present()
        let empty: [Int] = []
        _ = empty[Int(getpid()) % 1 + 1]
    } catch {
        FileHandle.standardError.write(Data("terminal-crash-probe: \(error)\n".utf8))
        exit(1)
    }
}
