import Dataverse
import Foundation
import Segments
import SegtuiHarness

#if canImport(Glibc)
import Glibc
#endif

/// `segtui-bench screen [segments]`: the real segtui at 120×40 on a pty against `segtui serve`
/// with 100,000 segments by default (issue 6, economy and scale):
///
/// - bytes written at the pty for one key each: move one row, page down, open the detail, and a
///   resize to 100×30 (ncurses should send only what changed: about two rows for a one-row move);
/// - CPU time (utime + stime of the process) per keystroke over many one-row moves;
/// - `G`: the page requests and the time until the last row is on the screen;
/// - resident memory after walking the whole list by PageDown, top to bottom.
enum ScreenBench {
    static let rows = 40
    static let columns = 120
    static let cpuKeys = 600

    static func run(binary: String, work: URL, arguments: [String]) throws {
        let segmentCount = arguments.first.flatMap(Int.init) ?? 100_000
        print("segtui-bench screen: \(ScaleBench.grouped(segmentCount)) segments, segtui at \(columns)x\(rows) on a pty")
        let seedStart = ContinuousClock.now
        let service = try ServiceProcess(
            binary: binary, databasePath: work.appendingPathComponent("screen.sqlite").path,
            arguments: ["--seed-segments", String(segmentCount), "--seed-contacts", "1000", "--lifecycle-delay", "3600"],
            timeout: 1800)
        defer { service.stop() }
        print("  seed and start the service: \(String(format: "%.1f", milliseconds(ContinuousClock.now - seedStart) / 1000)) s")

        // What the list shows first and last, read the way segtui reads it.
        let segments = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let query = SegmentListQuery()
        guard let first = try segments.firstPage(query).segments.first?.name,
            let last = try segments.firstPage(query.reversedOrder).segments.first?.name
        else {
            print("segtui-bench screen: the service returned no segments")
            return
        }

        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["ESCDELAY"] = "25"
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment["XDG_STATE_HOME"] = work.appendingPathComponent("state").path
        environment["XDG_CONFIG_HOME"] = work.appendingPathComponent("config").path
        let terminal = try PseudoTerminalProcess(
            executable: binary, arguments: ["--url", service.baseURL.absoluteString], environment: environment, rows: rows,
            columns: columns)
        defer {
            terminal.type("q")
            _ = terminal.waitForExit()
        }
        guard terminal.waitFor(String(first.prefix(12)), timeout: .seconds(60)) != nil else {
            print("segtui-bench screen: the list never appeared; the terminal showed:\n\(terminal.text.suffix(2000))")
            return
        }
        terminal.waitForQuiet(.milliseconds(300))
        let firstFrameEnd = terminal.byteCount

        // Bytes a key costs once the screen has settled.
        print("  bytes written at the pty (one key, screen settled):")
        let oneRow = median((0..<5).map { _ in bytes(terminal) { $0.type("j") } })
        print("    move one row (j):        \(pad(oneRow)) bytes  (target: about two rows of \(columns) columns, 240–500)")
        let pageDown = bytes(terminal) { $0.type(Keys.pageDown) }
        print("    page down:               \(pad(pageDown)) bytes  (the list's rows change; no full repaint)")
        let detail = bytes(terminal) { $0.type("\r") }
        print("    open detail (Enter):     \(pad(detail)) bytes  (the detail pane appears beside the list)")
        terminal.type(Keys.escape)
        terminal.waitForQuiet()
        let clears = occurrences(of: Array("\u{1b}[2J".utf8), in: Array(terminal.bytes[firstFrameEnd...]))
        print("    clear-screen sequences in these frames: \(clears)  (target: 0)")
        let resize = bytes(terminal) { $0.resize(rows: 30, columns: 100) }
        print("    resize 120x40 → 100x30:  \(pad(resize)) bytes  (a whole new screen is expected here)")
        terminal.resize(rows: rows, columns: columns)
        terminal.waitForQuiet()

        // CPU per keystroke: one key at a time, each frame waited for, so that keys are not batched.
        terminal.type("gg")
        terminal.waitForQuiet()
        let before = cpuTicks(terminal.pid)
        for index in 0..<cpuKeys {
            let count = terminal.byteCount
            terminal.type(index % 200 < 100 ? "j" : "k")
            _ = waitForMore(terminal, than: count)
        }
        terminal.waitForQuiet()
        let ticks = cpuTicks(terminal.pid) - before
        let perKey = Double(ticks) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK))) / Double(cpuKeys)
        print("  CPU per keystroke (\(cpuKeys) one-row moves, utime+stime): \(String(format: "%.2f", perKey)) ms  (target: under 2 ms)")

        // G from the top: requests and time until the last row is on the screen.
        terminal.type("gg")
        terminal.waitForQuiet()
        let requestsBefore = try pageReads(service)
        let offset = terminal.byteCount
        let start = ContinuousClock.now
        terminal.type("G")
        let shown = terminal.waitFor(String(last.prefix(12)), from: offset, timeout: .seconds(30)).map { _ in ContinuousClock.now - start }
        terminal.waitForQuiet()
        let requestsG = try pageReads(service) - requestsBefore
        let shownText = shown.map { String(format: "%.1f ms", milliseconds($0)) } ?? "never"
        print("  G: last row on screen after \(shownText), \(requestsG) page request\(requestsG == 1 ? "" : "s")  (target: at most 2 requests)")

        // Walk the whole list top to bottom by PageDown. Each key's frame is waited for; a key that
        // runs ahead of the pages still loading is answered by those pages' frames. At the end a
        // key changes nothing and the screen stays quiet.
        terminal.type("gg")
        terminal.waitForQuiet()
        let walkRequests = try pageReads(service)
        let walkClock = ContinuousClock.now
        var presses = 0
        var peak = 0
        while presses < segmentCount / 5 + 100 {
            let count = terminal.byteCount
            terminal.type(Keys.pageDown)
            presses += 1
            guard waitForMore(terminal, than: count, within: .seconds(3)) else { break }
            terminal.waitForQuiet(.milliseconds(3))
            if presses % 100 == 0 { peak = max(peak, residentKB(terminal.pid).current) }
        }
        let walkSeconds = milliseconds(ContinuousClock.now - walkClock) / 1000
        let walked = try pageReads(service) - walkRequests
        // At the last row with the length known, G has nothing to change.
        let lastKey = bytes(terminal) { $0.type("G") }
        let reached = lastKey < 32
        let memory = residentKB(terminal.pid)
        print(
            "  walk top to bottom by PageDown: \(ScaleBench.grouped(presses)) keys, \(ScaleBench.grouped(walked)) page requests, "
                + "\(String(format: "%.1f", walkSeconds)) s, ended on the last row: \(reached ? "yes" : "no")")
        print(
            "  resident memory after the walk: \(memory.current / 1024) MB (sampled peak \(max(peak, memory.current) / 1024) MB, "
                + "high-water mark since start \(memory.peak / 1024) MB)  (target: under 60 MB)")
    }

    enum Keys {
        static let pageDown = "\u{1b}[6~"
        static let escape = "\u{1b}"
    }

    /// Bytes written at the pty from `action` until the screen is quiet again.
    static func bytes(_ terminal: PseudoTerminalProcess, _ action: (PseudoTerminalProcess) -> Void) -> Int {
        terminal.waitForQuiet()
        let before = terminal.byteCount
        action(terminal)
        return terminal.waitForQuiet() - before
    }

    /// Waits until the terminal has written past `count`.
    static func waitForMore(_ terminal: PseudoTerminalProcess, than count: Int, within limit: Duration = .seconds(1)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if terminal.byteCount > count { return true }
            usleep(100)
        }
        return false
    }

    /// utime + stime of `pid`, in clock ticks (fields 14 and 15 of /proc/PID/stat).
    static func cpuTicks(_ pid: pid_t) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        // After the command name in parentheses, fields start at the third.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }

    /// VmRSS and VmHWM of `pid`, in kB.
    static func residentKB(_ pid: pid_t) -> (current: Int, peak: Int) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
        func value(_ name: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return (value("VmRSS"), value("VmHWM"))
    }

    /// Pages of collections the service has served (its `GET /segtui/requests` counter).
    static func pageReads(_ service: ServiceProcess) throws -> Int {
        let url = service.baseURL.appendingPathComponent("segtui/requests")
        let data = try Data(contentsOf: url)
        return try JSONValue.parse(data)["collectionReads"]?.intValue ?? 0
    }

    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard needle.count <= haystack.count else { return 0 }
        var found = 0
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { found += 1 }
        }
        return found
    }

    static func median(_ values: [Int]) -> Int { values.sorted()[values.count / 2] }

    static func pad(_ value: Int) -> String {
        let text = ScaleBench.grouped(value)
        return String(repeating: " ", count: max(0, 7 - text.count)) + text
    }
}
