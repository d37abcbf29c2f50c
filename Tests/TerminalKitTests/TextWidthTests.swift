import XCTest
@testable import TerminalKit

final class TextWidthTests: XCTestCase {
    func testASCIIIsOneColumnPerCharacter() {
        XCTAssertEqual(TextWidth.of(""), 0)
        XCTAssertEqual(TextWidth.of("Contacts in Seattle"), 19)
        XCTAssertEqual("abc".displayWidth, 3)
    }

    func testAccentsTakeOneColumnComposedOrDecomposed() {
        let composed = "Cr\u{E8}me br\u{FB}l\u{E9}e"
        let decomposed = "Cre\u{300}me bru\u{302}le\u{301}e"
        XCTAssertEqual(TextWidth.of(composed), 12)
        XCTAssertEqual(TextWidth.of(decomposed), 12)
        XCTAssertEqual(TextWidth.of(Character("e\u{301}")), 1)
        XCTAssertEqual(TextWidth.of(Unicode.Scalar(0x301)!), 0)
    }

    func testCJKAndJapaneseAreTwoColumns() {
        XCTAssertEqual(TextWidth.of("日本"), 4)
        XCTAssertEqual(TextWidth.of("東京の顧客"), 10)
        XCTAssertEqual(TextWidth.of("カタカナ"), 8)
        XCTAssertEqual(TextWidth.of("ａｂ"), 4, "fullwidth Latin")
        XCTAssertEqual(TextWidth.of("VIP 顧客 2024"), 13)
        XCTAssertEqual(TextWidth.of("ｶﾀｶﾅ"), 4, "halfwidth katakana")
    }

    func testBasicEmojiAreTwoColumns() {
        XCTAssertEqual(TextWidth.of("😀"), 2)
        XCTAssertEqual(TextWidth.of("ok 🚀"), 5)
    }

    func testControlCharactersCountAsTheirCaretForm() {
        XCTAssertEqual(TextWidth.of("\u{1B}"), 2, "^[")
        XCTAssertEqual(TextWidth.of("a\u{7}b"), 4, "a^Gb")
        XCTAssertEqual(TextWidth.of("\u{7F}"), 2, "^?")
        XCTAssertEqual(TextWidth.of("\u{9B}"), 4, "M-^[")
        XCTAssertEqual(TextWidth.of("\t"), 2)
        // Measured widths are what the sanitised text really takes.
        for text in ["\u{1B}[31mred", "x\u{9B}2J", "tab\there", "\u{0}\u{1F}\u{7F}"] {
            XCTAssertEqual(TextWidth.of(text), TextWidth.of(Sanitizer.canvas(text)), text.debugDescription)
        }
    }

    func testUnprintableScalarsCountAsTheReplacementCharacter() {
        XCTAssertEqual(TextWidth.of("\u{FFFE}"), 1)
        XCTAssertEqual(TextWidth.of("\u{378}"), 1, "unassigned")
    }

    func testClipKeepsWholeCharacters() {
        XCTAssertEqual(TextWidth.clip("Segment name", toWidth: 7), "Segment")
        XCTAssertEqual(TextWidth.clip("日本語", toWidth: 5), "日本", "the third would straddle the edge")
        XCTAssertEqual(TextWidth.clip("日本語", toWidth: 1), "")
        XCTAssertEqual(TextWidth.clip("a日", toWidth: 2), "a")
        XCTAssertEqual(TextWidth.clip("e\u{301}tude", toWidth: 1), "e\u{301}", "the accent stays with its letter")
        XCTAssertEqual(TextWidth.clip("short", toWidth: 40), "short")
        XCTAssertEqual(TextWidth.clip("anything", toWidth: 0), "")
        XCTAssertEqual(TextWidth.clip("anything", toWidth: -3), "")
    }

    func testClipNeverExceedsTheWidthAndNeverSplitsAWideCharacter() {
        let samples = ["日本語テキスト", "a日b本c", "😀x😀", "Crème brûlée", "ｱｲｳ漢字abc", "e\u{301}\u{302}x"]
        for sample in samples {
            for width in 0...16 {
                let clipped = TextWidth.clip(sample, toWidth: width)
                XCTAssertLessThanOrEqual(TextWidth.of(clipped), width, "\(sample) at \(width)")
                XCTAssertTrue(sample.hasPrefix(clipped), "\(sample) at \(width)")
                // Taking one more character would not have fitted.
                if clipped.count < sample.count {
                    let next = sample[sample.index(sample.startIndex, offsetBy: clipped.count)]
                    XCTAssertGreaterThan(TextWidth.of(clipped) + TextWidth.of(next), width)
                }
            }
        }
    }

    func testPadMakesTextExactlyTheWidth() {
        XCTAssertEqual(TextWidth.pad("ab", toWidth: 4), "ab  ")
        XCTAssertEqual(TextWidth.pad("42", toWidth: 5, alignment: .trailing), "   42")
        XCTAssertEqual(TextWidth.pad("日本語", toWidth: 5), "日本 ", "a space where the wide character did not fit")
        XCTAssertEqual(TextWidth.pad("日本", toWidth: 4), "日本")
        XCTAssertEqual(TextWidth.pad("toolong", toWidth: 3), "too")
        XCTAssertEqual(TextWidth.of(TextWidth.pad("Café ☕ 東京", toWidth: 9)), 9)
    }

    func testTruncateAddsAnEllipsisOnlyWhenCut() {
        XCTAssertEqual(TextWidth.truncate("Contacts", toWidth: 8), "Contacts")
        XCTAssertEqual(TextWidth.truncate("Contacts in Seattle", toWidth: 8), "Contact…")
        XCTAssertEqual(TextWidth.truncate("Contacts in Seattle", toWidth: 8, ellipsis: "~"), "Contact~")
        XCTAssertEqual(TextWidth.truncate("日本語テキスト", toWidth: 6), "日本…", "5 columns used; the 6th cannot hold half a character")
        XCTAssertEqual(TextWidth.truncate("abc", toWidth: 1), "…", "no room for text and mark: the mark says text is missing")
        XCTAssertEqual(TextWidth.truncate("abcdef", toWidth: 2, ellipsis: "..."), "..")
        XCTAssertEqual(TextWidth.truncate("abc", toWidth: 0), "")
    }
}
