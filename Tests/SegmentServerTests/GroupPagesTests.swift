import Dataverse
import Foundation
import GRDB
import XCTest

@testable import SegmentServer

/// ListGroupMembers reads its numbered pages by key; whatever order they are asked in, and after
/// the group changes, each page holds what an OFFSET over the group in id order would.
final class GroupPagesTests: XCTestCase {
    private func page(_ server: TestServer, _ segment: String, _ group: String, _ number: Int, _ size: Int) throws -> [String] {
        let result = try server.actionText(
            "msdynmkt_ListGroupMembers",
            ["SegmentId": .string(segment), "GroupId": .string(group), "PageNo": .number(Double(number)), "PageSize": .number(Double(size))],
            field: "Response")
        return (result["entityIds"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private func change(_ server: TestServer, _ action: String, _ segment: String, _ group: String, _ ids: [String]) throws {
        let response = try server.post(
            action, server.json(["SegmentId": .string(segment), "GroupId": .string(group), "EntityIds": .array(ids.map(JSONValue.string))]))
        XCTAssertEqual(response.status, 204, String(decoding: response.body, as: UTF8.self))
    }

    func testPagesInAnyOrderAndAfterAChangeHoldTheGroupInIdOrder() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 300)
        let group = UUID().uuidString.lowercased()
        let other = UUID().uuidString.lowercased()
        let pair = try server.createPair(name: "Paged", query: nil, groups: [(group, true), (other, true)])
        let contacts = try server.contactIds(300)
        let members = Array(contacts.shuffled().prefix(150))
        try change(server, "msdynmkt_AddStaticMembers", pair.segment, group, members)
        // Ids of another group of the same segment sort among them but are not on its pages.
        try change(server, "msdynmkt_AddStaticMembers", pair.segment, other, Array(contacts.prefix(40)))
        var expected = members.sorted()
        func slice(_ number: Int) -> [String] {
            Array(expected[min(expected.count, (number - 1) * 20)..<min(expected.count, number * 20)])
        }

        for number in [3, 1, 2, 8, 4, 5, 7, 6, 9, 2, 8] {
            XCTAssertEqual(try page(server, pair.segment, group, number, 20), slice(number), "page \(number)")
        }
        XCTAssertEqual(try page(server, pair.segment, group, 8, 20).count, 10, "the last page is short")

        // Removing the first ten ids moves every later page on by ten.
        let removed = Array(expected.prefix(10))
        try change(server, "msdynmkt_RemoveStaticMembers", pair.segment, group, removed)
        expected.removeFirst(10)
        for number in [2, 1, 3, 7, 8] {
            XCTAssertEqual(try page(server, pair.segment, group, number, 20), slice(number), "page \(number) after the removal")
        }
        // An added id lands in its place in id order.
        let added = try XCTUnwrap(contacts.first { !members.contains($0) })
        try change(server, "msdynmkt_AddStaticMembers", pair.segment, group, [added])
        expected = (expected + [added]).sorted()
        for number in 1...8 {
            XCTAssertEqual(try page(server, pair.segment, group, number, 20), slice(number), "page \(number) after the addition")
        }
    }

    func testAPageReadsARangeOfThePrimaryKeyWithoutSorting() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 20)
        let plan = try server.server.state.database.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + GroupPages.sql, arguments: ["s", "g", "", 5000, 0]).map { $0["detail"] as String }
        }
        XCTAssertEqual(plan.count, 1, "\(plan)")
        XCTAssertTrue(plan.allSatisfy { $0.contains("USING PRIMARY KEY (segmentid=? AND groupid=? AND entityid>?)") }, "\(plan)")
        XCTAssertFalse(plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}
