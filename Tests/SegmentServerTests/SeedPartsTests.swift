import Dataverse
import Foundation
import GRDB
import XCTest

@testable import SegmentServer

/// The seed comes in parts: the organisation and its contacts once, then each API's segments the
/// first time that API is served. A part seeded later draws what one run of both would have.
final class SeedPartsTests: XCTestCase {
    /// Every seeded row a part makes, keyed and ordered, to compare two databases exactly.
    private func snapshot(_ server: TestServer) throws -> (shared: [String], outbound: [String], journeys: [String]) {
        try server.server.state.database.pool.read { db in
            func rows(_ sql: String) throws -> [String] {
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(\.description).joined(separator: "|") }
            }
            let shared =
                try rows("SELECT contactid, fullname, emailaddress1, parentcustomerid FROM contacts ORDER BY contactid")
                + rows("SELECT systemuserid, fullname FROM systemusers ORDER BY systemuserid")
                + rows("SELECT key, value FROM organization WHERE key IN ('userid', 'businessunitid', 'organizationid') ORDER BY key")
            let outbound =
                try rows(
                    """
                    SELECT msdyncrm_segmentid, msdyncrm_segmentname, msdyncrm_segmenttype, statuscode, msdyncrm_segmentquery,
                        msdyncrm_segmentsize, ownerid FROM segments ORDER BY msdyncrm_segmentid
                    """)
                + rows("SELECT segmentid, contactid, fullname_fold FROM segment_members ORDER BY segmentid, contactid")
            let journeys =
                try rows(
                    """
                    SELECT msdynmkt_segmentid, msdynmkt_displayname, msdynmkt_type, statuscode, msdynmkt_membercount, msdynmkt_sourcesegmentuid
                    FROM jx_segments ORDER BY msdynmkt_segmentid
                    """)
                + rows("SELECT msdynmkt_segmentdefinitionid, msdynmkt_segmentquery, msdynmkt_staticlistmembers FROM jx_definitions ORDER BY 1")
                + rows("SELECT segmentid, groupid, entityid FROM jx_group_members ORDER BY 1, 2, 3")
                + rows("SELECT leadid, fullname FROM leads ORDER BY leadid")
            return (shared, outbound, journeys)
        }
    }

    /// Rows only one side has, so that a failure names the difference rather than both lists.
    private func assertSame(_ actual: [String], _ expected: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(actual).subtracting(expected).sorted(), [], "\(what): rows not expected", file: file, line: line)
        XCTAssertEqual(Set(expected).subtracting(actual).sorted(), [], "\(what): rows missing", file: file, line: line)
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
    }

    private func count(_ server: TestServer, _ entitySet: String) throws -> Int? {
        try server.getJSON("\(entitySet)?$count=true&$top=1")["@odata.count"]?.intValue
    }

    func testJourneysFirstSeedsNoOutboundSegmentsUntilOutboundIsServed() throws {
        let together = try TestServer(segments: 45, contacts: 120) { $0.api = .both }
        let expected = try snapshot(together)
        XCTAssertEqual(try count(together, "msdyncrm_segments"), 45)
        XCTAssertEqual(try count(together, "msdynmkt_segments"), 45)

        let server = try TestServer.journeys(segments: 45, contacts: 120)
        let journeysOnly = try snapshot(server)
        XCTAssertEqual(journeysOnly.outbound, [], "a journeys service seeds no outbound segments")
        assertSame(journeysOnly.shared, expected.shared, "shared")
        assertSame(journeysOnly.journeys, expected.journeys, "journeys")
        XCTAssertEqual(try count(server, "msdynmkt_segments"), 45)
        XCTAssertEqual(try count(server, "contacts"), 120)

        // Served under both later: the outbound part is seeded then, as one run of both would have.
        try server.restart(segments: 45, contacts: 120, api: .both)
        let later = try snapshot(server)
        assertSame(later.shared, expected.shared, "shared")
        assertSame(later.outbound, expected.outbound, "outbound")
        assertSame(later.journeys, expected.journeys, "journeys")
        XCTAssertEqual(try count(server, "msdyncrm_segments"), 45)
        XCTAssertEqual(try count(server, "msdynmkt_segments"), 45)
    }

    func testOutboundFirstThenJourneysAndNoPartIsSeededTwice() throws {
        let together = try TestServer(segments: 20, contacts: 60) { $0.api = .both }
        let expected = try snapshot(together)

        let server = try TestServer(segments: 20, contacts: 60) { $0.api = .outbound }
        let outboundOnly = try snapshot(server)
        XCTAssertEqual(outboundOnly.journeys, [], "an outbound service seeds no journeys segments, groups or leads")
        assertSame(outboundOnly.outbound, expected.outbound, "outbound")
        assertSame(outboundOnly.shared, expected.shared, "shared")

        // A deleted outbound segment stays deleted when journeys are seeded on a later start.
        let gone = try server.segmentId(named: "Newsletter subscribers")
        try server.server.state.database.pool.write { db in
            try db.execute(sql: "DELETE FROM segments WHERE msdyncrm_segmentid = ?", arguments: [gone])
        }
        try server.restart(segments: 20, contacts: 60, api: .journeys)
        let journeysLater = try snapshot(server)
        assertSame(journeysLater.journeys, expected.journeys, "journeys")
        assertSame(journeysLater.shared, expected.shared, "shared")
        assertSame(journeysLater.outbound, expected.outbound.filter { !$0.hasPrefix("\"" + gone + "\"|") }, "outbound less the deleted segment")
        try server.restart(segments: 20, contacts: 60, api: .both)
        XCTAssertEqual(try count(server, "msdyncrm_segments"), 19, "the outbound part is not seeded again")
        XCTAssertEqual(try count(server, "msdynmkt_segments"), 20)
        assertSame(try snapshot(server).journeys, expected.journeys, "nor the journeys part")
    }
}
