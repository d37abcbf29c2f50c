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
}
