import Dataverse
import Foundation
import Segments
import XCTest

@testable import SegmentServer

/// Issue 15, items 1, 2 and 6 (the OData limits): queries past the parsers' and compilers'
/// limits are refused with a 400 naming the limit, at the limit they work, and the service stays up.
final class QueryLimitTests: XCTestCase {
    private func fetch(_ server: TestServer, _ query: String) throws -> HTTPResponse {
        let escaped = query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return try server.post("msdyncrm_FetchContactsByQuery", #"{"Query": "\#(escaped)"}"#)
    }

    private func assertRefused(_ response: HTTPResponse, naming limit: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(response.status, 400, String(decoding: response.body.prefix(300), as: UTF8.self), file: file, line: line)
        let (code, message) = TestServer.errorParts(response)
        XCTAssertNotNil(code, file: file, line: line)
        XCTAssertTrue(message?.contains(limit) == true, "\(message ?? "no message") does not name \(limit)", file: file, line: line)
        XCTAssertFalse(message?.uppercased().contains("SELECT") == true, "no SQL in messages", file: file, line: line)
    }

    private static func ors(_ count: Int) -> String {
        "PROFILE(contact).FILTER(" + Array(repeating: "contact.fullname == 'x'", count: count).joined(separator: " || ") + ")"
    }

    func testTwentyFourHundredOrsAreRefusedAndTheServiceStaysUp() throws {
        let server = try TestServer(segments: 2, contacts: 20)
        let query = Self.ors(2400)
        assertRefused(try fetch(server, query), naming: "limit of 500 conditions")
        let validate = try server.post("msdyncrm_ValidateSegment", #"{"msdyncrm_segmentquery": "\#(query)"}"#)
        assertRefused(validate, naming: "limit of 500 conditions")
        XCTAssertEqual(try server.get("WhoAmI").status, 200, "still up")
        // At the limit the query runs, flattened: nested, SQLite's parser overflowed from 100 up.
        let atLimit = try fetch(server, Self.ors(500))
        XCTAssertEqual(atLimit.status, 200, String(decoding: atLimit.body.prefix(300), as: UTF8.self))
        assertRefused(try fetch(server, Self.ors(501)), naming: "limit of 500 conditions")
    }

    func testNestingUpToTheLimitRunsAndPastItIsRefused() throws {
        let server = try TestServer(segments: 2, contacts: 20)
        // Alternating operators and a negation at every level: the deepest SQL a nesting can give.
        func nested(_ levels: Int) -> String {
            var condition = "contact.fullname == 'x'"
            for level in 0..<levels { condition = "!(contact.jobtitle == 'y' \(level % 2 == 0 ? "||" : "&&") \(condition))" }
            return "PROFILE(contact).FILTER(\(condition))"
        }
        let atLimit = try fetch(server, nested(SegmentQueryLimits.maxNesting))
        XCTAssertEqual(atLimit.status, 200, String(decoding: atLimit.body.prefix(300), as: UTF8.self))
        assertRefused(try fetch(server, nested(SegmentQueryLimits.maxNesting + 1)), naming: "levels of parentheses")
        let sets = String(repeating: "(", count: 300) + "PROFILE(contact)" + String(repeating: ")", count: 300)
        assertRefused(try fetch(server, sets), naming: "levels of parentheses")
        let nots = "PROFILE(contact).FILTER(" + String(repeating: "!", count: 3001) + "contact.fullname == 'x')"
        XCTAssertEqual(try fetch(server, nots).status, 200, "a run of negations is read in a loop")
        let terms = Array(repeating: "PROFILE(contact)", count: 101).joined(separator: " UNION ")
        assertRefused(try fetch(server, terms), naming: "100 PROFILE(...) and SEGMENT(...) terms")
        XCTAssertEqual(try fetch(server, Array(repeating: "PROFILE(contact)", count: 100).joined(separator: " EXCEPT ")).status, 200)
        assertRefused(try fetch(server, String(repeating: " ", count: 100_001) + "PROFILE(contact)"), naming: "100000 characters")
    }

    func testFilterLimitsAnswerInTheErrorShape() throws {
        let server = try TestServer(segments: 5, contacts: 5)
        func filter(_ text: String) throws -> HTTPResponse { try server.get("msdyncrm_segments?$filter=" + percent(text)) }
        let condition = "msdyncrm_segmentsize eq 1"
        XCTAssertEqual(try filter(Array(repeating: condition, count: 500).joined(separator: " or ")).status, 200, "Dataverse's documented 500")
        assertRefused(try filter(Array(repeating: condition, count: 501).joined(separator: " or ")), naming: "limit of 500 conditions")
        // A column the lifecycle never changes, and null for some rows: negation must keep those.
        let stable = "contains(msdyncrm_description,'e')"
        let bare = try server.getJSON("msdyncrm_segments?$count=true&$filter=" + percent(String(repeating: "not ", count: 99) + stable))
        let one = try server.getJSON("msdyncrm_segments?$count=true&$filter=" + percent("not " + stable))
        XCTAssertEqual(bare["@odata.count"]?.intValue, one["@odata.count"]?.intValue, "99 negations are one")
        let even = try server.getJSON("msdyncrm_segments?$count=true&$filter=" + percent(String(repeating: "not ", count: 98) + stable))
        let all = try server.getJSON("msdyncrm_segments?$count=true&$filter=" + percent(stable))
        XCTAssertEqual(even["@odata.count"]?.intValue, all["@odata.count"]?.intValue)
        assertRefused(try filter(String(repeating: "not (", count: 99) + condition + String(repeating: ")", count: 99)), naming: "levels of parentheses")
        var deep = condition
        for level in 0..<FilterParser.maxNesting { deep = "not (statuscode eq 1 \(level % 2 == 0 ? "or" : "and") \(deep))" }
        XCTAssertEqual(try filter(deep).status, 200, "the deepest allowed $filter compiles")
        assertRefused(try server.get("msdyncrm_segments?$orderby=" + Array(repeating: "msdyncrm_segmentname", count: 17).joined(separator: ",")), naming: "limit of 16 keys")
        // 2,000 keys make a URL over Dataverse's 32 KB: 414, in the same shape.
        let keys = try server.get("msdyncrm_segments?$orderby=" + Array(repeating: "msdyncrm_segmentname", count: 2000).joined(separator: ","))
        XCTAssertEqual(keys.status, 414)
        XCTAssertTrue(TestServer.errorParts(keys).message?.contains("limit of 32768 bytes") == true)
        XCTAssertEqual(try server.get("WhoAmI").status, 200)
    }

    /// Three levels of references, each naming the level below a hundred times: evaluated once
    /// per referenced segment it is quick and exact; expanded per reference it was 100² profiles
    /// in one compound select, past SQLite's limits, and the segment stayed Going live for ever.
    func testReferencedSegmentsAreEvaluatedOnce() throws {
        let server = try TestServer(segments: 2, contacts: 50)
        func create(_ name: String, _ query: String) throws -> String {
            let response = try server.post(
                "msdyncrm_segments", #"{"msdyncrm_segmentname": "\#(name)", "msdyncrm_segmentquery": "\#(query)"}"#)
            XCTAssertEqual(response.status, 204, String(decoding: response.body, as: UTF8.self))
            let entityId = try XCTUnwrap(response.header("OData-EntityId"))
            return String(entityId.split(separator: "(").last!.dropLast())
        }
        _ = try create("lvA", "PROFILE(contact).FILTER(CONTAINS(contact.emailaddress1, 'a'))")
        for index in 0..<10 { _ = try create("lvB\(index)", Array(repeating: "SEGMENT(lvA)", count: 100).joined(separator: " UNION ")) }
        let references = (0..<100).map { "SEGMENT(lvB\($0 % 10))" }.joined(separator: " UNION ")
        let top = try create("lvC", references)
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(top))", #"{"statuscode": \#(Segments.SegmentStatus.goingLive.outboundCode!)}"#).status, 204)
        try server.waitUntil(20, "Live") {
            try server.segment(top, select: "statuscode")["statuscode"]?.intValue == Segments.SegmentStatus.live.outboundCode!
        }
        let expected = try server.getJSON("contacts?$count=true&$top=0&$filter=" + percent("contains(emailaddress1,'a')"))["@odata.count"]?.intValue
        XCTAssertEqual(try server.segment(top)["msdyncrm_segmentsize"]?.intValue, expected)
    }

    /// A stored query past the limits (written before they existed) that is Going live when the
    /// service starts ends in Error with the reason, instead of being evaluated again at every start.
    func testAPendingEvaluationThatFailsEndsInError() throws {
        let server = try TestServer(segments: 20, contacts: 10)
        let id = try server.segmentId(named: "Gmail users")
        try server.server.state.database.pool.write { db in
            try db.execute(
                sql: "UPDATE segments SET msdyncrm_segmentquery = ?, statuscode = ?, statusdue = 0 WHERE msdyncrm_segmentid = ?",
                arguments: [Self.ors(2400), Segments.SegmentStatus.goingLive.outboundCode!, id])
        }
        try server.restart()
        try server.waitUntil(10, "Error") {
            try server.segment(id, select: "statuscode")["statuscode"]?.intValue == Segments.SegmentStatus.error.outboundCode!
        }
        let reason = try server.segment(id)["msdyncrm_evaluationerror"]?.stringValue ?? ""
        XCTAssertTrue(reason.contains("limit of 500 conditions"), reason)
        try server.restart()
        XCTAssertEqual(try server.segment(id, select: "statuscode")["statuscode"]?.intValue, Segments.SegmentStatus.error.outboundCode!, "not resumed")
    }

    func testWritesRefuseQueriesPastTheLimits() throws {
        let server = try TestServer(segments: 2, contacts: 5)
        let query = String(repeating: "(", count: 40) + "PROFILE(contact)" + String(repeating: ")", count: 40)
        let response = try server.post("msdyncrm_segments", #"{"msdyncrm_segmentname": "deep", "msdyncrm_segmentquery": "\#(query)"}"#)
        assertRefused(response, naming: "levels of parentheses")
        let draft = try server.post("msdyncrm_segments", #"{"msdyncrm_segmentname": "draft", "msdyncrm_segmentquery": "PROFILE(contact).FILTER("}"#)
        XCTAssertEqual(draft.status, 204, "a draft may still hold an unfinished query")
    }
}
