import Foundation
import Segments
import TerminalKit
import XCTest

@testable import Panes
@testable import ViewModels

/// Golden screens of the editor, the members, the contact picker, the new-segment form, the
/// dialogs, contextual help and read-only mode.
final class EditScreenTests: XCTestCase {
    static let contacts: [Contact] = [
        Contact(id: "c0000000-0000-4000-8000-000000000001", fullName: "Ana Souza", email: "ana.souza@example.com"),
        Contact(id: "c0000000-0000-4000-8000-000000000002", fullName: "Björn Åkesson", email: "bjorn@example.se"),
        Contact(id: "c0000000-0000-4000-8000-000000000003", fullName: "山田 太郎", email: "taro.yamada@example.jp"),
        Contact(id: "c0000000-0000-4000-8000-000000000004", fullName: "Seán O'Brien", email: "sean@example.ie"),
    ]

    @MainActor
    static func app(_ segments: [Segment] = ScreenFixtures.demo, readOnly: Bool = false)
        -> (AppModel, InMemorySegmentService) {
        let service = InMemorySegmentService(segments: segments, contacts: contacts, displayName: "127.0.0.1:8080")
        let app = AppModel(service: service, keyMap: KeyMap(readOnly: readOnly), scheduler: ManualScheduler())
        app.start()
        waitUntil { !app.isBusy }
        return (app, service)
    }

    @MainActor
    static func render(_ app: AppModel, rows: Int = 24, columns: Int = 80) -> GridCanvas {
        let canvas = GridCanvas(rows: rows, columns: columns)
        RootView.fit(app, to: canvas.size)
        RootView(model: app, theme: Theme(colors: .monochrome, ascii: false)).render(on: canvas)
        return canvas
    }

    func testEditorWithAValidationMessageAndTheCursor() {
        onMain {
            var segments = ScreenFixtures.demo
            segments[5] = ScreenFixtures.segment(5, "Webinar no-shows Q3", .dynamic, .draft, size: 1_204, modified: "11/22/2026 5:55 PM")
            segments[5].query = "PROFILE(contact).FILTER(contact.webinar == 'Q3'"
            segments[5].description = "Registered, did not attend."
            let (app, _) = Self.app(segments)
            app.list.selectLast()
            app.handle(.character("e"))
            waitUntil { !app.isBusy }
            app.handle(.tab)
            app.handle(.tab)
            app.handle(.text(" "))
            app.handle(.control("s"))
            waitUntil { !app.isBusy }
            app.handle(.home)
            let canvas = Self.render(app)
            assertGolden(canvas, "editor-invalid-query-80x24")
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
            let (app, service) = Self.app(segments)
            app.handle(.down)
            app.handle(.character("e"))
            waitUntil { !app.isBusy }
            app.handle(.tab)
            app.handle(.end)
            app.handle(.text(" and family"))
            try! service.update(id: segments[1].id, changes: SegmentChanges(description: "Friends of the firm (2026)"), ifMatch: nil)
            app.handle(.control("s"))
            waitUntil { !app.isBusy }
            let canvas = Self.render(app)
            assertGolden(canvas, "editor-conflict-80x24")
            XCTAssertTrue(canvas.text.contains("Friends of the firm (2026)"))
        }
    }

    func testLiveSegmentEditorIsReadOnlyWithAHint() {
        onMain {
            var segments = ScreenFixtures.demo
            segments[0] = ScreenFixtures.detailed
            let (app, _) = Self.app(segments)
            app.handle(.character("e"))
            waitUntil { !app.isBusy }
            let canvas = Self.render(app)
            assertGolden(canvas, "editor-live-80x24")
            // L, as in the list: Ctrl-L only reloads (issue 12, bug 11).
            XCTAssertTrue(canvas.text.contains("L stops it"))
        }
    }

