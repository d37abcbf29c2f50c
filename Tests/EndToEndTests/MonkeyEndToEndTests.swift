import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// 20,000 random keys (a fixed seed) typed into the real binary in tmux, with random resizes,
/// against a service that fails about one request in eight: segtui never crashes or hangs, quits
/// cleanly when a key asks it to (and is started again), gives the terminal back as it found it,
/// and the service's data stays consistent. Timing still varies (which key lands during a load),
/// so two runs of one seed take the same keys but not always the same paths.
final class MonkeyEndToEndTests: XCTestCase {
    /// SEGTUI_MONKEY_SEED, SEGTUI_MONKEY_KEYS (and SEGTUI_MONKEY_LATENCY below) let a person hunt with other runs; the defaults are CI's.
    private static let seed = ProcessInfo.processInfo.environment["SEGTUI_MONKEY_SEED"].flatMap { UInt64($0) } ?? 20_261_130
    private static let keyCount = ProcessInfo.processInfo.environment["SEGTUI_MONKEY_KEYS"].flatMap { Int($0) } ?? 20_000
    /// Seconds the service adds to every answer; SEGTUI_MONKEY_LATENCY raises it so that more
    /// keys land while requests are in flight.
    private static let latency = ProcessInfo.processInfo.environment["SEGTUI_MONKEY_LATENCY"] ?? "0.01"
    /// Keys a send-keys call, at most: batches of 1 to 100, so that answers from the service land
    /// between keys as well as between bursts.
    private static let batchSize = 100

    private var work: URL!

    override func setUp() {
        work = BuiltProducts.temporaryDirectory("e2e-monkey")
    }

    override func tearDown() {
        for pid in processIds(matching: markerPattern) { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: work)
    }

    /// The binary under a path of this test's own, so that pgrep finds this run's processes only.
    private var marker: String { work.appendingPathComponent("bin/segtui").path }
    private var markerPattern: String { "^" + NSRegularExpression.escapedPattern(for: marker) }

    func testTwentyThousandRandomKeysAgainstInjectedFaults() throws {
        let started = Date()
        let databasePath = work.appendingPathComponent("monkey.sqlite").path
        var service = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: databasePath,
            arguments: ["--fault-error-rate", "0.08", "--fault-drop-rate", "0.02", "--fault-malformed-rate", "0.02",
                        "--fault-latency", Self.latency, "--fault-seed", String(Self.seed), "--lifecycle-delay", "0.2"])
        defer { service.stop() }
        try FileManager.default.createDirectory(at: work.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: marker, withDestinationPath: BuiltProducts.segtui)

        let exits = work.appendingPathComponent("exits").path
        let stop = work.appendingPathComponent("stop").path
        let sttyBefore = work.appendingPathComponent("stty-before").path
        let sttyAfter = work.appendingPathComponent("stty-after").path
        let script = work.appendingPathComponent("monkey-loop.sh").path
        // Runs segtui again each time it quits with 0, until told to stop; ends at the first other
        // status. Random keys also land between runs, on the shell's terminal: -isig and -ixon keep
        // a stray Ctrl-C or Ctrl-S there from signalling the loop or freezing the output. The loop
        // is not an interactive shell, so no key is ever run as a command.
        try """
        stty -isig -ixon
        stty -a > \(sttyBefore)
        while :; do
          \(marker) --url \(service.baseURL.absoluteString)
          code=$?
          echo "$code" >> \(exits)
          [ "$code" -eq 0 ] || break
          [ -e \(stop) ] && break
        done
        stty -a > \(sttyAfter)
        echo "monkey loop ended with $code"
        exec tail -f /dev/null

        """.write(toFile: script, atomically: true, encoding: .utf8)

