import Keys
import XCTest
@testable import TerminalKit

/// Sequences ncurses left undecoded, folded by the session before anyone sees the keys.
final class EscapeSequencesTests: XCTestCase {
    func testSequencesNcursesLeftUndecodedBecomeKeys() {
        let keys: [Key] = [.escape, .character("["), .character("4"), .character("~"), .character("x"),
                           .escape, .character("b"), .escape, .character("["), .character("1"), .character(";"),
                           .character("5"), .character("C"), .escape]
        XCTAssertEqual(EscapeSequences.fold(keys), [.end, .character("x"), .wordLeft, .wordRight, .escape])
        XCTAssertEqual(EscapeSequences.fold([.escape, .character("q")]), [.escape, .character("q")],
                       "Esc then an ordinary key stays two keys")
    }

    func testAMouseReportNcursesCouldNotDecodeIsDroppedWhole() {
        let report: [Key] = [.escape] + "[<0;12;7m".map { Key.character($0) }
        XCTAssertEqual(EscapeSequences.fold(report + [.character("j")]), [.character("j")],
                       "its final m must not open the members")
        let notAReport: [Key] = [.escape] + "[<0;x".map { Key.character($0) }
        XCTAssertEqual(EscapeSequences.fold(notAReport).first, .escape, "anything else is left as it was")
    }
}
