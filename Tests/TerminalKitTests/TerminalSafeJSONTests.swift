import Foundation
import XCTest
@testable import TerminalKit

final class TerminalSafeJSONTests: XCTestCase {
    func testControlsAreEscapedAndTheJSONStaysExact() throws {
        let hostile = "a\u{1B}]0;t\u{07}b\u{9B}31m\u{9D}c\u{7F}d\u{202E}e\u{2028}f 東京 é"
        let encoded = String(decoding: try JSONEncoder().encode([hostile]), as: UTF8.self)
        let safe = TerminalSafeJSON.escape(encoded)
        for scalar in safe.unicodeScalars {
            XCTAssertFalse(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x202E || scalar.value == 0x2028,
                           "raw U+\(String(scalar.value, radix: 16)) in \(safe.debugDescription)")
        }
        XCTAssertTrue(safe.contains("\\u009b") && safe.contains("\\u009d") && safe.contains("\\u007f") && safe.contains("\\u202e"), safe)
        XCTAssertTrue(safe.contains("東京 é"), "printable text is kept as it is")
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(safe.utf8)), [hostile], "decodes to the same string")
    }

    func testPlainJSONIsUntouched() {
        XCTAssertEqual(TerminalSafeJSON.escape(#"{"name":"Ana","n":1}"#), #"{"name":"Ana","n":1}"#)
    }
}
