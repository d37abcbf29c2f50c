import ArgumentParser
import Dataverse
import Foundation
import Segments
import TerminalKit

#if canImport(Glibc)
import Glibc
#endif

/// Exit statuses that scripts can rely on; documented in README and in `segtui --help`.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case failure = 1
    case conflict = 2
    case notFound = 3
    case usage = 64

    static let documentation = """
        Exit status: 0 success; 1 failure (the service refused or could not be reached); \
        2 conflict (the segment changed meanwhile, or its status does not allow this); \
        3 not found; 64 usage (bad arguments, a name that matches several segments, or a write under --read-only).
        """
}

/// An error that ends a command with a message on stderr and a stable exit status.
struct CommandFailure: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    init(_ error: SegmentServiceError) {
        switch error {
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        default: status = .failure
        }
        message = error.description
    }

    init(_ error: SegmentResolver.Failure) {
        switch error {
        case .notFound: status = .notFound
        case .ambiguous: status = .usage
        }
        message = error.description
    }

    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning a `CommandFailure` into its message and exit status.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            Output.note("segtui: \(failure.message)")
            throw ExitCode(failure.status.rawValue)
        }
    }
}

/// Writes to stdout and stderr, unbuffered between calls so that pipes see whole lines promptly.
///
/// Anything a service sent is untrusted. Text for people (tables, messages, progress) is always
/// sanitised as the TUI's text is. Data formats stay exact when they go to a file or a pipe, and
/// are made harmless without losing anything when they go to a terminal: JSON escapes every
/// control (`TerminalSafeJSON`, always), CSV is sanitised field by field only on a terminal.
enum Output {
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    /// A line of our own making, or one already made safe; written as it is.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// A line for people that may hold text from the service.
    static func text(_ text: String) {
        line(Sanitizer.standard(text))
    }

    static func json(_ value: JSONValue) {
        line(TerminalSafeJSON.escape(String(decoding: value.jsonData(), as: UTF8.self)))
    }

    /// One CSV row: exact into a pipe; on a terminal each field sanitised first, with its line
    /// breaks and tabs shown in caret form rather than executed.
    static func csv(_ fields: [String]) {
        line(SegmentExport.csvRow(fields: stdoutIsTerminal ? fields.map(Sanitizer.canvas.sanitize) : fields))
    }

    /// A message on stderr, sanitised line by line (its own line breaks are kept).
    static func note(_ text: String) {
        let safe = text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.standard(String($0)) }
        FileHandle.standardError.write(Data((safe.joined(separator: "\n") + "\n").utf8))
    }
}