        let state = work.appendingPathComponent("state")
        let tmux = try Tmux(columns: 100, rows: 30, environment: ["XDG_STATE_HOME": state.path])
        try tmux.typeLine("exec bash \(script)")
        tmux.waitForText("Modified on")
        let input = try PaneInput(tty: tmux.run(["display-message", "-p", "-t", "0", "#{pane_tty}"]))

        var keys = MonkeyKeys(seed: Self.seed)
        var sent = 0
        var batches = 0
        var resizes = 0
        var seen: [String: Int] = [:]
        while sent < Self.keyCount {
            let batch = keys.batch(min(keys.batchLength(upTo: Self.batchSize), Self.keyCount - sent))
            try tmux.run(["send-keys", "-t", "0"] + batch)
            sent += batch.count
            batches += 1
            // Now and then the window changes size under whatever is open, down to "too small".
            if let size = keys.resize() {
                try tmux.resize(columns: size.columns, rows: size.rows)
                resizes += 1
            }
            // Alive (or quit with 0 and started again) and keeping up: every key read.
            var problem: String?
            let settled = waitUntil(timeout: 30) {
                if let bad = Self.exitCodes(exits).first(where: { $0 != 0 }) {
                    problem = "segtui exited with status \(bad)"
                    return true
                }
                return input.pending == 0 && processIds(matching: markerPattern).count == 1
            }
            if let problem {
                return XCTFail("\(problem) after \(sent) keys (seed \(Self.seed)); last batch \(batch)\n"
                    + "screen:\n\((try? tmux.screen()) ?? "")\nlog:\n\(Self.tail(state))")
            }
            guard settled else {
                return XCTFail("segtui stopped reading keys after \(sent) keys (seed \(Self.seed)): \(input.pending) bytes unread, "
                    + "\(processIds(matching: markerPattern).count) running; last batch \(batch)\nscreen:\n\((try? tmux.screen()) ?? "")")
            }
            let screen = (try? tmux.screen()) ?? ""
            for (place, title) in Self.places where screen.contains(title) { seen[place, default: 0] += 1 }
        }
        let restarts = Self.exitCodes(exits).count
        // A monkey that never got past the list would prove little. (With the latency raised for a
        // hunt, keys typed after `e` may close the editor before a batch ends, so this holds for
        // CI's run.) The help is left out: any key closes it, so a batch rarely ends on it.
        if ProcessInfo.processInfo.environment["SEGTUI_MONKEY_LATENCY"] == nil {
            for place in ["editor", "members", "contact picker", "new segment"] {
                XCTAssertGreaterThan(seen[place] ?? 0, 0, "the monkey reached the \(place); it saw \(seen)")
            }
            XCTAssertGreaterThan((seen["dialog"] ?? 0) + (seen["unsaved-edits dialog"] ?? 0), 0, "a dialog; it saw \(seen)")
        }
        try tmux.resize(columns: 100, rows: 30)

        // Quit from wherever the monkey left it: Ctrl-C quits, or closes a picker or a dialog, or
        // asks about unsaved edits (Cancel focused; Tab, Enter confirms).
        XCTAssertTrue(FileManager.default.createFile(atPath: stop, contents: nil), "the stop file tells the shell loop to end")
        let quit = waitUntil(timeout: 60) {
            if Self.exitCodes(exits).count > restarts { return true }
            let screen = (try? tmux.screen()) ?? ""
            if screen.contains("Quit and discard") {
                _ = try? tmux.press("Tab", "Enter")
            } else {
                _ = try? tmux.press("C-c")
            }
            return waitUntil(timeout: 2) { Self.exitCodes(exits).count > restarts }
        }
        XCTAssertTrue(quit, "segtui quits at the end; screen:\n\((try? tmux.screen()) ?? "")")
        XCTAssertEqual(Self.exitCodes(exits).last, 0, "the last run quit cleanly")
        tmux.waitForText("monkey loop ended with 0")
        XCTAssertEqual(try XCTUnwrap(waitForFile(sttyAfter)), try XCTUnwrap(waitForFile(sttyBefore)), "stty -a as before")
        XCTAssertFalse(try tmux.isAlternateScreen(), "back on the primary screen")
        XCTAssertTrue(try tmux.cursorVisible(), "cursor visible")
        XCTAssertTrue(waitUntil(timeout: 10) { processIds(matching: markerPattern).isEmpty }, "no segtui left running")

