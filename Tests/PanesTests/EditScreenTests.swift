import Foundation
import Segments
import SegmentsTesting
import TerminalKit
import TestSupport
import XCTest

@testable import Panes
@testable import ViewModels

/// Golden screens of the editor, the members, the contact picker, the new-segment form, the
/// dialogs, contextual help and read-only mode.
final class EditScreenTests: XCTestCase {
    func testEditorWithAValidationMessageAndTheCursor() {
        onMain {
            let segments = ScreenFixtures.withWebinarDraft(query: "PROFILE(contact).FILTER(contact.webinar == 'Q3'")
            let (app, _) = GoldenApp.start(segments)
            app.list.selectLast()
            app.pressAndWait(.character("e"))
            app.pressAndWait(.tab, .tab, .text(" "), .control("s"))
            app.handle(.home)
            let canvas = GoldenApp.check(app, "editor-invalid-query-80x24")
            XCTAssertTrue(canvas.text.contains("Unbalanced parentheses."))
            let queryRow = canvas.lines().firstIndex { $0.contains("PROFILE(contact).FILTER") }!
            let cursorColumn = canvas.lines()[queryRow].range(of: "PROFILE")!.lowerBound.utf16Offset(in: canvas.lines()[queryRow])
            XCTAssertEqual(canvas.style(row: queryRow, column: cursorColumn)?.reverse, true, "the cursor is a reversed cell")
            // Under the message, the line at fault and a caret at the place the service gave (its end here).
            let lines = canvas.lines()
            let message = lines.firstIndex { $0.contains("Unbalanced parentheses.") }!
            XCTAssertTrue(lines[message + 1].contains("PROFILE(contact).FILTER(contact.webinar == 'Q3' "), lines[message + 1])
            let excerptStart = lines[message + 1].range(of: "PROFILE")!.lowerBound.utf16Offset(in: lines[message + 1])
            let caret = lines[message + 2].firstIndex(of: "^").map { lines[message + 2].utf16.distance(from: lines[message + 2].startIndex, to: $0) }
            XCTAssertEqual(caret, excerptStart + "PROFILE(contact).FILTER(contact.webinar == 'Q3' ".count)
        }
    }

    func testEditorConflictShowsTheServiceVersion() {
        onMain {
            var segments = ScreenFixtures.demo
            segments[1].description = "Friends of the firm"
            segments[1].etag = "W/\"7\""
            let (app, service) = GoldenApp.start(segments)
            app.pressAndWait(.down, .character("e"))
            app.handle(.tab)
            app.handle(.end)
            app.handle(.text(" and family"))
            try! service.update(id: segments[1].id, changes: SegmentChanges(description: "Friends of the firm (2026)"), ifMatch: nil)
            app.pressAndWait(.control("s"))
            let canvas = GoldenApp.check(app, "editor-conflict-80x24")
            XCTAssertTrue(canvas.text.contains("Friends of the firm (2026)"))
        }
    }

    func testLiveSegmentEditorIsReadOnlyWithAHint() {
        onMain {
            let (app, _) = GoldenApp.start(ScreenFixtures.withDetailedFirst)
            app.pressAndWait(.character("e"))
            let canvas = GoldenApp.check(app, "editor-live-80x24")
            // L, as in the list: Ctrl-L only reloads (issue 12, bug 11).
            XCTAssertTrue(canvas.text.contains("L stops it"))
        }
    }

    func testMembersWithStagedChangesAndThePicker() {
        onMain {
            let (app, service) = GoldenApp.start()
            GoldenApp.openMembers(app, service)
            app.pressAndWait(.character("j"), .character("d"), .character("a"))
            for _ in 0..<4 { app.handle(.down) }
            app.handle(.character(" "))
            let picker = GoldenApp.check(app, "picker-80x24")
            XCTAssertTrue(picker.text.contains("[x] Björn Åkesson") == false, "a member cannot be marked")
            XCTAssertTrue(picker.text.contains("(member)"))
            app.handle(.enter)
            let members = GoldenApp.check(app, "members-staged-80x24")
            XCTAssertTrue(members.text.contains("+ 山田 太郎"))
            XCTAssertTrue(members.text.contains("− Björn Åkesson"))
        }
    }

