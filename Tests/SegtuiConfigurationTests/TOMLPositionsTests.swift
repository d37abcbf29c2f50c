import Foundation
import SegtuiConfiguration
import XCTest

/// TOMLKit reads the file; the lines in messages come from the text. Multi-line strings and
/// arrays, inline tables and dotted keys must not move a key to the wrong line.
final class TOMLPositionsTests: XCTestCase {
    func testKeysKeepTheirLinesAcrossMultiLineValues() throws {
        let document = try TOMLDocument(parsing: """
            # settings
            [profiles.x]
            tokens = [
              "a",
              "b = 1",   # not a key
            ]
            note = \"\"\"
            [ui]
            url = "inside a string"
            \"\"\"
            url = "https://a.crm.dynamics.com"
            'page_size' = 10
            keys.list.quit = "q"
            """)
        XCTAssertEqual(document.lines["profiles.x.tokens"], 3)
        XCTAssertEqual(document.lines["profiles.x.note"], 7)
        XCTAssertEqual(document.lines["profiles.x.url"], 11)
        XCTAssertEqual(document.lines["profiles.x.page_size"], 12)
        XCTAssertEqual(document.lines["profiles.x.keys.list.quit"], 13)
        XCTAssertEqual(document.lines["profiles.x"], 2)
        XCTAssertNil(document["ui"], "a table header inside a string is text")
        XCTAssertEqual(document["profiles.x"]?["note"], .string("[ui]\nurl = \"inside a string\"\n"))
        XCTAssertEqual(document["profiles.x"]?["tokens"], .array([.string("a"), .string("b = 1")]))
    }

    func testASyntaxErrorNamesTheLineTOMLKitFoundItOn() {
        XCTAssertThrowsError(try TOMLDocument(parsing: "a = 1\nb = \"open\nc = 2\n")) { error in
            XCTAssertEqual((error as? TOMLDocument.ParseError)?.line, 2, "\(error)")
        }
        XCTAssertThrowsError(try TOMLDocument(parsing: "[ui]\nmouse = true\nmouse = false\n")) { error in
            XCTAssertEqual((error as? TOMLDocument.ParseError)?.line, 3, "\(error)")
        }
    }

    func testWhatAConfigurationNeverHoldsIsRefusedWithItsLine() {
        for (text, line, words) in [("a = 1\nwhen = 2026-12-01\n", 2, "date or time"), ("[[profiles]]\nurl = \"x\"\n", 1, "arrays of tables")] {
            XCTAssertThrowsError(try TOMLDocument(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(words), "\(error)")
                XCTAssertEqual((error as? TOMLDocument.ParseError)?.line, line, "\(error)")
            }
        }
    }

    func testWrongTypesAndUnknownKeysNameTheirLine() throws {
        let cases = [
            ("[profiles.x]\nurl = \"https://a.crm.dynamics.com\"\nread_only = \"yes\"\n", ":3: read_only must be true or false"),
            ("\n[profiles.x]\n\ncolour = \"red\"\n", ":4: unknown key 'colour' in [profiles.x]"),
            ("[profiles.x]\nlog_level = \"loud\"\n", ":2: log_level must be one of: trace, debug, info, notice, warning, error, critical"),
            ("default_profile = 3\n", ":1: default_profile must be a string"),
        ]
        for (text, words) in cases {
            let path = try write(text)
            XCTAssertThrowsError(try ConfigFile.load(path: path), text) { error in
                XCTAssertTrue("\(error)".contains(path + words), "\(error)")
            }
        }
    }

    func testAnInlineTablesKeysPointAtItsLine() throws {
        let file = try ConfigFile.load(path: try write("# screen\nui = { mouse = \"yes\" }\n"))
        XCTAssertEqual(file.lines["ui.mouse"], 2)
        XCTAssertThrowsError(try ScreenSettings(file: file)) { error in
            XCTAssertTrue("\(error)".hasSuffix(":2: mouse is true or false"), "\(error)")
        }
    }

    func testAProfileNamesItsLogLevel() throws {
        let file = try ConfigFile.load(path: try write("[profiles.x]\nlog_level = \"debug\"\n[profiles.y]\n"))
        XCTAssertEqual(try file.profile(named: "x").logLevel, .debug)
        XCTAssertNil(try file.profile(named: "y").logLevel)
    }

    private func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-positions-\(UUID().uuidString).toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }
}
