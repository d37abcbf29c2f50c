import Dataverse
import Foundation
import GRDB
import XCTest

@testable import SegmentServer

final class JourneyActionTests: XCTestCase {
    private func add(_ server: TestServer, _ segment: String, _ group: String, _ ids: [String], remove: Bool = false) throws -> HTTPResponse {
        try server.post(
            remove ? "msdynmkt_RemoveStaticMembers" : "msdynmkt_AddStaticMembers",
            server.json(["SegmentId": .string(segment), "GroupId": .string(group), "EntityIds": .array(ids.map(JSONValue.string))]))
    }

    private func page(_ server: TestServer, _ segment: String, _ group: String, _ number: Int, _ size: Int) throws -> [String] {
        let result = try server.actionText(
            "msdynmkt_ListGroupMembers",
            ["SegmentId": .string(segment), "GroupId": .string(group), "PageNo": .number(Double(number)), "PageSize": .number(Double(size))],
            field: "Response")
        return (result["entityIds"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    func testStaticMembersInGroupsWithExcludeWinning() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 60)
        let include = UUID().uuidString.lowercased()
        let exclude = UUID().uuidString.lowercased()
        let pair = try server.createPair(name: "Static", query: nil, groups: [(include, true), (exclude, false)])
        let contacts = try server.contactIds(30)
        let unknown = "0badc0de-0000-4000-8000-000000000000"
        XCTAssertEqual(try add(server, pair.segment, include, Array(contacts[0..<20]) + [unknown]).status, 204)
        XCTAssertEqual(try add(server, pair.segment, exclude, Array(contacts[15..<25])).status, 204)
        XCTAssertEqual(try server.membersList(pair.segment), Array(contacts[0..<15]).sorted(), "exclusion wins; unknown ids are not stored")
        XCTAssertEqual(try add(server, pair.segment, include, Array(contacts[0..<5]), remove: true).status, 204)
        XCTAssertEqual(try server.membersList(pair.segment), Array(contacts[5..<15]).sorted())

        // Pages of a group until one is short, as the community reads them.
        var all: [String] = []
        var number = 1
        while true {
            let ids = try page(server, pair.segment, include, number, 4)
            all += ids
            if ids.count < 4 { break }
            number += 1
        }
        XCTAssertEqual(all, Array(contacts[5..<20]).sorted())

        let status = try server.actionText("msdynmkt_SegmentStatus", ["SegmentId": .string(pair.segment)])
        XCTAssertEqual(status["lastExecution"]?["status"]?.stringValue, "NotStarted")
        let members = try server.actionText("msdynmkt_MembersList", ["SegmentId": .string(pair.segment)])
        XCTAssertEqual(members["totalCount"]?.intValue, 10)
        XCTAssertEqual(members["primaryKeyColumnName"]?.stringValue, "contactid")
        XCTAssertEqual(try add(server, pair.segment, UUID().uuidString, contacts).status, 400, "an undeclared group")
    }

    func testLimitsAndParameterChecks() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 20)
        let group = UUID().uuidString.lowercased()
        let pair = try server.createPair(name: "Limits", query: nil, groups: [(group, true)])
        let thousand = (0..<1000).map { _ in UUID().uuidString }
        XCTAssertEqual(try add(server, pair.segment, group, thousand).status, 204, "1000 ids are allowed")
        let tooMany = try add(server, pair.segment, group, thousand + [UUID().uuidString])
        XCTAssertEqual(tooMany.status, 400)
        XCTAssertTrue(TestServer.errorParts(tooMany).message?.contains("1000") == true)

        let unknownParameter = try server.post("msdynmkt_MembersList", server.json(["SegmentId": .string(pair.segment), "Page": .number(1)]))
        XCTAssertEqual(unknownParameter.status, 400)
        XCTAssertTrue(TestServer.errorParts(unknownParameter).message?.contains("'Page'") == true)
        XCTAssertEqual(try server.post("msdynmkt_MembersList", server.json(["SegmentId": .number(1)])).status, 400, "wrong type")
        XCTAssertEqual(try server.post("msdynmkt_MembersList", "{}").status, 400, "missing")
        XCTAssertEqual(try server.post("msdynmkt_StopSegments", server.json(["SegmentIdList": .string(pair.segment)])).status, 400)
        let bigPage = try server.post(
            "msdynmkt_ListGroupMembers",
            server.json(["SegmentId": .string(pair.segment), "GroupId": .string(group), "PageNo": .number(1), "PageSize": .number(5001)]))
        XCTAssertEqual(bigPage.status, 400)
        XCTAssertEqual(try server.get("msdynmkt_MembersList").status, 405)
        XCTAssertEqual(try server.post("msdynmkt_MembersList", server.json(["SegmentId": .string("0badc0de-0000-4000-8000-000000000000")])).status, 404)
    }

    func testAGroupHoldsAtMost200000Ids() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 20)
        let group = UUID().uuidString.lowercased()
        let pair = try server.createPair(name: "Full", query: nil, groups: [(group, true)])
        // 199,999 ids straight into the table: 200 calls of 1000 would only make the test slow.
        try server.server.state.database.pool.write { db in
            let insert = try db.makeStatement(sql: "INSERT INTO jx_group_members (segmentid, groupid, entityid) VALUES (?, ?, ?)")
            for index in 0..<199_999 {
                try insert.execute(arguments: [pair.segment, group, String(format: "00000000-0000-4000-8000-%012d", index)])
            }
        }
        let contacts = try server.contactIds(2)
        let over = try add(server, pair.segment, group, contacts)
        XCTAssertEqual(over.status, 400)
        XCTAssertTrue(TestServer.errorParts(over).message?.contains("200000") == true, TestServer.errorParts(over).message ?? "")
        XCTAssertEqual(try add(server, pair.segment, group, [contacts[0]]).status, 204, "the 200,000th fits")
        let last = try page(server, pair.segment, group, 40, 5000)
        XCTAssertEqual(last.count, 5000)
        XCTAssertTrue(last.contains(contacts[0]))
    }
}
