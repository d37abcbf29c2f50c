import XCTest

@testable import ViewModels

final class TextBufferTests: XCTestCase {
    func testTypingMovingAndDeletingByGrapheme() {
        var buffer = TextBuffer("Café 東京")
        XCTAssertEqual(buffer.cursor, 7)
        buffer.deleteBackward()
        XCTAssertEqual(buffer.text, "Café 東")
        buffer.moveToLineStart()
        buffer.moveRight()
        buffer.moveRight()
        buffer.moveRight()
        buffer.deleteForward()
        XCTAssertEqual(buffer.text, "Caf 東", "é (e + combining accent or one scalar) goes as one")
        buffer.insert("🇫🇷")
        XCTAssertEqual(buffer.text, "Caf🇫🇷 東")
        buffer.moveLeft()
        buffer.deleteForward()
        XCTAssertEqual(buffer.text, "Caf 東", "a flag is one character")
        var decomposed = TextBuffer("e\u{301}x")
        decomposed.moveLeft()
        decomposed.deleteBackward()
        XCTAssertEqual(decomposed.text, "x")
    }

    func testWordJumpsAndLineKeys() {
        var buffer = TextBuffer("PROFILE(contact).FILTER(ISNULL(x))")
        buffer.moveWordLeft()
        XCTAssertEqual(buffer.cursor, 31, "to the start of x")
        buffer.moveWordLeft()
        XCTAssertEqual(buffer.cursor, 24, "to the start of ISNULL")
        buffer.moveToLineStart()
        buffer.moveWordRight()
        XCTAssertEqual(buffer.cursor, 7, "to the end of PROFILE")
        XCTAssertTrue(buffer.handle(.wordRight))
        XCTAssertEqual(buffer.cursor, 15)
        XCTAssertTrue(buffer.handle(.end))
        XCTAssertEqual(buffer.cursor, buffer.characters.count)
        XCTAssertTrue(buffer.handle(.control("w")))
        XCTAssertEqual(buffer.text, "PROFILE(contact).FILTER(ISNULL(", "Ctrl-W deletes the word before")
    }

    func testMultiLineUpDownKeepTheColumnAndSingleLineFlattensPastes() {
        var query = TextBuffer("abcdef\nxy\nlonger line", multiline: true)
        XCTAssertEqual(query.cursorLocation.line, 2)
        XCTAssertTrue(query.moveUp())
        XCTAssertEqual(query.cursorLocation.line, 1)
        XCTAssertEqual(query.cursorLocation.column, 2, "clamped to the shorter line")
        XCTAssertTrue(query.moveUp())
        XCTAssertEqual(query.cursorLocation.column, 2)
        XCTAssertFalse(query.moveUp(), "the first line hands Up to the caller")
        XCTAssertTrue(query.handle(.enter))
        XCTAssertEqual(query.lines, ["ab", "cdef", "xy", "longer line"])

        var name = TextBuffer(maxLength: 10)
        XCTAssertFalse(name.handle(.enter), "Enter is not text in a one-line field")
        name.insert("one\r\ntwo\tthree four")
        XCTAssertEqual(name.text, "one two th", "line breaks become spaces and the limit holds")
    }

    func testUndoRedoCoalescesTyping() {
        var buffer = TextBuffer()
        for c in "hello" { _ = buffer.handle(.character(c)) }
        _ = buffer.handle(.character(" "))
        for c in "world" { _ = buffer.handle(.character(c)) }
        XCTAssertEqual(buffer.text, "hello world")
        buffer.undo()
        XCTAssertEqual(buffer.text, "hello ", "one undo takes back the last word")
        buffer.undo()
        XCTAssertEqual(buffer.text, "hello")
        buffer.redo()
        buffer.redo()
        XCTAssertEqual(buffer.text, "hello world")
        XCTAssertTrue(buffer.handle(.text("!!")))
        buffer.deleteBackward()
        buffer.undo()
        XCTAssertEqual(buffer.text, "hello world!!")
        buffer.undo()
        XCTAssertEqual(buffer.text, "hello world", "a paste is one step")
        XCTAssertTrue(buffer.canRedo)
        buffer.insert("?")
        XCTAssertFalse(buffer.canRedo, "a new edit clears redo")
    }
}
