import Dataverse
import Foundation
import Segments
import SegtuiHarness
import XCTest

/// Options every command shares work before or after the command's name, and SEGTUI_URL works as
/// --url does (issue 12, bug 8).
final class SharedOptionsCommandTests: XCTestCase {
    private func segtui(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let environment = ProcessInfo.processInfo.environment.merging(extra.merging(["SWIFT_BACKTRACE": "interactive=no"]) { $1 }) { $1 }
        return try runProgram(BuiltProducts.segtui, arguments, environment: environment)
    }

    private enum SegmentStub {
        static let moving = Segment(id: "", name: "", type: .static, status: .goingLive)
    }

    func testTheURLBeforeOrAfterTheCommandOrFromTheEnvironment() throws {
        let work = BuiltProducts.temporaryDirectory("shared-options")
        defer { try? FileManager.default.removeItem(at: work) }
        let server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("cmd.sqlite").path)
        defer { server.stop() }
        let url = server.baseURL.absoluteString
        // The demo's segments that are Going live or Stopping move on by themselves; the three
        // lists below are compared whole, so they are taken once nothing moves any more.
        let direct = OutboundSegmentService(client: DataverseClient(organization: server.baseURL))
        XCTAssertTrue(waitUntil(timeout: 60) {
            ((try? direct.firstPage(SegmentListQuery(pageSize: 500)).segments) ?? [SegmentStub.moving]).allSatisfy { !$0.status.isTransitional }
        }, "the seeded segments settle")
        let isolated = ["XDG_CONFIG_HOME": work.path, "XDG_DATA_HOME": work.path, "XDG_STATE_HOME": work.path]

        let after = try segtui(["list", "--json", "--url", url], environment: isolated)
        XCTAssertEqual(after.status, 0, after.output)
        let before = try segtui(["--url", url, "list", "--json"], environment: isolated)
        XCTAssertEqual(before.status, 0, before.output)
        XCTAssertEqual(before.output, after.output, "the same list either way")
        let fromEnvironment = try segtui(["list", "--json"], environment: isolated.merging(["SEGTUI_URL": url]) { $1 })
        XCTAssertEqual(fromEnvironment.status, 0, fromEnvironment.output)
        XCTAssertEqual(fromEnvironment.output, after.output, "SEGTUI_URL is --url")
        let bad = try segtui(["list"], environment: isolated.merging(["SEGTUI_URL": "not a url"]) { $1 })
        XCTAssertEqual(bad.status, 64, bad.output)
        XCTAssertTrue(bad.output.contains("SEGTUI_URL"), bad.output)
    }
}
