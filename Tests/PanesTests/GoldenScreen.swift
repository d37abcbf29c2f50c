import Foundation
import TerminalKit
import XCTest

/// Compares a rendered grid with a golden text screen in `Golden/NAME.txt`, as tig's tests compare
/// screen dumps. With SEGTUI_RECORD_GOLDEN=1 the file is (re)written instead; review the diff.
func assertGolden(_ canvas: GridCanvas, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name + ".txt")
    // Pad to the full width with a right margin marker, so trailing spaces and width are checked.
    let actual = canvas.lines(trimmingTrailingSpaces: false).map { $0 + "|" }.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["SEGTUI_RECORD_GOLDEN"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no golden screen \(name).txt; run with SEGTUI_RECORD_GOLDEN=1 to record it\n\(actual)", file: file, line: line)
        return
    }
    if expected != actual {
        XCTFail("screen differs from \(name).txt\n--- expected\n\(expected)--- actual\n\(actual)", file: file, line: line)
    }
}
