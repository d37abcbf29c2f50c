import Foundation
import SegtuiHarness
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The client's log file, `$XDG_STATE_HOME/segtui/segtui.log`, written by the real binary
/// against a real `segtui serve` that wants a bearer token: each request a line with its method,
/// path, status and time, each retry with its reason, `--log-level` deciding what goes in, and
/// never the token.
final class ClientLogTests: XCTestCase {
    private static let token = "log-test-token-5f2b9c"
    private var work: URL!
    private var server: ServiceProcess!

    override func setUpWithError() throws {
        work = BuiltProducts.temporaryDirectory("clientlog")
        server = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("log.sqlite").path,
            arguments: ["--require-token", "--accept-token-env", "SEGTUI_TEST_ACCEPT"],
            environment: ["SEGTUI_TEST_ACCEPT": Self.token])
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(at: work)
    }

    private var logPath: String { work.appendingPathComponent("state/segtui/segtui.log").path }

    private func log() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    private func segtui(_ arguments: [String], url: URL? = nil) throws -> CommandOutcome {
        try runSegtui(arguments, url: url ?? server.baseURL, environment: [
            "SEGTUI_TOKEN": Self.token,
            "XDG_STATE_HOME": work.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": work.appendingPathComponent("config").path,
        ])
    }

    func testEachRequestIsALineWithMethodPathStatusAndTimeAndNeverTheToken() throws {
        let listed = try segtui(["list", "--json", "--log-level", "info"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let text = log()
        let requests = text.split(separator: "\n").filter { $0.contains(" info segtui.http: ") }
        XCTAssertFalse(requests.isEmpty, text)
        let segments = try XCTUnwrap(requests.first { $0.contains("GET /api/data/v9.2/msdyncrm_segments ") }, text)
        XCTAssertNotNil(segments.range(of: #"GET /api/data/v9\.2/msdyncrm_segments 200 \d+ ms"#, options: .regularExpression), String(segments))
        XCTAssertFalse(text.contains(Self.token), "the token never reaches the log")
        XCTAssertFalse(text.lowercased().contains("authorization"), "nor the header that carries it")
        XCTAssertFalse(text.lowercased().contains("bearer"), text)

        var info = stat()
        XCTAssertEqual(stat(logPath, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600, "the log is private, as the other files are")
    }

    func testALevelAboveInfoLeavesRequestsOut() throws {
        XCTAssertEqual(try segtui(["list", "--log-level", "warning"]).status, 0)
        XCTAssertFalse(log().contains(" info "), log())
        XCTAssertEqual(try segtui(["list", "--log-level", "debug"]).status, 0)
        XCTAssertTrue(log().contains(" info segtui.http: GET "), log())

        let refused = try segtui(["list", "--log-level", "loud"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("loud"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("critical"), "the levels are listed: \(refused.stderr)")
    }

    func testAProfilesLogLevelAppliesUnlessTheFlagSaysOtherwise() throws {
        let folder = work.appendingPathComponent("config/segtui")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "[profiles.chatty]\nlog_level = \"info\"\n".write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try segtui(["list", "--profile", "chatty", "--log-level", "error"]).status, 0)
        XCTAssertFalse(log().contains(" info "), log())
        XCTAssertEqual(try segtui(["list", "--profile", "chatty"]).status, 0)
        XCTAssertTrue(log().contains(" info segtui.http: GET "), log())
    }

    /// A service that allows one request a second: looking a name up takes two (the exact name,
    /// then names that contain it), so the second waits out a 429, and the log says why it was
    /// sent again.
    func testARetryLogsItsReason() throws {
        let throttled = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("throttled.sqlite").path,
            arguments: ["--throttle-requests", "1", "--throttle-window", "1"])
        defer { throttled.stop() }
        let shown = try segtui(["show", "No segment has this name", "--api", "outbound", "--log-level", "notice"], url: throttled.baseURL)
        XCTAssertTrue(shown.stderr.contains("No segment has this name"), shown.stderr)
        let text = log()
        XCTAssertNotNil(text.range(of: #"notice segtui\.http: GET /api/data/v9\.2/\S+: retrying after attempt 1 of \d+: throttled \(429\)"#,
                                   options: .regularExpression), text)
        XCTAssertTrue(text.contains("retry=throttled"), text)
        XCTAssertFalse(text.contains(" info "), "notice leaves the plain requests out: \(text)")
    }

    /// The full-screen browser writes the same lines to the same file its stderr goes to.
    func testTheBrowserLogsToTheFileItsStderrGoesTo() throws {
        let tmux = try Tmux(columns: 120, rows: 30, environment: [
            "SEGTUI_TOKEN": Self.token,
            "XDG_STATE_HOME": work.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": work.appendingPathComponent("config").path,
        ])
        try tmux.typeLine("\(BuiltProducts.segtui) --url \(server.baseURL.absoluteString) --log-level info; echo exit=$?")
        tmux.waitForScreen("the list") { $0.contains(" segments") && $0.contains("1/") }
        try tmux.press("q")
        tmux.waitForText("exit=0")
        let text = log()
        XCTAssertTrue(text.contains("--- segtui started"), "the session's own header: \(text)")
        XCTAssertNotNil(text.range(of: #"info segtui\.http: GET /api/data/v9\.2/\S+ 200 \d+ ms"#, options: .regularExpression), text)
        XCTAssertFalse(text.contains(Self.token), text)
    }
}
