import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
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
        let work = temporaryDirectory("shared-options")
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

    /// --read-only, before or after the command's name or from the profile, refuses every write
    /// with exit 64 and sends nothing; reads still work, and --no-color is accepted anywhere.
    func testReadOnlyRefusesEveryWriteAndNoColorIsAcceptedAnywhere() throws {
        let work = temporaryDirectory("shared-read-only")
        let server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("cmd.sqlite").path)
        defer { server.stop() }
        let url = server.baseURL.absoluteString
        let isolated = ["XDG_CONFIG_HOME": work.path, "XDG_DATA_HOME": work.path, "XDG_STATE_HOME": work.path]
        let service = OutboundSegmentService(client: DataverseClient(organization: server.baseURL))
        let stored = { () throws -> [Segment] in try service.firstPage(SegmentListQuery(pageSize: 5000)).segments }
        let before = try stored()
        let draft = try XCTUnwrap(before.first { $0.type == .static && $0.status == .draft })
        let live = try XCTUnwrap(before.first { $0.status == .live })
        let contact = try XCTUnwrap(service.searchContacts("", top: 1).first)
        let membersBefore = try service.memberIds(of: draft.id)
        let idFile = work.appendingPathComponent("ids.txt")
        try (contact.id + "\n" + membersBefore.joined(separator: "\n")).write(to: idFile, atomically: true, encoding: .utf8)

        let writes: [(name: String, arguments: [String])] = [
            ("golive", ["golive", draft.id]), ("stop", ["stop", live.id]),
            ("create", ["create", "--name", "Never created", "--type", "static"]), ("delete", ["delete", draft.id, "--yes"]),
            ("members add", ["members", draft.id, "add", "--from-file", idFile.path]),
            ("members remove", ["members", draft.id, "remove", "--from-file", idFile.path]),
        ]
        for write in writes {
            for arguments in [["--read-only", "--url", url] + write.arguments, write.arguments + ["--url", url, "--read-only"],
                              ["--no-color", "--read-only"] + write.arguments + ["--url", url]] {
                let refused = try segtui(arguments, environment: isolated)
                XCTAssertEqual(refused.status, 64, "\(arguments): \(refused.output)")
                XCTAssertTrue(refused.output.contains("Read-only (--read-only): '\(write.name)' would change the service, so nothing was sent."),
                              "\(arguments): \(refused.output)")
            }
        }
        let folder = work.appendingPathComponent("segtui")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "[profiles.nightly]\nurl = \"\(url)\"\nread_only = true\n".write(
            to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let byProfile = try segtui(["--profile", "nightly", "golive", draft.id], environment: isolated)
        XCTAssertEqual(byProfile.status, 64, byProfile.output)
        XCTAssertTrue(byProfile.output.contains("Read-only (the profile's read_only): 'golive'"), byProfile.output)

        let after = try stored()
        XCTAssertEqual(Set(after.map(\.id)), Set(before.map(\.id)), "nothing created or deleted")
        // The demo service moves Going live and Stopping rows on by itself; every other row is as it was.
        let settled = Dictionary(uniqueKeysWithValues: before.filter { ![.goingLive, .stopping].contains($0.status) }.map { ($0.id, $0) })
        for segment in after {
            guard let old = settled[segment.id] else { continue }
            XCTAssertEqual(segment.etag, old.etag, "\(segment.name) changed")
            XCTAssertEqual(segment.status, old.status, segment.name)
        }
        XCTAssertNotNil(settled[draft.id])
        XCTAssertNotNil(settled[live.id])
        XCTAssertEqual(try service.memberIds(of: draft.id).sorted(), membersBefore.sorted(), "no member added or removed")

        // Reads work under --read-only, and --no-color changes nothing in what scripts print.
        let plain = try segtui(["show", live.id, "--url", url], environment: isolated)
        XCTAssertEqual(plain.status, 0, plain.output)
        for arguments in [["--read-only", "--no-color", "show", live.id, "--url", url], ["show", live.id, "--no-color", "--read-only", "--url", url],
                          ["--no-color", "--url", url, "show", live.id]] {
            let read = try segtui(arguments, environment: isolated)
            XCTAssertEqual(read.status, 0, "\(arguments): \(read.output)")
            XCTAssertEqual(read.output, plain.output, "\(arguments)")
            XCTAssertFalse(read.output.contains("\u{1B}"), "no escape sequence: \(arguments)")
        }
        let list = try segtui(["--no-color", "--read-only", "--url", url, "list", "--csv"], environment: isolated)
        XCTAssertEqual(list.status, 0, list.output)
        XCTAssertFalse(list.output.contains("\u{1B}"))
        XCTAssertEqual(list.output.split(separator: "\n").count, before.count + 1, "a header and every segment")
        let config = try segtui(["--read-only", "--url", url, "config"], environment: isolated)
        XCTAssertTrue(config.output.contains("read-only       true"), "the flag is in force: \(config.output)")
        let writable = try segtui(["config", "--url", url], environment: isolated)
        XCTAssertTrue(writable.output.contains("read-only       false"), writable.output)
    }

    /// --api, as every shared option, before or after the command's name (or as --api=NAME): the
    /// command then speaks that API, and a word that is no API is a usage error either way.
    func testTheAPIBeforeOrAfterTheCommand() throws {
        let work = temporaryDirectory("shared-api")
        let server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("cmd.sqlite").path,
                                        arguments: ["--api", "both"])
        defer { server.stop() }
        let url = server.baseURL.absoluteString
        let isolated = ["XDG_CONFIG_HOME": work.path, "XDG_DATA_HOME": work.path, "XDG_STATE_HOME": work.path]
        for api in ["journeys", "outbound"] {
            for arguments in [["--api", api, "--url", url, "list", "--json"], ["list", "--json", "--url", url, "--api", api],
                              ["--api=\(api)", "list", "--url", url, "--json"]] {
                let listed = try segtui(arguments, environment: isolated)
                XCTAssertEqual(listed.status, 0, "\(arguments): \(listed.output)")
                let lines = listed.output.split(separator: "\n")
                XCTAssertFalse(lines.isEmpty, "\(arguments)")
                for line in lines { XCTAssertTrue(line.contains("\"api\":\"\(api)\""), "\(arguments): \(line)") }
            }
            let config = try segtui(["--api", api, "--read-only", "config", "--url", url], environment: isolated)
            XCTAssertTrue(config.output.contains("segment api     \(api)"), config.output)
        }
        for arguments in [["--api", "soap", "list", "--url", url], ["list", "--url", url, "--api", "soap"]] {
            let refused = try segtui(arguments, environment: isolated)
            XCTAssertEqual(refused.status, 64, "\(arguments): \(refused.output)")
            XCTAssertTrue(refused.output.contains("--api must be one of"), refused.output)
        }
    }
}
