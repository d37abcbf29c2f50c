import TerminalKit
import XCTest

@testable import Panes
@testable import ViewModels

final class TextFieldViewTests: XCTestCase {
    private func render(_ buffer: TextBuffer, focused: Bool = true, rows: Int = 3, columns: Int = 10) -> GridCanvas {
        let canvas = GridCanvas(rows: rows, columns: columns)
        TextFieldView(buffer: buffer, isFocused: focused, theme: Theme(colors: .monochrome, ascii: false))
            .draw(on: canvas, in: Rect(row: 0, column: 0, rows: rows, columns: columns))
        return canvas
    }

    func testLongLinesOfAMultiLineFieldWrapAndTheCursorRowStaysInView() {
        var query = TextBuffer("PROFILE(contact).FILTER(x)", multiline: true)
        let canvas = render(query, rows: 2)
        XCTAssertEqual(canvas.lines(), ["ontact).F", "ILTER(x)"], "rows of nine, the cursor row last in view")
        XCTAssertEqual(canvas.style(row: 1, column: 8)?.reverse, true, "the cursor after the text")
        query.moveToLineStart()
        let top = render(query, rows: 2)
        XCTAssertEqual(top.lines(), ["PROFILE(c", "ontact).F"])
        XCTAssertEqual(top.style(row: 0, column: 0)?.reverse, true, "the cursor on P")
    }

    func testWrapBreaksAtSpacesWhenItCan() {
        let buffer = TextBuffer("ab cd efghijklmnop", multiline: true)
        XCTAssertEqual(render(buffer, focused: false, rows: 3, columns: 7).lines(), ["ab cd", "efghij", "klmnop"])
    }

    func testWideCharactersWrapWhole() {
        let buffer = TextBuffer("東京都千代田区", multiline: true)
        let canvas = render(buffer, focused: false, columns: 7)
        XCTAssertEqual(canvas.lines(), ["東京都", "千代田", "区"])
    }

    func testAOneLineFieldScrollsSidewaysToTheCursor() {
        var name = TextBuffer("Événements Lyon 2026")
        XCTAssertEqual(render(name, rows: 1).lines(), ["Lyon 2026"])
        name.moveToLineStart()
        XCTAssertEqual(render(name, rows: 1).lines(), ["Événements"])
        name.moveToLineEnd()
        name.moveWordLeft()
        XCTAssertEqual(render(name, rows: 1).lines(), ["nts Lyon 2"], "scrolled just enough for the cursor on 2026")
        XCTAssertEqual(render(name, focused: false, rows: 1).lines(), ["Événements"], "unfocused: from the start")
    }
}
