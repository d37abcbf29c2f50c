import Foundation
import XCTest

extension XCTestCase {
    /// A new empty directory under the system's temporary one, removed when the test ends
    /// (whether it passes or not), so that each test case needs no tear-down of its own for it.
    public func temporaryDirectory(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
