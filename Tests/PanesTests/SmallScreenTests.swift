import Foundation
import Segments
import TerminalKit
import TestSupport
import XCTest

@testable import Panes
@testable import ViewModels

/// At 40x12, the smallest size segtui draws, every frame keeps its borders (issue 12): the detail,
/// the editor, the members, the picker, the new-segment form, the dialogs and help, each a golden
/// screen (the list's is `list-40x12`, in ScreenTests).
final class SmallScreenTests: XCTestCase {
    /// Renders at 40x12, compares with the golden screen, checks that every line fills the width
    /// and that `frames` boxes are drawn whole.
    @MainActor
    @discardableResult
    private static func check(_ app: AppModel, _ name: String, frames: Int, file: StaticString = #filePath, line: UInt = #line)
        -> GridCanvas {
        let canvas = GoldenApp.check(app, name, rows: 12, columns: 40, file: file, line: line)
        for text in canvas.lines(trimmingTrailingSpaces: false) {
            XCTAssertEqual(TextWidth.of(text), 40, "\(name): \(text)", file: file, line: line)
        }
        XCTAssertEqual(FrameCheck.closedFrames(canvas, file: file, line: line), frames, "whole frames on \(name)\n\(canvas.text)",
                       file: file, line: line)
        return canvas
    }

    func testDetailBelowTheList() {
        onMain {
            let (app, _) = GoldenApp.start(ScreenFixtures.withDetailedFirst)
            app.pressAndWait(.enter)
            let canvas = Self.check(app, "detail-40x12", frames: 1)
            XCTAssertTrue(canvas.text.contains("Newsletter"), canvas.text)
        }
    }

    func testEditor() {
        onMain {
            let segments = ScreenFixtures.withWebinarDraft(query: "PROFILE(contact).FILTER(contact.webinar == 'Q3')")
            let (app, _) = GoldenApp.start(segments)
            app.list.selectLast()
            app.pressAndWait(.character("e"))
            let canvas = Self.check(app, "editor-40x12", frames: 1)
            XCTAssertTrue(canvas.text.contains("Webinar"), canvas.text)
        }
    }

    func testMembersAndThePickerOverThem() {
        onMain {
            let (app, service) = GoldenApp.start()
            GoldenApp.openMembers(app, service)
            let members = Self.check(app, "members-40x12", frames: 1)
            XCTAssertTrue(members.text.contains("Ana Souza"), members.text)
            app.handle(.character("/"))
            app.handle(.text("björn"))
            let search = Self.check(app, "members-search-40x12", frames: 1)
            XCTAssertTrue(search.lines().last?.hasPrefix(" Search members: björn") == true, search.text)
            XCTAssertFalse(search.text.contains("Ana Souza"), search.text)
            app.pressAndWait(.escape, .character("a"))
            let picker = Self.check(app, "picker-40x12", frames: 2)
            XCTAssertTrue(picker.text.contains("Search:"), picker.text)
        }
    }

    func testNewSegmentForm() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.handle(.character("n"))
            app.handle(.text("Dublin events"))
            let canvas = Self.check(app, "new-segment-40x12", frames: 1)
            XCTAssertTrue(canvas.text.contains("Dublin events"), canvas.text)
        }
    }

    func testDialogs() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.handle(.down)
            app.handle(.character("L"))
            let goLive = Self.check(app, "dialog-go-live-40x12", frames: 1)
            XCTAssertTrue(goLive.text.contains("[ Cancel ]"), goLive.text)
            app.handle(.escape)
            app.handle(.up)
            app.handle(.character("D"))
            app.handle(.character("N"))
            app.handle(.character("e"))
            let delete = Self.check(app, "dialog-delete-live-40x12", frames: 1)
            XCTAssertTrue(delete.text.contains("Name: Ne"), delete.text)
            XCTAssertTrue(delete.text.contains("[ Cancel ]"), delete.text)
        }
    }

    func testADialogOverTheEditor() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.pressAndWait(.down, .character("e"))
            app.handle(.tab)
            app.handle(.text("x"))
            app.handle(.escape)
            XCTAssertNotNil(app.dialog, "leaving unsaved edits asks first")
            Self.check(app, "dialog-over-editor-40x12", frames: 2)
        }
    }

    func testHelp() {
        onMain {
            let (app, _) = GoldenApp.start()
            app.handle(.character("?"))
            let canvas = Self.check(app, "help-40x12", frames: 1)
            XCTAssertTrue(canvas.text.contains("Keys"), canvas.text)
        }
    }

    func testJourneysGroupsAndWhoIsInTheSegmentNow() {
        onMain {
            let (app, service) = JourneysScreenTests.app()
            JourneysScreenTests.openGroups(app, service)
            let groups = Self.check(app, "journeys-groups-40x12", frames: 1)
            XCTAssertTrue(groups.text.contains("Include"), groups.text)
        }
    }

    /// The check itself fails on a box cut short.
    func testTheFrameCheckFindsABrokenBox() {
        let canvas = GridCanvas(rows: 5, columns: 10)
        _ = canvas.draw("┌──────┐", row: 0, column: 0, width: nil, style: .border)
        for row in 1...2 {
            _ = canvas.draw("│", row: row, column: 0, width: nil, style: .border)
            _ = canvas.draw("│", row: row, column: 7, width: nil, style: .border)
        }
        _ = canvas.draw("└──────┘", row: 3, column: 0, width: nil, style: .border)
        XCTAssertEqual(FrameCheck.problems(canvas), [])
        _ = canvas.draw(" ", row: 2, column: 7, width: nil, style: .plain)
        XCTAssertEqual(FrameCheck.problems(canvas), ["the box at 0,0 has no right side at row 2", "a ┐ at 0,7 belongs to no box",
                                                      "a └ at 3,0 belongs to no box", "a ┘ at 3,7 belongs to no box"])
    }
}

