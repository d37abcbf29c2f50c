import Foundation
import SegtuiConfiguration
import XCTest

/// config.toml as the screen's settings need it: arrays of keys, and the [ui], [theme] and
/// [keys.CONTEXT] tables kept with their lines for the layers that read them.
final class ConfigFileTests: XCTestCase {
    func testOneLineArrays() throws {
        let document = try TOMLDocument(parsing: """
            quit = ["q", 'ctrl-c', "a,b"]   # a comment
            empty = []
            trailing = ["x",]
            """)
        XCTAssertEqual(document[""]?["quit"], .array([.string("q"), .string("ctrl-c"), .string("a,b")]))
        XCTAssertEqual(document[""]?["empty"], .array([]))
        XCTAssertEqual(document[""]?["trailing"], .array([.string("x")]))
        for (text, words) in [("a = [\"q\"", "close with ]"), ("a = [[1]]", "arrays inside arrays"), ("a = [1,,2]", "empty element")] {
            XCTAssertThrowsError(try TOMLDocument(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(words), "\(error)")
            }
        }
    }

    func testScreenTablesAreKeptWithTheirLines() throws {
        let path = try write("""
            [profiles.demo]
            url = "http://127.0.0.1:1"

            [ui]
            mouse = true

            [theme]
            selection = "black on cyan"

            [keys.list]
            quit = ["q", "ctrl-q"]
            """)
        let file = try ConfigFile.load(path: path)
        XCTAssertEqual(file.interfaceTables["ui"]?["mouse"], .bool(true))
        XCTAssertEqual(file.interfaceTables["theme"]?["selection"], .string("black on cyan"))
        XCTAssertEqual(file.interfaceTables["keys.list"]?["quit"], .array([.string("q"), .string("ctrl-q")]))
        XCTAssertEqual(file.lines["keys.list.quit"], 11)
        XCTAssertNotNil(file.profiles["demo"])
    }

    func testAnUnknownTableIsStillRefused() throws {
        let path = try write("[colours]\nselection = \"red\"\n")
        XCTAssertThrowsError(try ConfigFile.load(path: path)) { error in
            XCTAssertTrue("\(error)".contains("unknown table [colours]"), "\(error)")
        }
    }

    private func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-config-\(UUID().uuidString).toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }
}
