import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// Issue 13 end to end: the real binary in tmux with `--refresh 1` against `segtui serve`, while
/// another client changes segments over HTTP. Every wait has a deadline; none sleeps.
final class LiveEndToEndTests: XCTestCase {
    private var work: URL!
    /// `--refresh 1`: a change must be on screen within the interval plus one second.
    private static let interval: TimeInterval = 1
    /// Allowance for polling tmux's screen (a capture every 50 ms plus the capture itself).
    private static let captureSlack: TimeInterval = 0.5

    override func setUp() {
        work = BuiltProducts.temporaryDirectory("e2e-live")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: work)
    }

    private func startApp(_ service: ServiceProcess, api: String) throws -> Tmux {
        let tmux = try Tmux(columns: 120, rows: 30, environment: ["XDG_STATE_HOME": work.appendingPathComponent("state").path])
        try tmux.typeLine("\(BuiltProducts.segtui) --url \(service.baseURL.absoluteString) --api \(api) --refresh \(Int(Self.interval)); echo exit=$?")
        tmux.waitForText("Modified on")
        return tmux
    }

    /// `/text Enter`: the list holds the segments whose names contain `text`.
    private func filter(_ tmux: Tmux, to text: String, count: Int) throws {
        try tmux.press("/")
        try tmux.typeText(text)
        try tmux.press("Enter")
        tmux.waitForScreen("filtered to \(text)") { $0.contains("filter: \(text)") && $0.contains("1/\(count)") }
    }

    /// Waits for `predicate` and returns how long it took.
    private func timeUntil(_ tmux: Tmux, _ what: String, timeout: TimeInterval, file: StaticString = #filePath, line: UInt = #line,
                           _ predicate: (String) -> Bool) -> TimeInterval {
        let start = Date()
        tmux.waitForScreen(what, timeout: timeout, file: file, line: line, predicate)
        return Date().timeIntervalSince(start)
    }

    /// The screen line holding `name`.
    private func row(_ screen: String, _ name: String) -> String? {
        screen.split(separator: "\n").first { $0.contains(name) }.map(String.init)
    }

    func testARenameAStatusChangeAnInsertAndADeleteOverHTTPAppearWithTheSelectionKept() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("live.sqlite").path,
                                         arguments: ["--api", "journeys"])
        defer { service.stop() }
        let client = JourneysSegmentService(client: DataverseClient(organization: service.baseURL))
        let tag = "Live\(UUID().uuidString.prefix(6))"
        let alpha = try client.create(SegmentDraft(name: "\(tag) alpha", type: .dynamic, query: "PROFILE(contact)"))
        _ = try client.create(SegmentDraft(name: "\(tag) bravo", type: .dynamic, query: "PROFILE(contact)"))
        let charlie = try client.create(SegmentDraft(name: "\(tag) charlie", type: .dynamic, query: "PROFILE(contact)"))
        let tmux = try startApp(service, api: "journeys")
        try filter(tmux, to: tag, count: 3)
        // Newest first: charlie, bravo, alpha. The selection goes to bravo.
        try tmux.press("j")
        tmux.waitForText("2/3")
        let budget = Self.interval + 1 + Self.captureSlack

        try client.update(id: alpha, changes: SegmentChanges(name: "\(tag) alpha renamed"), ifMatch: nil)
        let renamed = timeUntil(tmux, "the rename", timeout: 10) { $0.contains("\(tag) alpha renamed") }
        XCTAssertLessThanOrEqual(renamed, budget, "a rename is on screen within the interval plus a second")
        XCTAssertTrue(try tmux.screen().contains("2/3"), "in place: the selection did not move")

        _ = try client.publish(id: charlie, ifMatch: nil)
        let published = timeUntil(tmux, "the status change", timeout: 10) { screen in
            guard let line = self.row(screen, "\(tag) charlie") else { return false }
            return !line.contains("Draft")
        }
        XCTAssertLessThanOrEqual(published, budget, "a status change is on screen within the interval plus a second")

        _ = try client.create(SegmentDraft(name: "\(tag) delta", type: .dynamic, query: "PROFILE(contact)"))
        let inserted = timeUntil(tmux, "the insert", timeout: 10) { $0.contains("\(tag) delta") && $0.contains("3/4") }
        XCTAssertLessThanOrEqual(inserted, budget, "a new segment is on screen, above the selection, which stays on bravo")

        // Deletions are noticed by the versions check, in every tick's batch: marked within the
        // interval plus a second, then shown marked for three seconds (markSeconds) before the row goes.
        try client.delete(id: alpha, ifMatch: nil)
        let deleteBudget = Self.interval + 1 + 3 + Self.captureSlack
        // Three rows left; tmux trims the position's trailing space.
        let deleted = timeUntil(tmux, "the delete", timeout: 20) { screen in
            !screen.contains("\(tag) alpha") && screen.split(separator: "\n").contains { $0.hasSuffix("/3") }
        }
        XCTAssertLessThanOrEqual(deleted, deleteBudget, "a deletion is marked within the interval plus a second and gone after the mark's three seconds")

        // The selection is still on bravo: its detail opens.
        try tmux.press("Enter")
        tmux.waitForScreen("bravo's detail") { $0.contains("Query") && $0.components(separatedBy: "\(tag) bravo").count > 2 }
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    func testNothingIsAskedWhileSuspendedAndTheRefreshResumesAfterwards() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("pause.sqlite").path,
                                         arguments: ["--api", "journeys"])
        defer { service.stop() }
        let tmux = try startApp(service, api: "journeys")
        tmux.waitForText("up to date")
        let diagnostics = ServiceDiagnostics(baseURL: service.baseURL)
        // Refreshing: the count moves on its own.
        let running = try diagnostics.mark()
        XCTAssertTrue(waitUntil(timeout: 5) { ((try? diagnostics.mark()) ?? 0) > running }, "refreshing while on screen")

        // The Ctrl-Z key (raw mode delivers it as a key; segtui stops itself as the shell would).
        try tmux.press("C-z")
        tmux.waitForScreen("the shell") { !$0.contains("Modified on") }
        XCTAssertFalse(try tmux.isAlternateScreen())
        let suspended = try diagnostics.mark()
        XCTAssertFalse(waitUntil(timeout: Self.interval * 4) { ((try? diagnostics.mark()) ?? 0) != suspended },
                       "no request while suspended")

        try tmux.typeLine("fg")
        tmux.waitForText("Modified on")
        XCTAssertTrue(waitUntil(timeout: Self.interval + 2) { ((try? diagnostics.mark()) ?? 0) > suspended },
                      "asked again once back")
        try tmux.press("q")
        // The shell already printed the stopped job's status; the terminal is given back.
        tmux.waitForScreen("segtui gone") { _ in (try? tmux.isAlternateScreen()) == false }
    }

    /// The service's own request log while the list and a detail sit unchanged: what a tick asks
    /// is one `$batch` holding the delta (a collection read), the versions check and the detail's
    /// conditional reads of its own two records; never a read of any other row.
    func testAnIdleListWithADetailOpenReadsNoRowOneByOne() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("log.sqlite").path,
                                         arguments: ["--api", "journeys"])
        defer { service.stop() }
        let client = JourneysSegmentService(client: DataverseClient(organization: service.baseURL))
        let first = try XCTUnwrap(client.firstPage(SegmentListQuery()).segments.first)
        let definition = try XCTUnwrap(client.segment(id: first.id).definitionId).lowercased()
        let tmux = try startApp(service, api: "journeys")
        try tmux.press("Enter")
        tmux.waitForScreen("the detail") { $0.contains("Query") && $0.contains(String(first.id.prefix(20))) }
        let diagnostics = ServiceDiagnostics(baseURL: service.baseURL)
        let mark = try diagnostics.mark()
        // Seven ticks or more, each one batch.
        var log: [ServiceDiagnostics.Request] = []
        XCTAssertTrue(waitUntil(timeout: 20) {
            log = (try? diagnostics.requests(from: mark)) ?? []
            return log.filter { $0.query.contains("modifiedon gt") && $0.resource.hasPrefix("msdynmkt_segments") }.count >= 7
        }, "ticks keep coming")
        let ticks = log.filter { $0.query.contains("modifiedon gt") && $0.resource.hasPrefix("msdynmkt_segments") }.count
        let single = log.filter { $0.resource.hasSuffix(")") }
        for request in single {
            let id = request.resource.split(separator: "(").last.map { $0.dropLast() }.map(String.init)?.lowercased() ?? ""
            XCTAssertTrue(id == first.id.lowercased() || id == definition, "a read of another row: \(request)")
        }
        // Unchanged: each tick reads the detail's two records conditionally, never the whole
        // segment again (which would add its groups and the journeys that use it).
        XCTAssertLessThanOrEqual(single.count, 2 * (ticks + 1), "the detail's conditional reads only: \(single)")
        XCTAssertTrue(log.contains { $0.query.contains(first.id.lowercased()) && !$0.resource.hasSuffix(")") },
                      "the versions of the rows in view were checked in one collection read")
        // Every tick is one request: each delta part sits inside a `$batch` logged just before its parts.
        let batches = log.filter { $0.method == "POST" && $0.resource == "$batch" }
        for tick in log.filter({ $0.query.contains("modifiedon gt") && $0.resource.hasPrefix("msdynmkt_segments") }) {
            XCTAssertNotNil(tick.batch.flatMap { number in batches.first { $0.number == number } }, "a delta outside a batch: \(tick)")
        }
        XCTAssertEqual(log.filter { $0.batch == nil }.map(\.description), batches.map(\.description), "nothing but batches asked while idle")
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    /// `H` in the detail: the service's audit records of a rename made over HTTP, newest first.
    func testHistoryShowsARenameMadeElsewhere() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("history.sqlite").path,
                                         arguments: ["--api", "journeys"])
        defer { service.stop() }
        let client = JourneysSegmentService(client: DataverseClient(organization: service.baseURL))
        let tag = "Hist\(UUID().uuidString.prefix(6))"
        let id = try client.create(SegmentDraft(name: "\(tag) before", type: .dynamic, query: "PROFILE(contact)"))
        try client.update(id: id, changes: SegmentChanges(name: "\(tag) after"), ifMatch: nil)
        let tmux = try startApp(service, api: "journeys")
        try filter(tmux, to: tag, count: 1)
        try tmux.press("Enter")
        tmux.waitForText("Query")
        try tmux.press("H")
        let screen = try XCTUnwrap(tmux.waitForScreen("the history") { $0.contains("History: \(tag) after") && $0.contains("Update") })
        XCTAssertTrue(screen.contains("\(tag) before → \(tag) after"), screen)
        XCTAssertTrue(screen.contains("Create"), "the creation too, below the update")
        try tmux.press("Escape")
        tmux.waitForScreen("back to the detail") { !$0.contains("History:") && $0.contains("Query") }
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    /// 503s injected by the service: the refresh stops confirming the list (the status bar's age
    /// grows past the interval while it waits longer each time), and the first good answer
    /// brings back "up to date" and the normal rate.
    func testInjected503sBackOffAndTheFirstGoodAnswerResumesTheNormalRate() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("faults.sqlite").path,
                                         arguments: ["--api", "journeys"])
        defer { service.stop() }
        let tmux = try startApp(service, api: "journeys")
        tmux.waitForText("up to date")
        let diagnostics = ServiceDiagnostics(baseURL: service.baseURL)
        let mark = try diagnostics.mark()
        try diagnostics.injectFaults(status: 503, count: 12, retryAfter: 1)
        tmux.waitForScreen("the refresh failing", timeout: 30) { screen in
            (4...59).contains { screen.contains("updated \($0) s ago") } || screen.contains("offline since")
        }
        tmux.waitForText("up to date", timeout: 90)
        XCTAssertGreaterThanOrEqual(try diagnostics.requests(from: mark).count, 12, "every fault was answered")
        let back = try diagnostics.mark()
        XCTAssertTrue(waitUntil(timeout: Self.interval * 3 + 1) { ((try? diagnostics.mark()) ?? 0) >= back + 4 },
                      "two ticks or more again: the normal rate after the first good answer")
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }
}