/// Finds the boxes on a grid (Unicode lines) and what is missing from each.
enum FrameCheck {
    /// The number of whole boxes; every problem found is a failure.
    static func closedFrames(_ canvas: GridCanvas, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let (count, problems) = scan(canvas)
        for problem in problems { XCTFail(problem + "\n" + canvas.text, file: file, line: line) }
        return count
    }

    static func problems(_ canvas: GridCanvas) -> [String] { scan(canvas).problems }

    private static func scan(_ canvas: GridCanvas) -> (count: Int, problems: [String]) {
        let rows = canvas.size.rows
        let columns = canvas.size.columns
        func at(_ row: Int, _ column: Int) -> Character? { canvas.cell(row: row, column: column)?.character }
        var problems: [String] = []
        var claimed = Set<[Int]>()
        var count = 0
        for top in 0..<rows {
            for left in 0..<columns where at(top, left) == "┌" {
                guard let right = ((left + 1)..<columns).first(where: { at(top, $0) == "┐" }) else {
                    problems.append("the box at \(top),\(left) has no top-right corner")
                    continue
                }
                var bottom = top + 1
                while bottom < rows, at(bottom, left) == "│" { bottom += 1 }
                guard bottom < rows, at(bottom, left) == "└" else {
                    problems.append("the box at \(top),\(left) has no bottom-left corner")
                    continue
                }
                var whole = true
                if let gap = ((top + 1)..<bottom).first(where: { at($0, right) != "│" }) {
                    problems.append("the box at \(top),\(left) has no right side at row \(gap)")
                    whole = false
                } else if at(bottom, right) != "┘" {
                    problems.append("the box at \(top),\(left) has no bottom-right corner")
                    whole = false
                } else if let gap = ((left + 1)..<right).first(where: { at(bottom, $0) != "─" }) {
                    problems.append("the box at \(top),\(left) has no bottom edge at column \(gap)")
                    whole = false
                }
                guard whole else { continue }
                count += 1
                claimed.formUnion([[top, right], [bottom, left], [bottom, right]])
            }
        }
        // A corner that no whole box owns is a frame cut by the screen's edge or by another frame.
        for row in 0..<rows {
            for column in 0..<columns {
                guard let character = at(row, column), "┐└┘".contains(character), !claimed.contains([row, column]) else { continue }
                problems.append("a \(character) at \(row),\(column) belongs to no box")
            }
        }
        return (count, problems)
    }
}
