import GRDB
import XCTest

@testable import SegmentServer

/// The seed's bitmap counter against the SQL that evaluates segments afterwards.
final class MembershipCounterTests: XCTestCase {
    func testCountsEqualTheSQLEvaluationForEverySeededQuery() throws {
        let server = try TestServer(segments: 400, contacts: 3000) { $0.lifecycleDelay = 3600 }
        try server.server.state.database.pool.read { db in
            let queries = try String.fetchAll(
                db, sql: "SELECT DISTINCT msdyncrm_segmentquery FROM segments WHERE msdyncrm_segmentquery IS NOT NULL")
            XCTAssertGreaterThan(queries.count, 20)
            var counter = try MembershipCounter(db: db)
            var compound = 0
            for text in queries {
                let set = try SegmentQueryParser.parse(text).set
                if case .combine = set { compound += 1 }
                XCTAssertEqual(try counter.count(set), try SegmentQueryCompiler.count(set, db: db), text)
            }
            XCTAssertGreaterThan(compound, 3)

            // Static segments, set operators in every arrangement, and a profile used twice.
            let statics = try String.fetchAll(
                db, sql: "SELECT msdyncrm_segmentqueryname FROM segments WHERE msdyncrm_segmenttype = 192350001 ORDER BY msdyncrm_segmentsize DESC LIMIT 2")
            let gmail = "PROFILE(contact, c).FILTER(ENDSWITH(c.emailaddress1, '@GMAIL.com'))"
            for text in [
                "SEGMENT(\(statics[0])) UNION SEGMENT(\(statics[1]))",
                "SEGMENT(\(statics[0])) INTERSECT PROFILE(contact, c).FILTER(ISNOTNULL(c.telephone1))",
                "PROFILE(contact) EXCEPT SEGMENT(\(statics[0])) EXCEPT \(gmail)",
                "(\(gmail) UNION SEGMENT(\(statics[1]))) INTERSECT (PROFILE(contact) EXCEPT SEGMENT(\(statics[0])))",
                "SEGMENT(\(statics[1])) UNION \(gmail) UNION \(gmail)",
            ] {
                let set = try SegmentQueryParser.parse(text).set
                XCTAssertEqual(try counter.count(set), try SegmentQueryCompiler.count(set, db: db), text)
            }
        }
    }

    func testReferencesThatCannotResolveFailAsTheCompilerDoes() throws {
        let server = try TestServer(segments: 3, contacts: 10)
        try server.server.state.database.pool.write { db in
            let id = try String.fetchOne(db, sql: "SELECT msdyncrm_segmentid FROM segments WHERE msdyncrm_segmenttype = 192350000 LIMIT 1")!
            let name = try String.fetchOne(db, sql: "SELECT msdyncrm_segmentqueryname FROM segments WHERE msdyncrm_segmentid = ?", arguments: [id])!
            try db.execute(sql: "UPDATE segments SET msdyncrm_segmentquery = ? WHERE msdyncrm_segmentid = ?", arguments: ["SEGMENT(\(name))", id])
            var counter = try MembershipCounter(db: db)
            for text in ["SEGMENT(no_such_segment)", "SEGMENT(\(name))"] {
                let set = try SegmentQueryParser.parse(text).set
                var expected: SegmentQueryError?
                XCTAssertThrowsError(try SegmentQueryCompiler.count(set, db: db)) { expected = $0 as? SegmentQueryError }
                XCTAssertThrowsError(try counter.count(set), text) { XCTAssertEqual($0 as? SegmentQueryError, expected) }
                XCTAssertNotNil(expected)
            }
        }
    }
}
