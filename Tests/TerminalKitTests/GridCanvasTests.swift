import XCTest
@testable import TerminalKit

final class GridCanvasTests: XCTestCase {
    func testDrawsTextAtRowAndColumn() {
        let grid = GridCanvas(rows: 3, columns: 10)
        XCTAssertEqual(grid.draw("Segments", row: 0, column: 1), 8)
        grid.draw("42", row: 2, column: 8)
        XCTAssertEqual(grid.lines(), [" Segments", "", "        42"])
        XCTAssertEqual(grid.text, " Segments\n\n        42")
        XCTAssertEqual(grid.lines(trimmingTrailingSpaces: false)[1], String(repeating: " ", count: 10))
    }

    func testClipsAtTheRightEdgeAndAtTheGivenWidth() {
        let grid = GridCanvas(rows: 2, columns: 8)
        XCTAssertEqual(grid.draw("overflowing text", row: 0, column: 3), 5)
        XCTAssertEqual(grid.draw("abcdef", row: 1, column: 0, width: 3, style: .plain), 3)
        XCTAssertEqual(grid.lines(), ["   overf", "abc"])
    }

    func testAWideCharacterThatDoesNotFitAtTheEdgeIsLeftOut() {
        let grid = GridCanvas(rows: 2, columns: 6)
        XCTAssertEqual(grid.draw("日本語", row: 0, column: 1), 4, "日本 fits in 5 columns, 語 would straddle the edge")
        XCTAssertEqual(grid.lines(trimmingTrailingSpaces: false)[0], " 日本 ")
        XCTAssertEqual(grid.cell(row: 0, column: 5)?.isContinuation, false)
        XCTAssertEqual(grid.draw("ab語", row: 1, column: 0, width: 3, style: .plain), 2)
        XCTAssertEqual(grid.lines()[1], "ab")
    }

    func testAWideCharacterTakesTwoCells() {
        let grid = GridCanvas(rows: 1, columns: 6)
        grid.draw("a東b", row: 0, column: 0)
        XCTAssertEqual(grid.cell(row: 0, column: 1)?.character, "東")
        XCTAssertEqual(grid.cell(row: 0, column: 1)?.isContinuation, false)
        XCTAssertEqual(grid.cell(row: 0, column: 2)?.isContinuation, true)
        XCTAssertEqual(grid.cell(row: 0, column: 3)?.character, "b")
        XCTAssertEqual(grid.text, "a東b")
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        let grid = GridCanvas(rows: 2, columns: 6)
        grid.draw("日本", row: 0, column: 0)
        grid.draw("x", row: 0, column: 1)
        XCTAssertEqual(grid.lines()[0], " x本")
        grid.draw("日本", row: 1, column: 0)
        grid.draw("y", row: 1, column: 2)
        XCTAssertEqual(grid.lines()[1], "日y")
        XCTAssertEqual(grid.cell(row: 1, column: 3)?.isContinuation, false)
        grid.draw("語", row: 1, column: 1)
        XCTAssertEqual(grid.lines()[1], " 語")
    }

    func testStylesAreReadablePerCell() {
        let grid = GridCanvas(rows: 2, columns: 10)
        grid.fill(row: 0, column: 0, width: 10, style: .statusBar)
        grid.draw("Err", row: 0, column: 2, width: nil, style: .error)
        grid.draw("選択", row: 1, column: 0, width: nil, style: .selection)
        XCTAssertEqual(grid.style(row: 0, column: 0), .statusBar)
        XCTAssertEqual(grid.style(row: 0, column: 2), .error)
        XCTAssertEqual(grid.style(row: 0, column: 5), .statusBar)
        XCTAssertEqual(grid.style(row: 1, column: 1), .selection, "a continuation cell has its character's style")
        XCTAssertEqual(grid.style(row: 1, column: 4), .plain)
        XCTAssertNil(grid.style(row: 2, column: 0))
        let marks = grid.styleLines { style in
            switch style.role {
            case .error: return "E"
            case .statusBar: return "S"
            case .selection: return "#"
            default: return "."
            }
        }
        XCTAssertEqual(marks, ["SSEEESSSSS", "####......"])
    }