        // The data, read back through a service without faults on the same database.
        service.stop()
        service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: databasePath)
        let summary = try Self.checkConsistency(service)
        print("monkey: seed \(Self.seed), \(sent) keys in \(batches) batches, \(resizes) resizes, \(restarts) restarts after a quitting key, "
            + "seen after a batch \(seen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); "
            + "\(summary), \(Int(Date().timeIntervalSince(started))) s")
    }

    /// Where the monkey can be, told by a title on the screen.
    private static let places: [(String, String)] = [
        ("editor", "Edit: "), ("members", "Members: "), ("contact picker", "Add contacts"), ("new segment", "New segment"),
        ("dialog", "[ Cancel ]"), ("unsaved-edits dialog", "[ Keep editing ]"), ("help", "Keys"), ("detail", "Query name"),
        ("filter", "filter: "), ("too small", "Terminal too small"),
    ]

    // MARK: - Checks

    /// Integrity check passes; every segment lists and reads back whole; a static segment's
    /// stored size is its number of member rows (or null while it never had any).
    private static func checkConsistency(_ service: ServiceProcess) throws -> String {
        XCTAssertNil(integrityProblem(of: service), "GET /segtui/integrity passes")
        let transport = URLSessionTransport(timeout: 30)
        let rows = try CrashRecoveryTests.getAll(
            transport, CrashRecoveryTests.root(service)
                + "msdyncrm_segments?$select=msdyncrm_segmentname,msdyncrm_segmenttype,msdyncrm_segmentsize,statuscode")
        XCTAssertFalse(rows.isEmpty, "segments remain")
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        var statics = 0
        for row in rows {
            let id = try XCTUnwrap(row["msdyncrm_segmentid"]?.stringValue)
            let segment = try client.segment(id: id)
            XCTAssertEqual(segment.name, row["msdyncrm_segmentname"]?.stringValue, "segment \(id) reads back as listed")
            if case .unknown(let code) = segment.status { XCTFail("segment \(id) has an unknown status \(code)") }
            guard segment.type == .static else { continue }
            statics += 1
            let members = try CrashRecoveryTests.memberIds(transport, root: CrashRecoveryTests.root(service), staticId: id)
            // A static draft that never had members has no size yet (null, as Dataverse answers).
            let size = row["msdyncrm_segmentsize"]?.intValue ?? (members.isEmpty ? 0 : nil)
            XCTAssertEqual(size, members.count, "segment \(id): the stored size is its member count")
        }
        return "\(rows.count) segments (\(statics) static) consistent"
    }

    private static func exitCodes(_ path: String) -> [Int] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline).compactMap { Int($0) }
    }

    private static func tail(_ state: URL) -> String {
        let log = (try? String(contentsOf: state.appendingPathComponent("segtui/segtui.log"), encoding: .utf8)) ?? ""
        return String(log.suffix(4000))
    }
}

/// The input queue of the pane's terminal: the bytes typed that no one has read yet. A program
/// that keeps reading its keys empties it within moments; one that hangs lets it fill.
private final class PaneInput {
    private let fd: Int32

    init(tty: String) throws {
        let path = tty.trimmingCharacters(in: .whitespacesAndNewlines)
        fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw NSError(domain: "tty", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "cannot open \(path)"]) }
    }

    deinit { close(fd) }

    var pending: Int {
        var count: Int32 = 0
        let result = withUnsafeMutablePointer(to: &count) { ioctl(fd, UInt(FIONREAD), $0) }
        return result == 0 ? Int(count) : -1
    }
}
