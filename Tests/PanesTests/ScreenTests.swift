import Foundation
import Segments
import SegmentsTesting
import TerminalKit
import TestSupport
import XCTest

@testable import Panes
@testable import ViewModels

final class ScreenTests: XCTestCase {
    @MainActor
    private static func loadedApp(_ segments: [Segment] = ScreenFixtures.demo) -> AppModel {
        GoldenApp.start(segments, contacts: [], scheduler: MainQueueScheduler()).0
    }

    func testList80x24() {
        onMain {
            let app = Self.loadedApp()
            let canvas = GoldenApp.check(app, "list-80x24", rows: 24, columns: 80)
            let status = try! XCTUnwrap(SegmentColumns(width: 80).offset(of: .status)).start
            XCTAssertEqual(canvas.style(row: 2, column: status), .selection, "the selected row keeps one style")
            XCTAssertEqual(canvas.style(row: 3, column: status), .plain, "Draft")
            XCTAssertEqual(canvas.style(row: 4, column: status), .accent, "Going live")
            XCTAssertEqual(canvas.style(row: 6, column: status), .error, "Error")
            XCTAssertEqual(canvas.style(row: 7, column: status), .success, "Live editable")
        }
    }

    func testList40x12DropsColumnsAndClipsByWidth() {
        onMain {
            let app = Self.loadedApp()
            let canvas = GoldenApp.check(app, "list-40x12", rows: 12, columns: 40)
            for line in canvas.lines(trimmingTrailingSpaces: false) {
                XCTAssertEqual(TextWidth.of(line), 40, "every line is exactly the terminal's width: \(line)")
            }
        }
    }

    func testJapaneseNameSelectedWithDetailBeside() {
        onMain {
            let app = Self.loadedApp()
            app.pressAndWait(.down, .down, .enter)
            let canvas = GoldenApp.check(app, "detail-japanese-120x24", rows: 24, columns: 120)
            XCTAssertTrue(canvas.text.contains("東京の見込み客"))
            let selectedRow = canvas.lines().firstIndex { $0.hasPrefix(" 東京の見込み客") }
            XCTAssertEqual(selectedRow, 4)
            XCTAssertEqual(canvas.style(row: 4, column: 1), .selection, "the selected row is highlighted")
            XCTAssertEqual(canvas.style(row: 3, column: 1), .plain)
        }
    }

    func testDetailBelowOnANarrowTerminalWithEveryFieldLabelled() {
        onMain {
            var segments = ScreenFixtures.demo
            segments[0] = ScreenFixtures.detailed
            let app = Self.loadedApp(segments)
            app.pressAndWait(.enter)
            let canvas = GoldenApp.check(app, "detail-below-80x30", rows: 30, columns: 80)
            for label in ["Name", "Type", "Status", "Members", "Description", "Query", "Modified on"] {
                XCTAssertTrue(canvas.text.contains(label), "detail shows \(label)")
            }
            XCTAssertFalse(canvas.text.contains("Ana Souza"), "the owner is below the fold")
            app.handle(.character("J"))
            app.handle(.character("J"))
            let scrolled = GoldenApp.render(app, rows: 30, columns: 80)
            XCTAssertTrue(scrolled.text.contains("Owner            Ana Souza"), scrolled.text)
            XCTAssertTrue(scrolled.text.contains("5e9a0c1d-0000-4000-8000-000000000000"))
        }
    }

    func testTooSmallShowsANotice() {
        onMain {
            let app = Self.loadedApp()
            let canvas = GoldenApp.render(app, rows: 11, columns: 39)
            XCTAssertEqual(canvas.lines()[0], "Terminal too small: 39x11, need 40x12")
            XCTAssertEqual(canvas.lines().dropFirst().joined(), "")
        }
    }

    func testHelpIsGeneratedFromTheKeyMap() {
        onMain {
            let app = Self.loadedApp()
            app.handle(.character("?"))
            let canvas = GoldenApp.check(app, "help-80x24", rows: 24, columns: 80)
            for binding in app.keyMap.bindings {
                XCTAssertTrue(canvas.text.contains(binding.help), "help lists \(binding.help)")
            }
        }
    }

    func testErrorShowsInTheStatusBar() {
        onMain {
            let (app, _) = GoldenApp.start(contacts: [], scheduler: MainQueueScheduler()) { service in
                service.failNext(with: .refused("Invalid $filter: unexpected ')' at position 12 (HTTP 400)"))
            }
            let canvas = GoldenApp.render(app, rows: 12, columns: 80)
            XCTAssertTrue(canvas.lines().last?.contains("Invalid $filter: unexpected ')' at position 12 (HTTP 400)") == true,
                          canvas.text)
            XCTAssertTrue(canvas.text.contains("Could not load segments."))
        }
    }

    func testHostileNamesCannotReachTheTerminalRaw() {
        onMain {
            var segments = ScreenFixtures.demo
            segments[0].name = "Evil\u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}gnp.exe"
            let app = Self.loadedApp(segments)
            let canvas = GoldenApp.render(app, rows: 12, columns: 80)
            XCTAssertFalse(canvas.text.contains("\u{1B}"))
            XCTAssertFalse(canvas.text.contains("\u{202E}"))
            XCTAssertFalse(canvas.text.contains("\u{07}"))
        }
    }

    func testColumnsLineUpForEveryWidth() {
        for width in [40, 41, 57, 60, 79, 80, 100, 133, 300] {
            let columns = SegmentColumns(width: width)
            let line = columns.line(SegmentColumns.cells(for: ScreenFixtures.demo[4], sanitizer: .canvas), ellipsis: "…")
            XCTAssertLessThanOrEqual(TextWidth.of(line), width, "width \(width)")
            XCTAssertTrue(columns.columns.contains { $0.column == .name })
            XCTAssertTrue(columns.columns.contains { $0.column == .status })
        }
        XCTAssertEqual(SegmentColumns(width: 80).columns.map(\.column), [.name, .type, .status, .members, .modified])
    }

    func testWrapNeverExceedsTheWidth() {
        let text = "PROFILE(contact).FILTER(CONTAINS(contact.fullname, '東京都千代田区丸の内一丁目'))"
        for width in 1...30 {
            for line in TextWrap.lines(text, width: width) {
                XCTAssertLessThanOrEqual(TextWidth.of(line), max(width, 2), "width \(width): \(line)")
            }
        }
        XCTAssertEqual(TextWrap.lines("a bb ccc", width: 4), ["a bb", "ccc"])
    }
}
