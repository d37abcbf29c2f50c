import ArgumentParser
import Dataverse
import Foundation
import Segments

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
            FileHandle.standardError.write(Data("segtui: \(failure.message)\n".utf8))
            throw ExitCode(failure.status.rawValue)
        }
    }
}

/// Writes data to stdout, unbuffered between calls so that pipes see whole lines promptly.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func json(_ value: JSONValue) {
        line(String(decoding: value.jsonData(), as: UTF8.self))
    }
}
