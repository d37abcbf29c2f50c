import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `segtui serve` as a child process on a throw-away database: started, waited for until it
/// prints its address, and stopped.
public final class ServiceProcess: Sendable {
    public let baseURL: URL
    public let databasePath: String
    private let process: Mutex<Process?>
    private let captured: CapturedOutput

    public enum Failure: Error, CustomStringConvertible {
        case didNotStart(String)
        public var description: String {
            if case .didNotStart(let output) = self { return "segtui serve did not start: \(output)" }
            return ""
        }
    }

    /// Starts `segtui serve --port 0` and returns once it listens. Without `--api` in `arguments`
    /// it serves outbound, the API the client and its tests speak today. `environment` adds to the
    /// inherited one (secrets are passed there, never as arguments).
    public init(
        binary: String, databasePath: String, arguments: [String] = [], environment extra: [String: String] = [:],
        timeout: TimeInterval = 120
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        let api = arguments.contains("--api") ? [] : ["--api", "outbound"]
        process.arguments = ["serve", "--port", "0", "--db", databasePath] + api + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let captured = CapturedOutput()
        let ready = DispatchSemaphore(value: 0)
        let handle = output.fileHandleForReading
        Thread.detachNewThread {
            var signalled = false
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                let url: URL? = captured.state.withLock { state in
                    state.text += String(decoding: data, as: UTF8.self)
                    if state.url == nil, let range = state.text.range(of: "listening on ") {
                        let rest = state.text[range.upperBound...]
                        if let end = rest.firstIndex(of: "\n") { state.url = URL(string: String(rest[..<end])) }
                    }
                    return state.url
                }
                if url != nil, !signalled {
                    signalled = true
                    ready.signal()
                }
            }
            if !signalled { ready.signal() }
        }
        let waited = ready.wait(timeout: .now() + timeout)
        let (url, text) = captured.state.withLock { ($0.url, $0.text) }
        guard waited == .success, let url else {
            process.terminate()
            throw Failure.didNotStart(text)
        }
        self.baseURL = url
        self.databasePath = databasePath
        self.process = Mutex(process)
        self.captured = captured
    }

    /// Everything the service has printed so far, stdout and stderr together.
    public var output: String { captured.state.withLock { $0.text } }

    /// Whether the process is still running.
    public var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }

    public var pid: Int32 { process.withLock { $0?.processIdentifier ?? 0 } }

    /// SIGTERM, then waits for the process to end.
    public func stop() {
        let running: Process? = process.withLock { current in
            let value = current
            current = nil
            return value
        }
        guard let running, running.isRunning else { return }
        running.terminate()
        running.waitUntilExit()
    }

    /// SIGKILL, as a crash or the OOM killer would: no clean shutdown, no WAL checkpoint. Waits
    /// for the process to end.
    public func kill() {
        let running: Process? = process.withLock { current in
            let value = current
            current = nil
            return value
        }
        guard let running, running.isRunning else { return }
        sendKill(running.processIdentifier)
        running.waitUntilExit()
    }

    deinit { stop() }
}

/// What the service printed, and the address found in it; the reading thread fills it.
private final class CapturedOutput: Sendable {
    let state = Mutex<(url: URL?, text: String)>((nil, ""))
}

/// Finds the built executables next to the running test bundle or benchmark.
public enum BuiltProducts {
    /// The folder holding `segtui` (the build's products folder).
    public static var directory: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("segtui").path) {
            return candidate
        }
        return candidates[0]
    }

    public static var segtui: String { directory.appendingPathComponent("segtui").path }

    /// A fresh folder under the system's temporary folder.
    public static func temporaryDirectory(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

private func sendKill(_ pid: Int32) {
    _ = kill(pid, SIGKILL)
}
