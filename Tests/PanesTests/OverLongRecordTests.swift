import Foundation
import Segments
import TerminalKit
import XCTest

@testable import Panes
@testable import ViewModels

/// Issue 15 item 13: a record longer than the editor's limits (a 28k-character name) opens the
/// editor clean and says it is too long, and every dialog that shows the name keeps it from
/// wrapping over the buttons.
final class OverLongRecordTests: XCTestCase {
    static let longName = String(repeating: "Very long name ", count: 1_900)

    @MainActor
    private static func app() -> AppModel {
        var segments = ScreenFixtures.demo
        segments[0].name = longName
        segments[0].status = .draft
        let service = InMemorySegmentService(segments: segments, contacts: [], displayName: "127.0.0.1:8080")
        let app = AppModel(service: service, keyMap: KeyMap(), scheduler: ManualScheduler())
        app.start()
        waitUntil { !app.isBusy }
        _ = app.list.select(id: segments[0].id)
        return app
    }

    @MainActor
    private static func render(_ app: AppModel) -> GridCanvas {
        let canvas = GridCanvas(rows: 24, columns: 80)
        RootView.fit(app, to: canvas.size)
        RootView(model: app, theme: Theme(colors: .monochrome, ascii: false)).render(on: canvas)
        return canvas
    }

    private static func assertButtonsIntact(_ canvas: GridCanvas, _ cancel: String, _ confirm: String, file: StaticString = #filePath, line: UInt = #line) {
        let lines = canvas.lines()
        let buttons = lines.filter { $0.contains("[ \(cancel) ]") && $0.contains("[ \(confirm) ]") }
        XCTAssertEqual(buttons.count, 1, "the buttons are whole on one row:\n\(canvas.text)", file: file, line: line)
        XCTAssertTrue(lines.contains { $0.contains("...") }, "the name is cut short:\n\(canvas.text)", file: file, line: line)
    }

    func testAnOverLongNameOpensTheEditorCleanAndSaysSo() {
        onMain {
            let app = Self.app()
            XCTAssertGreaterThan(Self.longName.count, 28_000)
            app.handle(.character("e"))
            waitUntil { !app.isBusy }
            guard case .editor(let editor)? = app.screen else { return XCTFail("the editor is open") }
            XCTAssertEqual(editor.text(.name), Self.longName, "loading keeps the value whole")
            XCTAssertFalse(editor.isDirty, "nothing was edited")
            XCTAssertEqual(editor.overLimit, [.name])
            XCTAssertTrue(editor.notice?.contains("over the limit of 100") == true, editor.notice ?? "no notice")
            app.handle(.escape)
            XCTAssertNil(app.dialog, "a clean editor closes without asking")
            XCTAssertNil(app.screen)
        }
    }

    func testDialogsCutTheNameAndKeepTheirButtons() {
        onMain {
            let app = Self.app()
            app.handle(.character("L"))
            XCTAssertNotNil(app.dialog)
            Self.assertButtonsIntact(Self.render(app), "Cancel", "Go live")
            app.handle(.escape)
            app.handle(.character("D"))
            Self.assertButtonsIntact(Self.render(app), "Cancel", "Delete")
            app.handle(.escape)

            // Unsaved edits of the long-named segment: the question about them keeps its buttons.
            app.handle(.character("e"))
            waitUntil { !app.isBusy }
            app.handle(.tab)
            app.handle(.text("x"))
            app.handle(.escape)
            XCTAssertEqual(app.dialog?.purpose, .discardScreen)
            Self.assertButtonsIntact(Self.render(app), "Keep editing", "Discard")
        }
    }

    func testADialogMessageTooLongForTheScreenIsCutAboveTheButtons() {
        onMain {
            let app = Self.app()
            app.dialog = ConfirmDialog(title: "Long", message: String(repeating: "word ", count: 2_000),
                                       confirmLabel: "Yes", purpose: .quit)
            let canvas = Self.render(app)
            XCTAssertEqual(canvas.lines().filter { $0.contains("[ Cancel ]") && $0.contains("[ Yes ]") }.count, 1, canvas.text)
        }
    }
}
