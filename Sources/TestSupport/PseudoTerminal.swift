import CPseudoTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal for tests: the slave side stands in for the user's terminal, the master side
/// for the terminal emulator (it types keys, changes the size, and receives what is drawn).
public final class PseudoTerminal {
    public let master: Int32
    public let slave: Int32
    public private(set) var output: [UInt8] = []

    public init(rows: Int, columns: Int) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard pty_open_pair(&master, &slave) == 0 else { throw POSIXError(.ENODEV) }
        self.master = master
        self.slave = slave
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        resize(rows: rows, columns: columns)
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Types `text` as the terminal would send it.
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
    }

    public func resize(rows: Int, columns: Int) {
        _ = pty_resize(master, Int32(rows), Int32(columns))
    }

    /// Reads what the program drew until `condition` holds on everything drawn so far, or the
    /// deadline passes. Returns whether the condition held.
    @discardableResult
    public func drain(until condition: ([UInt8]) -> Bool = { _ in false }, timeout: TimeInterval = 0) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            readAvailable()
            if condition(output) { return true }
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let remaining = max(0, Int32(deadline.timeIntervalSinceNow * 1000))
            if poll(&descriptor, 1, min(remaining, 100)) < 0 && errno != EINTR { break }
        } while Date() < deadline
        readAvailable()
        return condition(output)
    }

    /// Whether the drawn output contains `text` (an escape sequence, a word).
    public func outputContains(_ text: String) -> Bool {
        Self.contains(output, text)
    }

    /// Where `text` last starts in the drawn output.
    public func lastOffset(of text: String) -> Int? {
        let needle = Array(text.utf8)
        guard needle.count <= output.count else { return nil }
        return (0...(output.count - needle.count)).last { output[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    public static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard needle.count <= bytes.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// `stty -a` of the slave, exactly as a user would compare it before and after.
    public func sttyAll() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/stty")
        process.arguments = ["-a"]
        process.standardInput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            output.append(contentsOf: buffer[0..<count])
        }
    }
}

/// Runs `body` with stdin and stdout on `pty`'s slave and a known terminal type, then puts the
/// test process back as it was (streams, signal dispositions, environment).
@MainActor
public func withStandardStreams<T>(on pty: PseudoTerminal, term: String = "xterm-256color", _ body: () throws -> T) rethrows -> T {
    fflush(nil)
    let savedInput = dup(STDIN_FILENO)
    let savedOutput = dup(STDOUT_FILENO)
    let savedTerm = getenv("TERM").map { String(cString: $0) }
    let savedEscDelay = getenv("ESCDELAY").map { String(cString: $0) }
    let signals = [SIGINT, SIGTERM, SIGHUP]
    let savedHandlers = signals.map { signal($0, SIG_DFL) }
    for (number, handler) in zip(signals, savedHandlers) { signal(number, handler) }
    setenv("TERM", term, 1)
    unsetenv("ESCDELAY")
    dup2(pty.slave, STDIN_FILENO)
    dup2(pty.slave, STDOUT_FILENO)
    defer {
        fflush(nil)
        dup2(savedInput, STDIN_FILENO)
        dup2(savedOutput, STDOUT_FILENO)
        close(savedInput)
        close(savedOutput)
        if let savedTerm { setenv("TERM", savedTerm, 1) } else { unsetenv("TERM") }
        if let savedEscDelay { setenv("ESCDELAY", savedEscDelay, 1) }
        for (number, handler) in zip(signals, savedHandlers) { signal(number, handler) }
    }
    return try body()
}

