import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// segtui used as its users use it from afar: through a real `sshd` on 127.0.0.1, in tmux. Keys,
/// a resize, go live and an edit go through the SSH link; then the ssh client is killed mid-edit.
/// The session hangs up, segtui writes the edit as a draft and ends, and the service keeps its data.
final class SshEndToEndTests: XCTestCase {
    private var work: URL!
    private var sshd: Sshd?
    /// A path only this test's segtui has on its command line, for finding strays with pgrep.
    private var marker: String!

    override func setUpWithError() throws {
        // A missing sshd fails the test rather than skipping it: a skip would pass without proving
        // anything, and .ci/run installs the package.
        guard FileManager.default.isExecutableFile(atPath: Sshd.binary) else {
            struct MissingSshd: Error, CustomStringConvertible {
                var description: String { "\(Sshd.binary) is not installed: apt-get install openssh-server" }
            }
            throw MissingSshd()
        }
        work = BuiltProducts.temporaryDirectory("e2e-ssh")
        marker = work.appendingPathComponent("bin/segtui").path
    }

    override func tearDown() {
        sshd?.stop()
        sshd = nil
        // On a failure midway, leave nothing of this test running (nothing was set up on a skip).
        guard let work, let marker else { return }
        for pid in processIds(matching: "^" + NSRegularExpression.escapedPattern(for: marker)) { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: work)
    }

    func testKeysResizeGoLiveAndEditOverSSHThenAHangUpKeepsADraft() throws {
        let service = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path,
            arguments: ["--lifecycle-delay", "0.3"])
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let tag = UUID().uuidString.prefix(6)
        let editedName = "SSH edit \(tag)"
        let liveName = "SSH live \(tag)"
        let edited = try client.create(SegmentDraft(name: editedName, type: .static, description: "Before"))
        let members = try client.searchContacts("", top: 3).map(\.id)
        let live = try client.create(SegmentDraft(name: liveName, type: .static, memberIds: members))

        let sshd = try Sshd(directory: work.appendingPathComponent("sshd"))
        self.sshd = sshd
        // A link with a name of its own, so that the processes of this run can be told apart.
        try FileManager.default.createDirectory(at: work.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: marker, withDestinationPath: BuiltProducts.segtui)
        let state = work.appendingPathComponent("state")
        let remote = [
            "env", "XDG_STATE_HOME=\(state.path)", "XDG_CONFIG_HOME=\(work.appendingPathComponent("config").path)",
            "TERM=xterm-256color", "LANG=C.UTF-8", "SWIFT_BACKTRACE=interactive=no",
            marker!, "--url", service.baseURL.absoluteString,
        ].joined(separator: " ")
        let tmux = try Tmux(columns: 100, rows: 30)
        try tmux.typeLine(sshd.sshCommand(remote) + "; echo ssh-exit=$?")

        // The list arrives through the link.
        guard tmux.waitForText("Modified on", timeout: 60) != nil else { return XCTFail("sshd log:\n\(sshd.log)") }
        XCTAssertEqual(processIds(matching: "^" + NSRegularExpression.escapedPattern(for: marker)).count, 1, "segtui runs on the far side")
        XCTAssertFalse(sshd.sessionProcesses.isEmpty, "through a session of this sshd")

        // j, k, Enter, Escape: the selection moves and the detail opens and closes.
        tmux.waitForScreen("the first row selected") { Self.selectedRow(on: $0) == 1 }
        try tmux.press("j")
        tmux.waitForScreen("the second row selected") { Self.selectedRow(on: $0) == 2 }
        try tmux.press("k")
        tmux.waitForScreen("back on the first row") { Self.selectedRow(on: $0) == 1 }
        try tmux.press("Enter")
        tmux.waitForText("Query name")
        try tmux.press("Escape")
        tmux.waitForScreen("detail closed") { !$0.contains("Query name") }

        // A resize of the local terminal reaches segtui through ssh's window-change request.
        try tmux.resize(columns: 40, rows: 12)
        tmux.waitForScreen("the narrow layout") { !$0.contains("Modified on") && $0.contains("Status") }
        try tmux.resize(columns: 100, rows: 30)
        tmux.waitForText("Modified on")

        // Go live on one segment: the service stores the new status.
        try tmux.filterList(to: liveName)
        try tmux.press("L")
        tmux.waitForText("[ Go live ]")
        try tmux.press("Tab", "Enter")
        tmux.waitForText("Segment '\(liveName)' is live")
        XCTAssertEqual(try client.segment(id: live).status, .live)

        // y: the id reaches the local clipboard (tmux's buffer) through ssh as OSC 52.
        try tmux.run(["set-option", "-g", "set-clipboard", "on"])
        try tmux.press("y")
        tmux.waitForText("Copied the id")
        XCTAssertEqual(try tmux.run(["show-buffer"]), live, "OSC 52 travels over SSH")

        // Edit another, and leave the edit unsaved.
        try tmux.filterList(to: editedName, clearing: true)
        try tmux.press("e")
        tmux.waitForText("Edit: \(editedName)")
        try tmux.press("Tab", "End")
        try tmux.typeText(" and after")
        tmux.waitForText("Before and after")

        // The link drops: the ssh client dies without a word, sshd hangs up the session's terminal.
        let clients = processIds(matching: "^ssh .*" + NSRegularExpression.escapedPattern(for: marker))
        XCTAssertEqual(clients.count, 1, "one ssh client")
        for pid in clients { kill(pid, SIGKILL) }
        tmux.waitForText("ssh-exit=")

        let draftPath = state.appendingPathComponent("segtui/drafts/draft.json").path
        XCTAssertTrue(waitUntil(timeout: 20) { Self.isJSON(atPath: draftPath) }, "the draft is written; sshd log:\n\(sshd.log)")
        let draft = (try? String(contentsOfFile: draftPath, encoding: .utf8)) ?? ""
        XCTAssertTrue(draft.contains("Before and after"), draft)
        XCTAssertTrue(draft.contains(edited), "the draft names the segment it belongs to")
        let pattern = "^" + NSRegularExpression.escapedPattern(for: marker)
        XCTAssertTrue(waitUntil(timeout: 20) { processIds(matching: pattern).isEmpty }, "no segtui is left behind")
        XCTAssertTrue(waitUntil(timeout: 20) { sshd.sessionProcesses.isEmpty }, "sshd closed the session: \(sshd.sessionProcesses)")

        // The service's data is intact: the unsaved edit is not there, the go-live is.
        XCTAssertEqual(try client.segment(id: edited).description, "Before")
        XCTAssertEqual(try client.segment(id: live).status, .live)
        XCTAssertEqual(Set(try client.memberIds(of: live).map { $0.lowercased() }), Set(members.map { $0.lowercased() }))
        XCTAssertNil(integrityProblem(of: service), "GET /segtui/integrity passes")

        sshd.stop()
        XCTAssertTrue(waitUntil(timeout: 10) { !Sshd.accepts(port: sshd.port) }, "sshd stopped")
    }

    /// The row number in the status bar's "row/total" (not part of a date, which has two slashes).
    private static func selectedRow(on screen: String) -> Int? {
        guard let range = screen.range(of: #"(?<![\d/])\d+/\d+(?![\d/])"#, options: .regularExpression) else { return nil }
        return Int(screen[range].split(separator: "/")[0])
    }

    private static func isJSON(atPath path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return (try? JSONSerialization.jsonObject(with: data)) != nil
    }
}