    func testNewSegmentForm() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.handle(.character("n"))
            app.handle(.text("Dublin events"))
            app.handle(.tab)
            app.handle(.left)
            app.handle(.tab)
            app.handle(.text("Everyone who came\nto an event in Dublin"))
            app.handle(.tab)
            app.handle(.control("s"))
            let canvas = GoldenApp.check(app, "new-segment-80x24")
            XCTAssertTrue(canvas.text.contains("A dynamic segment needs a query."))
        }
    }

    func testDialogsGoLiveAndDeleteLive() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.handle(.down)
            app.handle(.character("L"))
            let goLive = GoldenApp.check(app, "dialog-go-live-80x24")
            let buttonRow = goLive.lines().firstIndex { $0.contains("[ Cancel ]") }!
            let cancelColumn = goLive.lines()[buttonRow].range(of: "[ Cancel ]")!.lowerBound.utf16Offset(in: goLive.lines()[buttonRow])
            XCTAssertEqual(goLive.style(row: buttonRow, column: cancelColumn), .selection, "Cancel has the focus")
            app.handle(.escape)
            app.handle(.up)
            app.handle(.character("D"))
            app.handle(.character("N"))
            app.handle(.character("e"))
            let delete = GoldenApp.check(app, "dialog-delete-live-80x24")
            XCTAssertTrue(delete.text.contains("Type its name"))
        }
    }

    func testEditorHelpComesFromItsOwnTable() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.pressAndWait(.down, .character("e"))
            app.handle(.function(1))
            let canvas = GoldenApp.check(app, "help-editor-80x24")
            for binding in app.keyMap.bindings(in: .editor) {
                XCTAssertTrue(canvas.text.contains(binding.help), "help lists \(binding.help)")
            }
        }
    }

    func testReadOnlyHelpAndStatusBar() {
        onMain {
            let (app, _) = GoldenApp.start(keyMap: KeyMap(readOnly: true))
            app.handle(.character("?"))
            let canvas = GoldenApp.check(app, "help-read-only-80x24")
            XCTAssertTrue(canvas.lines().last?.hasSuffix("RO  1/6") == true, canvas.lines().last ?? "")
            for word in ["Go live", "Edit the segment", "New segment", "Delete"] {
                XCTAssertFalse(canvas.text.contains(word), "\(word) is gone in read-only mode")
            }
        }
    }

    func testFilterPromptToastAndError() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.handle(.character("/"))
            app.handle(.text("O'Brien"))
            let prompt = GoldenApp.render(app, rows: 12)
            XCTAssertEqual(prompt.lines().last?.hasPrefix(" Filter by name: O'Brien"), true, prompt.text)
            app.pressAndWait(.enter)
            let filtered = GoldenApp.render(app, rows: 12)
            XCTAssertTrue(filtered.lines()[0].contains("filter: O'Brien"))
            XCTAssertEqual(app.list.rows.map(\.name), ["O'Brien's VIP list"])
            app.show(toast: "Segment 'X' is live")
            XCTAssertTrue(GoldenApp.render(app, rows: 12).lines().last?.contains("Segment 'X' is live") == true)
            app.show(error: "Not deleted: busy")
            XCTAssertTrue(GoldenApp.render(app, rows: 12).lines().last?.contains("Not deleted: busy  (Esc dismisses)") == true)
        }
    }
}

final class QueryCaretTests: XCTestCase {
    func testTheCaretPointsIntoTheLineAtFaultAndScrollsAlongLongLines() {
        let short = EditorPane.caretLines("PROFILE(contact)\nFILTER(x", at: 25, width: 40)
        XCTAssertEqual(short.line, "FILTER(x")
        XCTAssertEqual(short.marker, "        ^")
        let long = String(repeating: "a", count: 100) + "!"
        let scrolled = EditorPane.caretLines(long, at: 100, width: 20)
        XCTAssertEqual(scrolled.marker.count, 13, "the place stays in view")
        XCTAssertTrue(scrolled.line.hasSuffix("!"))
        XCTAssertEqual(Array(scrolled.line)[scrolled.marker.count - 1], "!")
    }
}