    func testEraseBlanksEverything() {
        let grid = GridCanvas(rows: 2, columns: 4)
        grid.draw("abcd", row: 0, column: 0, width: nil, style: .header)
        grid.draw("東京", row: 1, column: 0)
        grid.erase()
        XCTAssertEqual(grid.lines(), ["", ""])
        XCTAssertEqual(grid.style(row: 0, column: 0), .plain)
        XCTAssertEqual(grid.cell(row: 1, column: 1)?.isContinuation, false)
    }

    func testPresentCountsFrames() {
        let grid = GridCanvas(rows: 1, columns: 1)
        XCTAssertEqual(grid.frameCount, 0)
        grid.present()
        grid.present()
        XCTAssertEqual(grid.frameCount, 2)
    }

    func testOutOfBoundsDrawsNothing() {
        let grid = GridCanvas(rows: 2, columns: 4)
        XCTAssertEqual(grid.draw("x", row: 2, column: 0), 0)
        XCTAssertEqual(grid.draw("x", row: -1, column: 0), 0)
        XCTAssertEqual(grid.draw("x", row: 0, column: 4), 0)
        XCTAssertEqual(grid.draw("x", row: 0, column: -1), 0)
        XCTAssertEqual(grid.draw("x", row: 0, column: 0, width: 0, style: .plain), 0)
        XCTAssertEqual(grid.text, "\n")
    }

    func testHostileTextNeverLeavesItsRowOrRange() {
        let grid = GridCanvas(rows: 3, columns: 12)
        grid.draw("left|", row: 1, column: 0)
        grid.draw("|right", row: 1, column: 6)
        let drawn = grid.draw("\u{301}a\nb\u{1B}[2J\u{202E}", row: 1, column: 5, width: 1, style: .plain)
        XCTAssertEqual(drawn, 1)
        XCTAssertEqual(grid.lines(), ["", "left|a|right", ""])
        grid.draw("x\ty\u{7}", row: 0, column: 0)
        XCTAssertEqual(grid.lines()[0], "x^Iy^G")
    }

    func testZeroWidthClustersDoNotMergeIntoNeighbours() {
        let grid = GridCanvas(rows: 1, columns: 6)
        grid.draw("ab", row: 0, column: 0)
        XCTAssertEqual(grid.draw("\u{301}\u{200B}c", row: 0, column: 2), 1)
        XCTAssertEqual(grid.cell(row: 0, column: 1)?.character, "b")
        XCTAssertEqual(grid.text, "abc")
    }

    func testDecomposedAccentsStayInTheirCell() {
        let grid = GridCanvas(rows: 1, columns: 8)
        XCTAssertEqual(grid.draw("Cre\u{300}me", row: 0, column: 0), 5)
        XCTAssertEqual(grid.cell(row: 0, column: 2)?.character, "e\u{300}")
        XCTAssertEqual(grid.cell(row: 0, column: 3)?.character, "m")
    }

    func testASCIIGridShowsWhatAnASCIITerminalShows() {
        let grid = GridCanvas(rows: 1, columns: 20, asciiOnly: true)
        grid.draw("Crème 東京", row: 0, column: 0)
        XCTAssertEqual(grid.text, "Creme ??")
    }

    func testResizeChangesTheSizeAndBlanks() {
        let grid = GridCanvas(rows: 2, columns: 4)
        grid.draw("abcd", row: 0, column: 0)
        grid.resize(to: Size(rows: 3, columns: 2))
        XCTAssertEqual(grid.size, Size(rows: 3, columns: 2))
        XCTAssertEqual(grid.lines(), ["", "", ""])
        XCTAssertEqual(grid.draw("xyz", row: 2, column: 0), 2)
    }
}
