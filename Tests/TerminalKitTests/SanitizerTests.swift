import XCTest
@testable import TerminalKit

final class SanitizerTests: XCTestCase {
    func testEscapeSequencesAreShownNotExecuted() {
        let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{7}\u{1B}[31mred"
        let clean = Sanitizer.standard(hostile)
        XCTAssertEqual(clean, "^[[2J^[]0;pwned^G^[[31mred")
        XCTAssertFalse(clean.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) })
    }

    func testC1ControlsAndDeleteAreShownInMetaNotation() {
        XCTAssertEqual(Sanitizer.standard("a\u{9B}31mb"), "aM-^[31mb", "8-bit CSI")
        XCTAssertEqual(Sanitizer.standard("\u{90}x\u{9C}"), "M-^Px" + "M-^\\")
        XCTAssertEqual(Sanitizer.standard("del\u{7F}"), "del^?")
        XCTAssertEqual(Sanitizer.standard("nul\u{0}"), "nul^@")
    }

    func testLineBreaksAndTabsAsSpacesOrVisible() {
        XCTAssertEqual(Sanitizer.standard("one\ntwo\r\nthree\rfour\tfive"), "one two three four five")
        let visible = Sanitizer(lineBreaks: .visible, tabs: .visible)
        XCTAssertEqual(visible("one\ntwo\r\nthree\tfour"), "one^Jtwo^M^Jthree^Ifour")
        let mixed = Sanitizer(lineBreaks: .visible, tabs: .space)
        XCTAssertEqual(mixed("a\tb\nc"), "a b^Jc")
        XCTAssertEqual(Sanitizer.standard("para\u{2028}graph\u{2029}end\u{85}x"), "para graph end x")
    }

    func testBidiControlsAreRemoved() {
        // "Trojan source": an override that would draw "txt.exe" as "exe.txt".
        XCTAssertEqual(Sanitizer.standard("invoice\u{202E}txt.exe"), "invoicetxt.exe")
        let all: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
        let text = "a" + String(String.UnicodeScalarView(all.map { Unicode.Scalar($0)! })) + "b"
        XCTAssertEqual(Sanitizer.standard(text), "ab")
    }

    func testNormalUnicodeIsKept() {
        for text in ["Crème brûlée", "Cre\u{300}me", "東京の顧客", "カタカナ ひらがな", "Ünïcödé ß", "😀 🚀", "Ελληνικά", "עברית", "العربية", "👍"] {
            XCTAssertEqual(Sanitizer.standard(text), text)
        }
    }

    func testUnstableEmojiSequencesAreSimplified() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        XCTAssertEqual(Sanitizer.standard(family), "\u{1F468}\u{1F469}\u{1F467}")
        XCTAssertEqual(Sanitizer.standard("\u{2764}\u{FE0F}"), "\u{2764}")
        XCTAssertEqual(Sanitizer.standard("\u{1F44D}\u{1F3FD}"), "\u{1F44D}")
        XCTAssertEqual(Sanitizer(simplifiesEmoji: false)(family), family)
        // A joiner between letters of a script that uses it is kept.
        XCTAssertEqual(Sanitizer.standard("\u{0915}\u{094D}\u{200D}\u{0937}"), "\u{0915}\u{094D}\u{200D}\u{0937}")
    }

    func testUnprintableScalarsBecomeTheReplacementCharacter() {
        XCTAssertEqual(Sanitizer.standard("a\u{FFFF}b\u{378}c"), "a\u{FFFD}b\u{FFFD}c")
    }

    func testInvalidUTF8BecomesTheReplacementCharacter() {
        let bytes: [UInt8] = [0x61, 0xC3, 0x28, 0x62, 0xED, 0xA0, 0x80, 0x1B, 0x5B, 0x41]
        let clean = Sanitizer.standard.sanitize(utf8: bytes)
        XCTAssertTrue(clean.hasPrefix("a\u{FFFD}(b"), clean)
        XCTAssertTrue(clean.hasSuffix("^[[A"), clean)
        XCTAssertFalse(clean.contains("\u{1B}"))
    }

    func testASCIIModeFoldsAccentsAndReplacesTheRest() {
        let ascii = Sanitizer(asciiOnly: true)
        XCTAssertEqual(ascii("Crème brûlée"), "Creme brulee")
        XCTAssertEqual(ascii("Cre\u{300}me"), "Creme")
        XCTAssertEqual(ascii("東京 VIP"), "?? VIP")
        XCTAssertEqual(ascii("esc\u{1B}[1m"), "esc^[[1m")
        XCTAssertEqual(ascii("a\u{202E}b"), "ab")
        XCTAssertTrue(ascii("Ωμέγα 😀 ½").unicodeScalars.allSatisfy { $0.isASCII })
    }

    func testASCIIModeDrawsThePanesSymbolsAsLookAlikesOfTheSameWidth() {
        let ascii = Sanitizer(asciiOnly: true)
        XCTAssertEqual(ascii("▸ Name · ✗ bad • +2 −1 – ↓"), "> Name - x bad * +2 -1 - v")
        for (symbol, look) in Sanitizer.asciiSymbols {
            XCTAssertEqual(TextWidth.of(String(symbol)), TextWidth.of(String(look)), "\(symbol) keeps its width")
        }
    }

    func testSanitisingTwiceChangesNothingMore() {
        let samples = ["\u{1B}[31m", "a\nb\tc", "Crème \u{202E}x", "東京😀", "\u{9B}"]
        for sanitizer in [Sanitizer.standard, Sanitizer.canvas, Sanitizer(asciiOnly: true)] {
            for sample in samples {
                let once = sanitizer(sample)
                XCTAssertEqual(sanitizer(once), once, sample.debugDescription)
            }
        }
    }
}
