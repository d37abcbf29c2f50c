import Foundation
import SegtuiHarness
import Synchronization

/// What one run of a script command left: exit status, stdout and stderr.
struct CommandOutcome {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// Runs the built `segtui` with `arguments` as a script would, stdin fed and closed, both
/// outputs read to the end (so that a large output cannot block the child).
enum SegtuiCommand {
    static func run(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> CommandOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.segtui)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let errBox = ErrorOutput()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errBox.data.withLock { $0 = errHandle.readDataToEndOfFile() } }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let errText = String(decoding: errBox.data.withLock { $0 }, as: UTF8.self)
        return CommandOutcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errText)
    }
}

private final class ErrorOutput: Sendable {
    let data = Mutex<Data>(Data())
}
