import CPseudoTerminal
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A program running on a pseudo-terminal we hold the other end of: what it writes is recorded
/// with the time it arrived, and keys can be typed into it.
public final class PseudoTerminalProcess: Sendable {
    public let pid: pid_t
    private let master: Int32
    private let output = OutputBuffer()
    public let started: ContinuousClock.Instant

    public init(executable: String, arguments: [String], environment: [String: String], rows: Int, columns: Int) throws {
        let argv = [executable] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var masterFD: Int32 = -1
        let start = ContinuousClock.now
        let pid = withCStrings(argv) { argvPointers in
            withCStrings(envp) { envpPointers in
                pty_spawn(executable, argvPointers, envpPointers, Int32(rows), Int32(columns), &masterFD)
            }
        }
        guard pid > 0 else { throw POSIXError(.ECHILD) }
        self.pid = pid
        self.master = masterFD
        self.started = start
        let fd = masterFD
        let output = self.output
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count <= 0 {
                    if count < 0 && errno == EINTR { continue }
                    output.state.withLock { $0.closed = true }
                    break
                }
                output.state.withLock { $0.bytes.append(contentsOf: buffer[0..<count]) }
            }
        }
    }

    /// Everything written so far.
    public var bytes: [UInt8] { output.state.withLock { $0.bytes } }
    public var byteCount: Int { output.state.withLock { $0.bytes.count } }
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Waits until the output (from `offset` on) contains `needle`; returns the time since start,
    /// or nil at the deadline.
    public func waitFor(_ needle: String, from offset: Int = 0, timeout: Duration = .seconds(30)) -> Duration? {
        let pattern = Array(needle.utf8)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let found: Bool = output.state.withLock { state in
                guard state.bytes.count >= offset + pattern.count else { return false }
                return Self.contains(state.bytes[offset...], pattern)
            }
            if found { return ContinuousClock.now - started }
            if output.state.withLock({ $0.closed }) { return nil }
            usleep(200)
        }
        return nil
    }

    /// Waits until no new byte has arrived for `quiet`; returns the byte count then.
    @discardableResult
    public func waitForQuiet(_ quiet: Duration = .milliseconds(150), timeout: Duration = .seconds(10)) -> Int {
        let deadline = ContinuousClock.now + timeout
        var lastCount = byteCount
        var lastChange = ContinuousClock.now
        while ContinuousClock.now < deadline {
            usleep(1000)
            let count = byteCount
            if count != lastCount {
                lastCount = count
                lastChange = ContinuousClock.now
            } else if ContinuousClock.now - lastChange >= quiet {
                break
            }
        }
        return lastCount
    }

    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    public func resize(rows: Int, columns: Int) {
        _ = pty_resize(master, Int32(rows), Int32(columns))
    }

    /// Waits for the child to exit; returns its status, or nil at the deadline.
    public func waitForExit(timeout: Duration = .seconds(10)) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result < 0 { return nil }
            usleep(1000)
        }
        return nil
    }

    public func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    deinit {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            _ = Glibc.kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// What the child wrote, shared between the reading thread and the waiting caller.
private final class OutputBuffer: Sendable {
    let state = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))
}
