import Dataverse
import Foundation
import Segments
import SegtuiHarness

/// `segtui-bench idle [segments] [--api journeys|outbound] [--interval N] [--seconds S]`: the live
/// list's cost and latency (issue 13). segtui runs at 120×40 on a pty over `segtui serve` with
/// 100,000 segments of one API (journeys unless told), the list open and nothing changing,
/// refreshing every N seconds (10, the default interval):
///
/// - requests a minute, counted by the service (`GET /segtui/requests`) over S seconds (60) and
///   scaled to a minute when S is not 60 (the output says so);
/// - bytes written at the pty over the same span: only the status bar's "updated N s ago";
/// - latency: a segment renamed over HTTP, the time until its new name is on the pty (target:
///   the interval plus one second), five times.
enum IdleBench {
    static let rows = 40
    static let columns = 120
    static let renames = 5

    static func run(binary: String, work: URL, arguments: [String]) throws {
        var positional: [String] = []
        var interval = 10
        var seconds = 60
        var api = "journeys"
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--interval": interval = rest.popFirst().flatMap(Int.init) ?? interval
            case "--seconds": seconds = rest.popFirst().flatMap(Int.init) ?? seconds
            case "--api": api = rest.popFirst() == "outbound" ? "outbound" : "journeys"
            default: positional.append(argument)
            }
        }
        let segmentCount = positional.first.flatMap(Int.init) ?? 100_000
        print("segtui-bench idle: \(ScaleBench.grouped(segmentCount)) \(api) segments, segtui at \(columns)x\(rows) on a pty, "
              + "refresh every \(interval) s, measured over \(seconds) s")
        let seedStart = ContinuousClock.now
        let service = try ServiceProcess(
            binary: binary, databasePath: work.appendingPathComponent("idle.sqlite").path,
            arguments: ["--api", api, "--seed-segments", String(segmentCount), "--seed-contacts", "1000", "--lifecycle-delay", "3600"],
            timeout: 1800)
        defer { service.stop() }
        print("  seed and start the service: \(String(format: "%.1f", milliseconds(ContinuousClock.now - seedStart) / 1000)) s")
        let client = DataverseClient(organization: service.baseURL)
        let segments: any SegmentService = api == "outbound" ? OutboundSegmentService(client: client) : JourneysSegmentService(client: client)
        let page = try segments.firstPage(SegmentListQuery()).segments
        // A live segment refuses a rename: the renamed one is the first on screen that takes it.
        guard let first = page.first, let renamed = page.prefix(rows - 3).first(where: { !$0.status.locksContent }) else {
            print("segtui-bench idle: the service returned no segment that can be renamed on the first screen")
            return
        }

        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment["XDG_STATE_HOME"] = work.appendingPathComponent("state").path
        environment["XDG_CONFIG_HOME"] = work.appendingPathComponent("config").path
        let terminal = try PseudoTerminalProcess(
            executable: binary, arguments: ["--url", service.baseURL.absoluteString, "--api", api, "--refresh", String(interval)],
            environment: environment, rows: rows, columns: columns)
        defer {
            terminal.type("q")
            _ = terminal.waitForExit()
        }
        guard terminal.waitFor(String(first.name.prefix(12)), timeout: .seconds(60)) != nil else {
            print("segtui-bench idle: the list never appeared; the terminal showed:\n\(terminal.text.suffix(2000))")
            return
        }
        // The first refresh has answered once the status bar says so.
        guard terminal.waitFor("up to date", timeout: .seconds(Double(interval) + 30)) != nil else {
            print("segtui-bench idle: no refresh answered; the terminal showed:\n\(terminal.text.suffix(2000))")
            return
        }
        terminal.waitForQuiet(.milliseconds(300))

        let requestsBefore = try ServiceDiagnostics(baseURL: service.baseURL).requestCount()
        let bytesBefore = terminal.byteCount
        // A benchmark may wait by the clock: this span is the measurement.
        usleep(useconds_t(seconds) * 1_000_000)
        let requests = try ServiceDiagnostics(baseURL: service.baseURL).requestCount() - requestsBefore
        let bytes = terminal.byteCount - bytesBefore
        let scale = 60 / Double(seconds)
        let scaled = seconds == 60 ? "" : " (counted over \(seconds) s, scaled to a minute)"
        print("  idle, list open, nothing changing, refresh every \(interval) s\(scaled):")
        print("    requests a minute:        \(String(format: "%.1f", Double(requests) * scale))  (target at the default 10 s: at most 7)")
        print("    bytes at the pty a minute: \(Int(Double(bytes) * scale))  (target: only the status bar's \"updated N s ago\")")

        var latencies: [Double] = []
        for round in 1...renames {
            // Every cell differs from the last name's, so that ncurses writes the whole name in
            // one run, which the pty's bytes then contain.
            let letter = Character(UnicodeScalar(UInt8(ascii: "K") + UInt8(round)))
            let name = String(repeating: letter, count: 14)
            let offset = terminal.byteCount
            let written = ContinuousClock.now
            try segments.update(id: renamed.id, changes: SegmentChanges(name: name), ifMatch: nil)
            guard terminal.waitFor(name, from: offset, timeout: .seconds(Double(interval) * 4 + 10)) != nil else {
                print("    rename \(round): never appeared")
                continue
            }
            latencies.append(milliseconds(ContinuousClock.now - written) / 1000)
            terminal.waitForQuiet(.milliseconds(200))
        }
        let sorted = latencies.sorted()
        if let worst = sorted.last {
            print("  latency, a rename over HTTP until it is on the pty (\(latencies.count) of \(renames)): median "
                  + "\(String(format: "%.2f", sorted[sorted.count / 2])) s, worst \(String(format: "%.2f", worst)) s  "
                  + "(target: at most the interval + 1 s = \(interval + 1) s)")
        }
    }
}
