import TerminalKit
import XCTest

@testable import Panes
@testable import ViewModels

final class KeyTranslationTests: XCTestCase {
    func testTerminalKeysBecomeTheKeyMapsChords() {
        XCTAssertEqual(KeyTranslation.chords(for: [.controlLeft, .controlRight]), [.wordLeft, .wordRight])
        XCTAssertEqual(KeyTranslation.chords(for: [.escape, .character("q")]), [.escape, .character("q")],
                       "Esc then an ordinary key stays two keys")
        XCTAssertEqual(KeyTranslation.chords(for: [.resize, .mouse(MouseEvent(.press, row: 1, column: 1)), .end]), [.end],
                       "events that are not keys have no chord")
    }
}
