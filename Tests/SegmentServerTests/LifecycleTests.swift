import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

final class LifecycleTests: XCTestCase {
    private func status(_ server: TestServer, _ id: String) throws -> Int? {
        try server.segment(id, select: "statuscode")["statuscode"]?.intValue
    }

    func testGoingLiveEvaluatesAndMovesOnToLive() throws {
        let server = try TestServer(segments: 20, contacts: 200)
        let id = try server.segmentId(named: "Gmail users")
        XCTAssertEqual(try status(server, id), 192_350_000)
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350006}"#).status, 204)
        XCTAssertEqual(try status(server, id), 192_350_006, "Going live first")
        try server.waitUntil(10, "Live") { try status(server, id) == 192_350_001 }
        let record = try server.segment(id)
        let expected = try server.getJSON("contacts?$count=true&$top=0&$filter=" + percent("endswith(emailaddress1,'@gmail.com')"))["@odata.count"]?.intValue
        XCTAssertEqual(record["msdyncrm_segmentsize"]?.intValue, expected)
        XCTAssertNotNil(record["msdyncrm_lastevaluationtime"]?.stringValue)
        XCTAssertEqual(record["msdyncrm_evaluationerror"], JSONValue.null)

        let rename = try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmentname": "renamed"}"#)
        XCTAssertEqual(rename.status, 400)
        XCTAssertTrue(TestServer.errorParts(rename).message?.contains("stop it") == true)
        let backToDraft = try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350000}"#)
        XCTAssertEqual(backToDraft.status, 400, "Live → Draft is not a transition the metadata allows")

        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350007}"#).status, 204)
        try server.waitUntil(10, "Stopped") { try status(server, id) == 192_350_002 }
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmentname": "renamed"}"#).status, 204)
    }

    func testInvalidQueryEndsInErrorWithTheReason() throws {
        let server = try TestServer(segments: 3, contacts: 10)
        let created = try server.post(
            "msdyncrm_segments", #"{"msdyncrm_segmentname": "Broken", "msdyncrm_segmentquery": "PROFILE(contact).FILTER(contact.nosuch == 1)"}"#)
        XCTAssertEqual(created.status, 204)
        let id = String(created.header("OData-EntityId")!.split(separator: "(").last!.dropLast())
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350006}"#).status, 204)
        try server.waitUntil(10, "Error") { try status(server, id) == 192_350_005 }
        let reason = try server.segment(id)["msdyncrm_evaluationerror"]?.stringValue ?? ""
        XCTAssertTrue(reason.contains("Unknown attribute 'nosuch'") && reason.contains("position 24"), reason)
        // Error → Going live is allowed once the query is fixed (while in Error, the query may change).
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmentquery": "PROFILE(contact)"}"#).status, 204)
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350006}"#).status, 204)
        try server.waitUntil(10, "Live after the fix") { try status(server, id) == 192_350_001 }
        XCTAssertEqual(try server.segment(id)["msdyncrm_segmentsize"]?.intValue, 10)
    }

    func testDirectLiveAsTheSeedDoes() throws {
        let server = try TestServer(segments: 3, contacts: 10)
        let bad = try server.post(
            "msdyncrm_segments", #"{"msdyncrm_segmentname": "Bad", "msdyncrm_segmentquery": "PROFILE(contact).FILTER(", "statuscode": 192350001}"#)
        XCTAssertEqual(bad.status, 400, "a direct Live validates at once")
        XCTAssertTrue(TestServer.errorParts(bad).message?.contains("position") == true)
        let good = try server.post(
            "msdyncrm_segments", #"{"msdyncrm_segmentname": "Good", "msdyncrm_segmentquery": "PROFILE(contact)", "statuscode": 192350001}"#)
        XCTAssertEqual(good.status, 204)
        let id = String(good.header("OData-EntityId")!.split(separator: "(").last!.dropLast())
        let record = try server.segment(id)
        XCTAssertEqual(record["statuscode"]?.intValue, 192_350_001)
        XCTAssertEqual(record["msdyncrm_segmentsize"]?.intValue, 10)
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350002}"#).status, 204, "Live → Stopped directly")
        XCTAssertEqual(try status(server, id), 192_350_002)
    }

    func testRestartFinishesAPendingGoLive() throws {
        let server = try TestServer(segments: 20, contacts: 30) { $0.lifecycleDelay = 30 }
        let id = try server.segmentId(named: "Gmail users")
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350006}"#).status, 204)
        XCTAssertEqual(try status(server, id), 192_350_006)
        try server.server.state.database.pool.write { db in
            try db.execute(sql: "UPDATE segments SET statusdue = 0 WHERE msdyncrm_segmentid = ?", arguments: [id])
        }
        try server.restart()
        try server.waitUntil(10, "Live after restart") { try status(server, id) == 192_350_001 }
    }
}

import GRDB
