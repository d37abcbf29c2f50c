import Foundation
import Segments
import SegmentsTesting
import TerminalKit
import TestSupport
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
        let (app, _) = GoldenApp.start(segments, contacts: [])
        _ = app.list.select(id: segments[0].id)
        return app
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
            app.pressAndWait(.character("e"))
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
            Self.assertButtonsIntact(GoldenApp.render(app), "Cancel", "Go live")
            app.handle(.escape)
            app.handle(.character("D"))
            Self.assertButtonsIntact(GoldenApp.render(app), "Cancel", "Delete")
            app.handle(.escape)

            // Unsaved edits of the long-named segment: the question about them keeps its buttons.
            app.pressAndWait(.character("e"))
            app.handle(.tab)
            app.handle(.text("x"))
            app.handle(.escape)
            XCTAssertEqual(app.dialog?.purpose, .discardScreen)
            Self.assertButtonsIntact(GoldenApp.render(app), "Keep editing", "Discard")
        }
    }

    func testADialogMessageTooLongForTheScreenIsCutAboveTheButtons() {
        onMain {
            let app = Self.app()
            app.dialog = ConfirmDialog(title: "Long", message: String(repeating: "word ", count: 2_000),
                                       confirmLabel: "Yes", purpose: .quit)
            let canvas = GoldenApp.render(app)
            XCTAssertEqual(canvas.lines().filter { $0.contains("[ Cancel ]") && $0.contains("[ Yes ]") }.count, 1, canvas.text)
        }
    }
}