    func testMembersWithStagedChangesAndThePicker() {
        onMain {
            let (app, service) = Self.app()
            app.handle(.down)
            let id = app.list.selected!.id
            try! service.updateMembers(of: id, add: [Self.contacts[0].id, Self.contacts[1].id], remove: [])
            app.handle(.character("m"))
            waitUntil { !app.isBusy }
            app.handle(.character("j"))
            app.handle(.character("d"))
            app.handle(.character("a"))
            waitUntil { !app.isBusy }
            for _ in 0..<4 { app.handle(.down) }
            app.handle(.character(" "))
            let picker = Self.render(app)
            assertGolden(picker, "picker-80x24")
            XCTAssertTrue(picker.text.contains("[x] Björn Åkesson") == false, "a member cannot be marked")
            XCTAssertTrue(picker.text.contains("(member)"))
            app.handle(.enter)
            let members = Self.render(app)
            assertGolden(members, "members-staged-80x24")
            XCTAssertTrue(members.text.contains("+ 山田 太郎"))
            XCTAssertTrue(members.text.contains("− Björn Åkesson"))
        }
    }

    func testNewSegmentForm() {
        onMain {
            let (app, _) = Self.app()
            app.handle(.character("n"))
            app.handle(.text("Dublin events"))
            app.handle(.tab)
            app.handle(.left)
            app.handle(.tab)
            app.handle(.text("Everyone who came\nto an event in Dublin"))
            app.handle(.tab)
            app.handle(.control("s"))
            let canvas = Self.render(app)
            assertGolden(canvas, "new-segment-80x24")
            XCTAssertTrue(canvas.text.contains("A dynamic segment needs a query."))
        }
    }

    func testDialogsGoLiveAndDeleteLive() {
        onMain {
            let (app, _) = Self.app()
            app.handle(.down)
            app.handle(.character("L"))
            let goLive = Self.render(app)
            assertGolden(goLive, "dialog-go-live-80x24")
            let buttonRow = goLive.lines().firstIndex { $0.contains("[ Cancel ]") }!
            let cancelColumn = goLive.lines()[buttonRow].range(of: "[ Cancel ]")!.lowerBound.utf16Offset(in: goLive.lines()[buttonRow])
            XCTAssertEqual(goLive.style(row: buttonRow, column: cancelColumn), .selection, "Cancel has the focus")
            app.handle(.escape)
            app.handle(.up)
            app.handle(.character("D"))
            app.handle(.character("N"))
            app.handle(.character("e"))
            let delete = Self.render(app)
            assertGolden(delete, "dialog-delete-live-80x24")
            XCTAssertTrue(delete.text.contains("Type its name"))
        }
    }

    func testEditorHelpComesFromItsOwnTable() {
        onMain {
            let (app, _) = Self.app()
            app.handle(.down)
            app.handle(.character("e"))
            waitUntil { !app.isBusy }
            app.handle(.function(1))
            let canvas = Self.render(app)
            assertGolden(canvas, "help-editor-80x24")
            for binding in app.keyMap.bindings(in: .editor) {
                XCTAssertTrue(canvas.text.contains(binding.help), "help lists \(binding.help)")
            }
        }
    }

    func testReadOnlyHelpAndStatusBar() {
        onMain {
            let (app, _) = Self.app(readOnly: true)
            app.handle(.character("?"))
            let canvas = Self.render(app)
            assertGolden(canvas, "help-read-only-80x24")
            XCTAssertTrue(canvas.lines().last?.hasSuffix("RO  1/6") == true, canvas.lines().last ?? "")
            for word in ["Go live", "Edit the segment", "New segment", "Delete"] {
                XCTAssertFalse(canvas.text.contains(word), "\(word) is gone in read-only mode")
            }
        }
    }

    func testFilterPromptToastAndError() {
        onMain {
            let (app, _) = Self.app()
            app.handle(.character("/"))
            app.handle(.text("O'Brien"))
            let prompt = Self.render(app, rows: 12)
            XCTAssertEqual(prompt.lines().last?.hasPrefix(" Filter by name: O'Brien"), true, prompt.text)
            app.handle(.enter)
            waitUntil { !app.isBusy }
            let filtered = Self.render(app, rows: 12)
            XCTAssertTrue(filtered.lines()[0].contains("filter: O'Brien"))
            XCTAssertEqual(app.list.rows.map(\.name), ["O'Brien's VIP list"])
            app.show(toast: "Segment 'X' is live")
            XCTAssertTrue(Self.render(app, rows: 12).lines().last?.contains("Segment 'X' is live") == true)
            app.show(error: "Not deleted: busy")
            XCTAssertTrue(Self.render(app, rows: 12).lines().last?.contains("Not deleted: busy  (Esc dismisses)") == true)
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
