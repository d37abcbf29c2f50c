import XCTest

@testable import SegtuiConfiguration

/// The XDG base directories, as segtui and `segtui serve` both find the demo database.
final class AppDirectoriesTests: XCTestCase {
    func testDefaultDatabasePath() {
        XCTAssertEqual(
            AppDirectories(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]).databasePath, "/data/segtui/segtui.sqlite")
        XCTAssertEqual(AppDirectories(environment: ["HOME": "/home/u"]).databasePath, "/home/u/.local/share/segtui/segtui.sqlite")
        XCTAssertEqual(
            AppDirectories(environment: ["XDG_DATA_HOME": "", "HOME": "/home/u"]).databasePath,
            "/home/u/.local/share/segtui/segtui.sqlite")
    }
}
