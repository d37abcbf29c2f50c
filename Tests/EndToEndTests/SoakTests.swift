import Dataverse
import Foundation
import SeededRandom
import Keys
import Segments
import SegtuiHarness
import TestSupport
import ViewModels
import XCTest

/// A fixed number of user actions (list, detail, edit and save, go live, stop) through the real
/// view models and client against `segtui serve` answering 20% of requests with faults: every
/// action completes or reports its failure, nothing hangs, and a failed save never loses the
/// edit.
final class SoakTests: XCTestCase {
    private static let actions = 120

    func testActionsThroughInjectedFaultsCompleteOrReport() throws {
        let work = temporaryDirectory("soak")
        let server = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("soak.sqlite").path,
            arguments: ["--fault-error-rate", "0.12", "--fault-drop-rate", "0.04", "--fault-malformed-rate", "0.04",
                        "--fault-seed", "20261130", "--lifecycle-delay", "0.2"])
        defer { server.stop() }
        // Short back-off so the run stays quick; the rules (what is retried) are the real ones.
        let client = DataverseClient(organization: server.baseURL, transport: URLSessionTransport(timeout: 5),
                                     retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.02, maxDelay: 0.2))
        var outcome = Tally()
        MainActor.assumeIsolated {
            let app = AppModel(service: OutboundSegmentService(client: client))
            app.start()
            Self.settle(app)
            var random = SeededRandom(seed: 7)
            for step in 0..<Self.actions {
                let action = random.next() % 6
                let before = Self.messages(app)
                switch action {
                case 0: Self.press(app, random.next() % 2 == 0 ? .character("j") : .character("k"))
                case 1:
                    Self.press(app, .enter)
                    Self.press(app, .escape)
                case 2: Self.press(app, .character("r"))
                case 3: Self.editAndSave(app, marker: "soak \(step)", tally: &outcome)
                default: Self.toggleLive(app)
                }
                XCTAssertTrue(app.list.rows.isEmpty || app.list.rows.indices.contains(app.list.selectedIndex))
                if Self.messages(app) != before && Self.messages(app) != "" { outcome.reported += 1 } else { outcome.quiet += 1 }
                // Dismiss what is shown, so that the next action's report is its own.
                if app.actionError != nil || app.visibleError != nil { Self.press(app, .escape) }
                if app.dialog != nil { Self.press(app, .escape) }
            }

            // Last, the worst case for a save: the service goes away with an edit open.
            Self.press(app, .character("g"))
            var opened = false
            for _ in 0..<app.list.rows.count {
                Self.press(app, .character("e"))
                if case .editor(let editor)? = app.screen, !editor.isReadOnly { opened = true; break }
                Self.closeScreen(app)
                Self.press(app, .character("j"))
            }
            XCTAssertTrue(opened, "an editable segment exists")
            guard case .editor(let editor)? = app.screen else { return }
            Self.press(app, .tab)
            app.handle(.text(" written before the link dropped"))
            let typed = editor.text(.description)
            server.stop()
            Self.press(app, .control("s"))
            guard case .editor(let still)? = app.screen else { return XCTFail("the editor stays open after a failed save") }
            XCTAssertTrue(still === editor)
            XCTAssertEqual(editor.text(.description), typed, "the edit survives the failed save")
            XCTAssertTrue(editor.isDirty)
            XCTAssertFalse(Self.messages(app).isEmpty, "the failure is reported: \(Self.messages(app))")
        }
        print("soak: \(Self.actions) actions, \(outcome.reported) reported something, \(outcome.saves) saves, \(outcome.failedSaves) failed saves (each kept its edit)")
        XCTAssertGreaterThan(outcome.reported, 0, "faults were injected and reported")
        XCTAssertGreaterThan(outcome.saves, 0, "some saves went through")
    }

    struct Tally {
        var reported = 0
        var quiet = 0
        var saves = 0
        var failedSaves = 0
    }

    @MainActor
    private static func editAndSave(_ app: AppModel, marker: String, tally: inout Tally) {
        press(app, .character("e"))
        guard case .editor(let editor)? = app.screen, !editor.isReadOnly else {
            closeScreen(app)
            return
        }
        press(app, .tab)
        press(app, .end)
        app.handle(.text(" " + marker))
        let typed = editor.text(.description)
        XCTAssertTrue(typed.hasSuffix(marker))
        press(app, .control("s"))
        if case .editor(let still)? = app.screen, still === editor {
            // The save failed (fault, conflict, validation): the edit must still be there.
            XCTAssertEqual(editor.text(.description), typed, "a failed save keeps the edit")
            XCTAssertTrue(editor.isDirty || editor.lastError == nil)
            tally.failedSaves += 1
            closeScreen(app)
        } else {
            tally.saves += 1
        }
    }

    @MainActor
    private static func toggleLive(_ app: AppModel) {
        press(app, .character("L"))
        guard app.dialog != nil else { return }
        press(app, .tab)
        press(app, .enter)
        wait(app) { !app.statusChanges.isWatching }
    }

    @MainActor
    private static func closeScreen(_ app: AppModel) {
        for _ in 0..<3 where app.screen != nil || app.dialog != nil {
            if app.dialog != nil {
                press(app, .tab)
                press(app, .enter)
            } else {
                press(app, .escape)
            }
        }
        XCTAssertNil(app.screen, "the screen closes")
    }

    @MainActor
    private static func messages(_ app: AppModel) -> String {
        [app.actionError, app.visibleError?.description, app.toast, app.connection.statusText].compactMap { $0 }.joined(separator: " | ")
    }

    @MainActor
    private static func press(_ app: AppModel, _ chord: Key) {
        app.handle(chord)
        settle(app)
    }

    @MainActor
    private static func settle(_ app: AppModel) {
        wait(app) { !app.isBusy }
    }

    /// Lets the main queue run until `condition` holds; a hang fails the test instead of the run.
    @MainActor
    private static func wait(_ app: AppModel, file: StaticString = #filePath, line: UInt = #line, _ condition: () -> Bool) {
        waitUntil("an action to finish", within: 60, file: file, line: line, condition)
    }
}
