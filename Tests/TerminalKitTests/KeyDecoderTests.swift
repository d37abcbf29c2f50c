import CNCurses
import Keys
import XCTest
@testable import TerminalKit

final class KeyDecoderTests: XCTestCase {
    private func character(_ scalar: UInt32) -> Key { KeyDecoder.decode(code: scalar, isKeyCode: false) }
    private func keyCode(_ code: Int32) -> Key { KeyDecoder.decode(code: UInt32(bitPattern: code), isKeyCode: true) }

    func testPrintableCharacters() {
        XCTAssertEqual(character(0x71), .character("q"))
        XCTAssertEqual(character(0x20), .character(" "))
        XCTAssertEqual(character(0xE9), .character("é"))
        XCTAssertEqual(character(0x65E5), .character("日"))
        XCTAssertEqual(character(0x1F600), .character("😀"))
    }

    func testControlKeys() {
        XCTAssertEqual(character(0x03), .control("c"), "Ctrl-C arrives as a key in raw mode")
        XCTAssertEqual(character(0x01), .control("a"))
        XCTAssertEqual(character(0x1A), .control("z"))
        XCTAssertEqual(character(0x09), .tab)
        XCTAssertEqual(character(0x0D), .enter)
        XCTAssertEqual(character(0x0A), .enter)
        XCTAssertEqual(character(0x1B), .escape)
        XCTAssertEqual(character(0x7F), .backspace)
        XCTAssertEqual(character(0x08), .backspace)
        XCTAssertEqual(character(0x00), .unknown(0))
        XCTAssertEqual(character(0x1C), .unknown(0x1C))
        XCTAssertEqual(character(0x9B), .unknown(0x9B), "a C1 control is not a character to type")
    }

    func testInvalidScalarsAreUnknown() {
        XCTAssertEqual(character(0xD800), .unknown(0xD800))
        XCTAssertEqual(character(0x110000), .unknown(0x110000))
    }

    func testFunctionKeyCodes() {
        XCTAssertEqual(keyCode(tk_key_up()), .up)
        XCTAssertEqual(keyCode(tk_key_down()), .down)
        XCTAssertEqual(keyCode(tk_key_left()), .left)
        XCTAssertEqual(keyCode(tk_key_right()), .right)
        XCTAssertEqual(keyCode(tk_key_home()), .home)
        XCTAssertEqual(keyCode(tk_key_end()), .end)
        XCTAssertEqual(keyCode(tk_key_ppage()), .pageUp)
        XCTAssertEqual(keyCode(tk_key_npage()), .pageDown)
        XCTAssertEqual(keyCode(tk_key_a1()), .home)
        XCTAssertEqual(keyCode(tk_key_c1()), .end)
        XCTAssertEqual(keyCode(tk_key_a3()), .pageUp)
        XCTAssertEqual(keyCode(tk_key_c3()), .pageDown)
        XCTAssertEqual(keyCode(tk_key_enter()), .enter)
        XCTAssertEqual(keyCode(tk_key_backspace()), .backspace)
        XCTAssertEqual(keyCode(tk_key_dc()), .delete)
        XCTAssertEqual(keyCode(tk_key_ic()), .insert)
        XCTAssertEqual(keyCode(tk_key_btab()), .backTab)
        XCTAssertEqual(keyCode(tk_key_resize()), .resize)
        XCTAssertEqual(keyCode(tk_key_f(1)), .function(1))
        XCTAssertEqual(keyCode(tk_key_f(12)), .function(12))
        XCTAssertEqual(keyCode(tk_key_f0()), .unknown(tk_key_f0()), "F0 is not a key")
    }

    func testAKeyCodeIsNeverMistakenForACharacter() {
        // KEY_UP's value is also a valid scalar (U+0103, ă); only isKeyCode tells them apart.
        let code = UInt32(tk_key_up())
        XCTAssertEqual(KeyDecoder.decode(code: code, isKeyCode: false), .character(Character(Unicode.Scalar(code)!)))
        XCTAssertEqual(KeyDecoder.decode(code: code, isKeyCode: true), .up)
    }

    func testCombiningMarksJoinTheCharacterBefore() {
        var keys: [Key] = []
        for code: UInt32 in [0x65, 0x301, 0x78, 0x301] {
            KeyDecoder.append(character(code), to: &keys)
        }
        XCTAssertEqual(keys, [.character("é"), .character("x\u{301}")])

        var separate: [Key] = []
        for key in [Key.character("a"), .character("b"), .escape, .character("\u{301}")] {
            KeyDecoder.append(key, to: &separate)
        }
        XCTAssertEqual(separate, [.character("a"), .character("b"), .escape, .character("\u{301}")])
    }
}
