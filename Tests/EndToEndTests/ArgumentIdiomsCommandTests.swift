import Foundation
import XCTest

/// The command line's values as argument-parser types: `--help` lists what `--status`, `--type`
/// and the output format take, and a wrong or doubled one is refused before anything is sent.
final class ArgumentIdiomsCommandTests: XCTestCase {
    func testHelpListsTheValuesAndTheFormats() throws {
        let list = try runSegtui(["list", "--help"], url: nil)
        XCTAssertEqual(list.status, 0, list.stderr)
        let help = list.stdout.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        XCTAssertTrue(help.contains("values: draft, going-live, live, live-with-warnings, live-editable, stopping, stopped, expired, error"), help)
        XCTAssertTrue(help.contains("values: dynamic, static, mixed, compound"), help)
        XCTAssertTrue(help.contains("--table Aligned columns for people (the default). (default: --table) --json One JSON object a line. --csv CSV with a header line."), help)
        XCTAssertTrue(help.contains("--log-level <level>"), help)

        let create = try runSegtui(["create", "--help"], url: nil)
        XCTAssertTrue(create.stdout.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
            .contains("values: dynamic, static, mixed, compound"), create.stdout)
        let show = try runSegtui(["show", "--help"], url: nil).stdout.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        XCTAssertTrue(show.contains("--text Lines for people (the default). (default: --text) --json JSON: one object a line."), show)
    }

    func testTwoFormatsOrAnUnknownTypeAreRefused() throws {
        let both = try runSegtui(["list", "--json", "--csv", "--url", "http://127.0.0.1:9"], url: nil)
        XCTAssertEqual(both.status, 64, both.stderr)
        XCTAssertTrue(both.stderr.contains("--json") && both.stderr.contains("--csv"), both.stderr)

        let type = try runSegtui(["create", "--name", "x", "--type", "round", "--url", "http://127.0.0.1:9"], url: nil)
        XCTAssertEqual(type.status, 64, type.stderr)
        XCTAssertTrue(type.stderr.contains("The value 'round' is invalid for '--type <type>'"), type.stderr)
        XCTAssertTrue(type.stderr.contains("'compound'"), type.stderr)
    }
}
