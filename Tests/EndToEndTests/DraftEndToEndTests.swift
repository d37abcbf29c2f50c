import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// An SSH link dropping mid-edit: the terminal hangs up, segtui writes the edit as a draft, and
/// the next start offers it back and can still save it.
final class DraftEndToEndTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = temporaryDirectory("e2e-draft")
    }

    func testAHangUpKeepsTheEditAsADraftThatTheNextStartRestores() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("e2e.sqlite").path)
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let name = "E2E draft \(UUID().uuidString.prefix(6))"
        let id = try client.create(SegmentDraft(name: name, type: .static, description: "Before"))
        let state = work.appendingPathComponent("state")
        let draftPath = state.appendingPathComponent("segtui/drafts/draft.json").path
        let command = "\(BuiltProducts.segtui) --url \(service.baseURL.absoluteString); echo exit=$?"

        let first = try Tmux(columns: 120, rows: 30, environment: ["XDG_STATE_HOME": state.path])
        try first.typeLine(command)
        first.waitForText("Modified on")
        try first.filterList(to: name)
        try first.press("e")
        first.waitForText("Edit: \(name)")
        try first.press("Tab", "End")
        try first.typeText(" and after")
        first.waitForText("Before and after")
        // The terminal goes away: tmux's server ending hangs up the pty, as a dropped SSH link does.
        try first.run(["kill-server"])
        let draft = try XCTUnwrap(Self.waitForJSON(draftPath))
        XCTAssertTrue(draft.contains("Before and after"), draft)
        XCTAssertEqual(try client.segment(id: id).description, "Before", "nothing was saved")

        let second = try Tmux(columns: 120, rows: 30, environment: ["XDG_STATE_HOME": state.path])
        try second.typeLine(command)
        second.waitForText("Restore unsaved edits")
        // Restore has the focus: Enter restores (issue 12, bug 1).
        try second.press("Enter")
        second.waitForText("Edit: \(name)")
        second.waitForText("Before and after")
        XCTAssertFalse(FileManager.default.fileExists(atPath: draftPath), "a restored draft is taken off the disk")
        try second.press("C-s")
        second.waitForText("Saved '\(name)'")
        XCTAssertEqual(try client.segment(id: id).description, "Before and after")
        try second.press("q")
        second.waitForText("exit=0")
    }

    /// Polls until `path` holds a whole JSON document (the draft is written atomically).
    private static func waitForJSON(_ path: String, timeout: TimeInterval = 20, file: StaticString = #filePath,
                                    line: UInt = #line) -> String? {
        waitFor(path, within: timeout, poll: 0.05, file: file, line: line) {
            guard let data = FileManager.default.contents(atPath: path), (try? JSONSerialization.jsonObject(with: data)) != nil else {
                return nil
            }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
