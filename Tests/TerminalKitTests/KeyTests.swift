import Keys
import XCTest

final class KeyTests: XCTestCase {
    /// What the terminal decodes goes to the key map as it is, less the events no one binds.
    func testOnlyBindableKeysReachTheKeyMap() {
        XCTAssertEqual([Key.wordLeft, .wordRight].filter(\.isBindable), [.wordLeft, .wordRight])
        XCTAssertEqual([Key.escape, .character("q")].filter(\.isBindable), [.escape, .character("q")],
                       "Esc then an ordinary key stays two keys")
        XCTAssertEqual([Key.resize, .mouse(MouseEvent(.press, row: 1, column: 1)), .end].filter(\.isBindable), [.end],
                       "events that are not keys have no chord")
    }
}
