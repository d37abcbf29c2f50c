import Dataverse
import Foundation
import Segments
import SegtuiHarness
import Synchronization
import TestSupport
import XCTest

/// What a run of the `segtui` binary as a script command left: its status and both outputs.
struct CommandOutcome {
    var status: Int32
    var stdout: String
    var stderr: String
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// Runs the real `segtui` with `arguments` (and `--url url` when given) to its end, with pipes for
/// stdin, stdout and stderr, and returns what it left.
func runSegtui(_ arguments: [String], url: URL?, stdin: String? = nil, environment extra: [String: String] = [:]) throws -> CommandOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BuiltProducts.segtui)
    process.arguments = arguments + (url.map { ["--url", $0.absoluteString] } ?? [])
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
    // Read both pipes to the end before waiting, so that a large output cannot block the child.
    let errBox = PipeOutput()
    let group = DispatchGroup()
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async(group: group) { errBox.data.withLock { $0 = errHandle.readDataToEndOfFile() } }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let errText = String(decoding: errBox.data.withLock { $0 }, as: UTF8.self)
    return CommandOutcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errText)
}

private final class PipeOutput: Sendable {
    let data = Mutex<Data>(Data())
}

/// Tests of the script commands: a `segtui serve` of the test's own over a fresh database, and a
/// client that reads what the service holds directly, to check the commands against.
class CommandTestCase: XCTestCase {
    var work: URL!
    var server: ServiceProcess!
    var service: OutboundSegmentService!

    override func setUpWithError() throws {
        work = BuiltProducts.temporaryDirectory("commands")
        server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("cmd.sqlite").path)
        service = OutboundSegmentService(client: DataverseClient(organization: server.baseURL))
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(at: work)
    }

    /// Runs `segtui` against this test's service (or, without the URL, the embedded one). The
    /// APIs `auto` finds are remembered in the test's own state folder, not the user's.
    func segtui(_ arguments: [String], stdin: String? = nil, withURL: Bool = true) throws -> CommandOutcome {
        try runSegtui(arguments, url: withURL ? server.baseURL : nil, stdin: stdin,
                      environment: ["XDG_STATE_HOME": work.appendingPathComponent("state").path])
    }
}
