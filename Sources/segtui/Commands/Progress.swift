import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Progress of a long import or export on stderr: a redrawn bar when stderr is a terminal,
/// plain lines (at most one a second) when it is a file or a pipe.
final class Progress {
    private let label: String
    /// How many there are, when known (set once the first page says).
    var total: Int?
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastLine = Date.distantPast
    private var done = 0

    init(_ label: String, total: Int? = nil) {
        self.label = label
        self.total = total
    }

    func advance(by count: Int) {
        done += count
        let now = Date()
        if isTerminal {
            guard now.timeIntervalSince(lastLine) > 0.05 || done == total else { return }
            lastLine = now
            write("\r\u{1B}[2K" + barText)
        } else if now.timeIntervalSince(lastLine) >= 1 {
            lastLine = now
            write(plainText + "\n")
        }
    }

    func finish() {
        write(isTerminal ? "\r\u{1B}[2K" + barText + "\n" : plainText + "\n")
    }

    private var plainText: String {
        if let total { return "\(label): \(done)/\(total)" }
        return "\(label): \(done)"
    }

    private var barText: String {
        guard let total, total > 0 else { return plainText }
        let width = 30
        let filled = min(width, done * width / total)
        return "\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(done)/\(total)"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
