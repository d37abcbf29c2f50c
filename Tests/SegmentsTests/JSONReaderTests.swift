import Dataverse
import Foundation
import XCTest

/// `JSONValue.parse` reads with its own reader (JSONReader): it must give what Foundation's
/// JSONDecoder gives for the same text, and refuse what it refuses.
final class JSONReaderTests: XCTestCase {
    private func decoded(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private func parsed(_ text: String) -> JSONValue? {
        try? JSONValue.parse(Data(text.utf8))
    }

    func testValidTextReadsAsJSONDecoderReadsIt() throws {
        let corpus = [
            #"{"@odata.context":"x","value":[{"a":1,"b":-2.5e3,"c":true,"d":false,"e":null,"f":"g"}],"@odata.count":2}"#,
            #"{"Response":"{\"entityIds\":[\"0b1c\",\"ffee\"],\"additionalProperties\":{}}"}"#,
            #"["\u00e9\u4e2d\ud83d\ude00", "tab\there", "nl\nq\"b\\s\/", "\b\f\r", "é中😀", ""]"#,
            #" [ 0 , -0 , 1.0 , 12345678901234567890 , 1E2 , 2e-3 , 0.5 , -123456789012345 , 9007199254740993 ] "#,
            #"{"a":{"b":{"c":[[],{},[{}]]}}, "k":"v", "k":"last"}"#,
            #""just a string""#, "42", "true", "null",
            // JSONDecoder lets a trailing comma close an array or an object.
            "[1,]", #"{"a":1, }"#,
        ]
        for text in corpus {
            let expected = try XCTUnwrap(decoded(text), "JSONDecoder reads \(text)")
            XCTAssertEqual(parsed(text), expected, text)
        }
        XCTAssertEqual(parsed(#"{"k":"first","k":"v"}"#)?["k"], .string("first"), "a repeated key keeps its first value")
        XCTAssertEqual(parsed(#""\ud83d\ude00""#), .string("😀"), "a surrogate pair is one character")
    }

    func testInvalidTextIsRefusedAsJSONDecoderRefusesIt() {
        let corpus = [
            "", " ", "{", "[,]", "{,}", "[1,,]", "[1 2]", #"{"a" 1}"#, #"{a:1}"#, "01", "1.", ".5", "-", "+1", "1e", "1e+",
            "tru", "nul", "[true false]", #""unterminated"#, "\"raw\u{01}control\"", #""\x""#, #""\u12""#, #""\uZZZZ""#,
            #""\ud83d""#, #""\ude00""#, #""\ud83dx""#, "[] []", "{}x", "NaN", "Infinity", "[1e400]",
        ]
        for text in corpus {
            XCTAssertNil(decoded(text), "JSONDecoder refuses \(text.debugDescription)")
            XCTAssertNil(parsed(text), "refused: \(text.debugDescription)")
        }
        XCTAssertNil(try? JSONValue.parse(Data([0x22, 0xFF, 0xFE, 0x22])), "invalid UTF-8 in a string")
        XCTAssertThrowsError(try JSONValue.parse(Data("{\"a\":".utf8))) { error in
            XCTAssertTrue("\(error)".contains("not valid JSON"), "\(error)")
        }
    }

    /// A hostile body nested a million deep is refused, not a stack overflow.
    func testDeepNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        XCTAssertNil(parsed(deep))
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertNotNil(parsed(fine))
    }

    func testAByteOrderMarkBeforeTheValueIsSkipped() {
        XCTAssertEqual(try? JSONValue.parse(Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8))), .array([.number(1)]))
    }

    /// A ListGroupMembers page as the service writes it: 5,000 ids in a string in a string.
    func testAPageOfFiveThousandIdsReadsWhole() throws {
        let ids = (0..<5000).map { _ in UUID().uuidString.lowercased() }
        let inner = JSONValue.object(["entityIds": .array(ids.map(JSONValue.string)), "additionalProperties": .object([:])]).jsonData()
        let outer = JSONValue.object(["Response": .string(String(decoding: inner, as: UTF8.self))]).jsonData()
        let reply = try JSONValue.parse(outer)
        let read = try JSONValue.parse(Data(try XCTUnwrap(reply["Response"]?.stringValue).utf8))
        XCTAssertEqual(read["entityIds"]?.arrayValue?.compactMap(\.stringValue), ids)
        XCTAssertEqual(read, try JSONDecoder().decode(JSONValue.self, from: Data(try XCTUnwrap(reply["Response"]?.stringValue).utf8)))
    }
}
