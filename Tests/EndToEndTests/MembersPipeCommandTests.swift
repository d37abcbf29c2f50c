import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// `members list` writes what `members add --from-file` reads, so copying members is one pipe.
final class MembersPipeCommandTests: XCTestCase {
    func testTheListOfOneSegmentIsTheInputOfAnother() throws {
        let work = temporaryDirectory("members-pipe")
        let server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("cmd.sqlite").path)
        defer { server.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: server.baseURL))
        let people = try client.searchContacts("", top: 3).map(\.id)
        let from = try client.create(SegmentDraft(name: "Pipe from \(UUID().uuidString.prefix(6))", type: .static, memberIds: people))
        let to = try client.create(SegmentDraft(name: "Pipe to \(UUID().uuidString.prefix(6))", type: .static))
        let url = server.baseURL.absoluteString

        let listed = try runProgram(BuiltProducts.segtui, ["members", from, "list", "--url", url])
        XCTAssertEqual(listed.status, 0, listed.output)
        let file = work.appendingPathComponent("members.tsv")
        try listed.output.write(to: file, atomically: true, encoding: .utf8)
        let added = try runProgram(BuiltProducts.segtui, ["members", to, "add", "--from-file", file.path, "--url", url])
        XCTAssertEqual(added.status, 0, added.output)
        XCTAssertEqual(Set(try client.memberIds(of: to).map { $0.lowercased() }), Set(people.map { $0.lowercased() }))
    }
}
