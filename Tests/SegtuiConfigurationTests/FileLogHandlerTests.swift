import Dataverse
import Foundation
import Logging
import SegtuiConfiguration
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Our own LogHandler: one line an event, from the chosen level up, into a private file.
final class FileLogHandlerTests: XCTestCase {
    func testLinesFromTheLevelUpInAPrivateFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-log-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state/segtui.log").path
        let logger = FileLogHandler.logger(label: "segtui.http", file: try PrivateLineFile(path: path), level: .notice)
        logger.info("GET /api/data/v9.2/x 200 3 ms")
        logger.notice("GET /x: retrying", metadata: ["retry": "throttled"])
        logger.error("two\nlines")

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertNotNil(lines[0].range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z notice segtui\.http: GET /x: retrying retry=throttled$"#,
                                       options: .regularExpression), String(lines[0]))
        XCTAssertTrue(lines[1].hasSuffix("error segtui.http: two\\nlines"), String(lines[1]))

        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat(folder.appendingPathComponent("state").path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o700)
    }

    func testAFileLeftWideIsNarrowed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-wide-\(UUID().uuidString).log").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644]))
        _ = try PrivateLineFile(path: path)
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
    }
}
