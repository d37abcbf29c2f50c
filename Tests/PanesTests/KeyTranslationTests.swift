import TerminalKit
import XCTest

@testable import Panes
@testable import ViewModels

final class KeyTranslationTests: XCTestCase {
    func testSequencesNcursesLeftUndecodedBecomeKeys() {
        let keys: [Key] = [.escape, .character("["), .character("4"), .character("~"), .character("x"),
                           .escape, .character("b"), .escape, .character("["), .character("1"), .character(";"),
                           .character("5"), .character("C"), .escape]
        XCTAssertEqual(KeyTranslation.chords(for: keys), [.end, .character("x"), .wordLeft, .wordRight, .escape])
        XCTAssertEqual(KeyTranslation.chords(for: [.controlLeft, .controlRight]), [.wordLeft, .wordRight])
        XCTAssertEqual(KeyTranslation.chords(for: [.escape, .character("q")]), [.escape, .character("q")],
                       "Esc then an ordinary key stays two keys")
    }

    func testAMouseReportNcursesCouldNotDecodeIsDroppedWhole() {
        let report: [Key] = [.escape] + "[<0;12;7m".map { Key.character($0) }
        XCTAssertEqual(KeyTranslation.chords(for: report + [.character("j")]), [.character("j")],
                       "its final m must not open the members")
        let notAReport: [Key] = [.escape] + "[<0;x".map { Key.character($0) }
        XCTAssertEqual(KeyTranslation.chords(for: notAReport).first, .escape, "anything else is left as it was")
    }
}
