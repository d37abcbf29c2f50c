import Dataverse
import Foundation
import Segments
import SegtuiHarness

// segtui-bench: figures, not verdicts. Run with `swift run -c release segtui-bench`.
// Each figure is printed with what it is compared with; targets are stated beside them.
// `segtui-bench scale [--api journeys|outbound|both] [segments] [contacts]` prints the service's scale
// figures instead (Scale.swift), of journeys unless told; it seeds 100,000 segments and 1,000,000
// contacts by default, so it takes a minute or two.
// `segtui-bench screen [segments]` runs segtui on a pty over 100,000 segments and prints the bytes
// each key writes, the CPU a keystroke costs, what `G` costs and the memory after a walk (Screen.swift).
// `segtui-bench fuzz [seed] [generated]` sends the malformed-request corpus to segtui serve and prints
// requests tried, 5xx answers, crashes and the integrity check afterwards (Fuzz.swift).
// `segtui-bench journeys [segments]` prints the journeys list's requests a page and its first paint
// beside `segtui --version` plus curl fetching the same two requests (JourneysFirstPaint.swift).
// `segtui-bench idle [segments] [--interval N] [--seconds S]` prints the live list's idle cost (requests
// and pty bytes a minute) and how soon a rename over HTTP is on screen (Idle.swift).

let arguments = CommandLine.arguments.dropFirst()

/// Runs one figure-printing subcommand against the release binary in a scratch folder, and exits.
func runSubcommand(_ name: String, _ body: (String, URL, [String]) throws -> Void) -> Never {
    let binary = BuiltProducts.segtui
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("segtui-bench: no segtui binary at \(binary); build it first (swift build -c release)")
        exit(1)
    }
    let work = BuiltProducts.temporaryDirectory("bench-\(name)")
    var status: Int32 = 0
    do {
        try body(binary, work, Array(arguments.dropFirst()))
    } catch {
        print("segtui-bench \(name): \(error)")
        status = 1
    }
    try? FileManager.default.removeItem(at: work)
    exit(status)
}

switch arguments.first {
case "screen": runSubcommand("screen") { try ScreenBench.run(binary: $0, work: $1, arguments: $2) }
case "scale": runSubcommand("scale") { try ScaleBench.run(binary: $0, work: $1, arguments: $2) }
case "fuzz": runSubcommand("fuzz") { try FuzzBench.run(binary: $0, work: $1, arguments: $2) }
case "journeys": runSubcommand("journeys") { try JourneysFirstPaintBench.run(binary: $0, work: $1, arguments: $2) }
case "idle": runSubcommand("idle") { try IdleBench.run(binary: $0, work: $1, arguments: $2) }
default: break
}
let segmentCount = arguments.first.flatMap(Int.init) ?? 10_000
let runs = 7

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func format(_ value: Double) -> String { String(format: "%.1f", value) }

let work = BuiltProducts.temporaryDirectory("bench")
defer { try? FileManager.default.removeItem(at: work) }
let binary = BuiltProducts.segtui
guard FileManager.default.isExecutableFile(atPath: binary) else {
    print("segtui-bench: no segtui binary at \(binary); build it first (swift build -c release)")
    exit(1)
}

print("segtui-bench: \(segmentCount) segments, \(runs) runs each, medians")
let seedStart = ContinuousClock.now
let service = try ServiceProcess(
    binary: binary, databasePath: work.appendingPathComponent("bench.sqlite").path,
    arguments: ["--seed-segments", String(segmentCount), "--seed-contacts", "1000"], timeout: 600)
print("  seeding and starting the service: \(format(milliseconds(ContinuousClock.now - seedStart))) ms")

// The exact first request the list makes.
let client = DataverseClient(organization: service.baseURL)
let query = OutboundSegmentService.odataQuery(for: SegmentListQuery())
let firstPageURL = client.serviceRoot.absoluteString + SegmentAttribute.entitySet + "?" + query.queryString
let firstPage = try OutboundSegmentService(client: client).firstPage(SegmentListQuery())
guard let firstName = firstPage.segments.first?.name else {
    print("segtui-bench: the service returned no segments")
    exit(1)
}

// curl: process start to exit, the same request and headers.
var curlWall: [Double] = []
var curlTotal: [Double] = []
for _ in 0..<runs {
    let curl = Process()
    curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    let headers = client.standardHeaders(prefer: ["odata.maxpagesize=50", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""])
    curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{time_total}"] + headers.flatMap { ["-H", "\($0.key): \($0.value)"] } + [firstPageURL]
    let out = Pipe()
    curl.standardOutput = out
    let start = ContinuousClock.now
    try curl.run()
    curl.waitUntilExit()
    curlWall.append(milliseconds(ContinuousClock.now - start))
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    curlTotal.append((Double(text) ?? .nan) * 1000)
}

// segtui: process start to the first row's name painted on its terminal.
var painted: [Double] = []
var environment = ProcessInfo.processInfo.environment
environment["TERM"] = "xterm-256color"
environment["LANG"] = "C.UTF-8"
environment["SWIFT_BACKTRACE"] = "interactive=no"
environment["XDG_STATE_HOME"] = work.appendingPathComponent("state").path
let marker = String(firstName.prefix(12))
for _ in 0..<runs {
    let terminal = try PseudoTerminalProcess(
        executable: binary, arguments: ["--url", service.baseURL.absoluteString], environment: environment, rows: 40, columns: 120)
    guard let elapsed = terminal.waitFor(marker, timeout: .seconds(30)) else {
        print("segtui-bench: the list never appeared; the terminal showed:\n\(terminal.text.suffix(2000))")
        exit(1)
    }
    painted.append(milliseconds(elapsed))
    terminal.type("q")
    _ = terminal.waitForExit()
}

let ratio = median(painted) / median(curlWall)
print("  first list painted (process start → first row on the pty): \(format(median(painted))) ms")
print("  curl, same first page (process start → exit):                \(format(median(curlWall))) ms (its own time_total \(format(median(curlTotal))) ms)")
print("  ratio segtui / curl: \(String(format: "%.2f", ratio))×  (target: at most 2×)")
service.stop()
