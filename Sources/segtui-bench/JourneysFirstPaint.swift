import Dataverse
import Foundation
import Segments
import SegtuiHarness

/// `segtui-bench journeys [segments]`: the client figure of issue 11 on a journeys service.
/// - requests a page of 50 costs: the segments, plus at most one for that page's definitions;
/// - first paint, beside `segtui --version` plus curl fetching those same two requests.
/// Every side is spawned the same way, on a pseudo-terminal (forkpty), timed from spawn to exit
/// (or, for the list, to its first row on the terminal), so that no side pays a different start:
/// with SWIFT_BACKTRACE=interactive=no, which needs no restart, then unset (one restart each).
enum JourneysFirstPaintBench {
    static let runs = 7

    static func run(binary: String, work: URL, arguments: [String]) throws {
        let segmentCount = arguments.first.flatMap(Int.init) ?? 10_000
        print("segtui-bench journeys: \(segmentCount) segments, \(runs) runs each, medians")
        let service = try ServiceProcess(
            binary: binary, databasePath: work.appendingPathComponent("journeys.sqlite").path,
            arguments: ["--api", "journeys", "--seed-segments", String(segmentCount), "--seed-contacts", "1000"], timeout: 600)
        defer { service.stop() }

        // The two requests the list makes for its first page, recorded by tracing the adapter itself.
        let tracePath = work.appendingPathComponent("first-page.jsonl").path
        let traced = DataverseClient(organization: service.baseURL, transport: TracingTransport(wrapping: URLSessionTransport(), log: try TraceLog(path: tracePath)))
        let page = try JourneysSegmentService(client: traced).firstPage(SegmentListQuery())
        let exchanges = try String(contentsOfFile: tracePath, encoding: .utf8).split(separator: "\n").compactMap { try? JSONValue.parse(Data($0.utf8)) }
        let urls = exchanges.compactMap { $0["url"]?.stringValue }
        print("  requests for the first page of \(page.segments.count): \(urls.count) (target: at most 2)")
        guard let marker = page.segments.first.map({ String($0.name.prefix(12)) }) else {
            print("segtui-bench: the service returned no segments")
            return
        }

        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["LANG"] = "C.UTF-8"
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment["XDG_STATE_HOME"] = work.appendingPathComponent("state").path

        let headers = DataverseClient(organization: service.baseURL)
            .standardHeaders(prefer: ["odata.maxpagesize=50", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""])
        let curlArguments = ["-s"] + headers.flatMap { ["-H", "\($0.key): \($0.value)"] } + urls.flatMap { ["-o", "/dev/null", $0] }
        var version: [Double] = [], curl: [Double] = [], painted: [Double] = []
        // One run first so that `auto` has found the API (as on every start after the first).
        _ = try paint(binary, service, environment, marker, trace: work.appendingPathComponent("warm.jsonl").path)
        for run in 0..<runs {
            version.append(try spawnToExit(binary, ["--version"], environment))
            curl.append(try spawnToExit("/usr/bin/curl", curlArguments, environment))
            painted.append(try paint(binary, service, environment, marker, trace: run == 0 ? work.appendingPathComponent("tui.jsonl").path : nil))
        }
        let tui = try String(contentsOfFile: work.appendingPathComponent("tui.jsonl").path, encoding: .utf8).split(separator: "\n")
        let pages = tui.filter { $0.contains("/msdynmkt_segments?") }.count
        let definitions = tui.filter { $0.contains("/msdynmkt_segmentdefinitions?") && !$0.contains("%24top=1") && !$0.contains("$top=1") }.count
        print("  the TUI read \(pages) page(s) of segments and \(definitions) of definitions (target: definitions ≤ pages)")
        let budget = median(version) + median(curl)
        print("  first list painted (spawn → first row on the pty):     \(format(median(painted))) ms")
        print("  segtui --version (spawn → exit):                         \(format(median(version))) ms")
        print("  curl, the page and its definitions (spawn → exit):        \(format(median(curl))) ms")
        print("  ratio painted / (version + curl): \(String(format: "%.2f", median(painted) / budget))×  (target: at most 2×)")

        // As a user's shell has it: SWIFT_BACKTRACE unset on a terminal, so segtui (either side)
        // starts itself again once to keep the backtracer off the screen (BacktraceSetting).
        var unset = environment
        unset["SWIFT_BACKTRACE"] = nil
        var unsetVersion: [Double] = [], unsetPainted: [Double] = []
        for _ in 0..<runs {
            unsetVersion.append(try spawnToExit(binary, ["--version"], unset))
            unsetPainted.append(try paint(binary, service, unset, marker, trace: nil))
        }
        print(
            "  SWIFT_BACKTRACE unset (one restart each): painted \(format(median(unsetPainted))) ms, --version \(format(median(unsetVersion))) ms, "
                + "ratio \(String(format: "%.2f", median(unsetPainted) / (median(unsetVersion) + median(curl))))×")
    }

    /// Spawn to first row painted, then `q`.
    static func paint(_ binary: String, _ service: ServiceProcess, _ environment: [String: String], _ marker: String, trace: String?) throws -> Double {
        let terminal = try PseudoTerminalProcess(
            executable: binary, arguments: ["--url", service.baseURL.absoluteString] + (trace.map { ["--trace", $0] } ?? []),
            environment: environment, rows: 40, columns: 120)
        guard let elapsed = terminal.waitFor(marker, timeout: .seconds(30)) else {
            terminal.kill()
            throw BenchFailure("the journeys list never appeared; the terminal showed:\n\(terminal.text.suffix(2000))")
        }
        terminal.type("q")
        _ = terminal.waitForExit()
        return milliseconds(elapsed)
    }

    /// Spawn to exit, on a pseudo-terminal like the list.
    static func spawnToExit(_ executable: String, _ arguments: [String], _ environment: [String: String]) throws -> Double {
        let terminal = try PseudoTerminalProcess(executable: executable, arguments: arguments, environment: environment, rows: 40, columns: 120)
        guard terminal.waitForExit(timeout: .seconds(30)) != nil else {
            terminal.kill()
            throw BenchFailure("\(executable) did not exit")
        }
        return milliseconds(ContinuousClock.now - terminal.started)
    }

    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
