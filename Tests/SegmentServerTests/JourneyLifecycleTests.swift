import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

final class JourneyLifecycleTests: XCTestCase {
    func testPublishGoesLiveWithACountThenStopsAndCanBeEditedAgain() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 200)
        let pair = try server.createPair(name: "Emailable", query: "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1))")
        XCTAssertEqual(try server.publish(pair.segment).status, 204)
        XCTAssertEqual(try server.definitionStatus(pair.definition), 723_270_002, "Going live first")
        XCTAssertEqual(try server.journeySegment(pair.segment)["statuscode"]?.intValue, 5, "Exporting")
        try server.waitForStatus(pair.definition, 723_270_000)
        let segment = try server.journeySegment(pair.segment)
        XCTAssertEqual(segment["statecode"]?.intValue, 0)
        XCTAssertEqual(segment["statuscode"]?.intValue, 1)
        let expected = try server.ids("contacts", key: "contactid", filter: "emailaddress1 ne null").count
        XCTAssertEqual(segment["msdynmkt_membercount"]?.intValue, expected)
        let definition = try server.definition(pair.definition)
        XCTAssertEqual(definition["msdynmkt_computationstatus"]?.intValue, 723_270_001)
        XCTAssertNotNil(definition["msdynmkt_computationfinishedon"]?.stringValue)
        let status = try server.actionText("msdynmkt_SegmentStatus", ["SegmentId": .string(pair.segment)])
        XCTAssertEqual(status["lastExecution"]?["status"]?.stringValue, "Success")

        let edit = try server.patch("msdynmkt_segmentdefinitions(\(pair.definition))", #"{"msdynmkt_segmentquery": "PROFILE(contact)"}"#)
        XCTAssertEqual(edit.status, 400)
        XCTAssertTrue(TestServer.errorParts(edit).message?.contains("stop it first") == true)
        XCTAssertEqual(try server.publish(pair.segment).status, 400, "already live")

        let results = try server.stop([pair.segment])
        XCTAssertEqual(results.first?["WasStopped"], .bool(true))
        XCTAssertEqual(try server.journeySegment(pair.segment)["statuscode"]?.intValue, 8, "Stopping")
        try server.waitForStatus(pair.definition, 723_270_006)
        XCTAssertEqual(try server.journeySegment(pair.segment)["statuscode"]?.intValue, 9, "Stopped")
        XCTAssertEqual(try server.patch("msdynmkt_segmentdefinitions(\(pair.definition))", #"{"msdynmkt_segmentquery": "PROFILE(contact)"}"#).status, 204)
        XCTAssertEqual(try server.publish(pair.segment).status, 204, "a stopped segment publishes again")
        try server.waitForStatus(pair.definition, 723_270_000)
        XCTAssertEqual(try server.journeySegment(pair.segment)["msdynmkt_membercount"]?.intValue, 200)
    }

    func testAQueryThatDoesNotParseIsRefusedWithItsPosition() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 10)
        let pair = try server.createPair(name: "Typo", query: "PROFILE(contact).FILTER(CONTAINS(fullname 'x'))")
        let refused = try server.publish(pair.segment)
        XCTAssertEqual(refused.status, 400)
        XCTAssertTrue(TestServer.errorParts(refused).message?.contains("at position 42") == true, TestServer.errorParts(refused).message ?? "")
        XCTAssertEqual(try server.definitionStatus(pair.definition), 723_270_001, "still Draft")
    }

    func testAnEvaluationThatFailsEndsInErrorWithItsReason() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 10)
        let pair = try server.createPair(name: "Dangling", query: "SEGMENT(SEGMENT_CJO_ID_0badc0de000040008000000000000000)")
        XCTAssertEqual(try server.publish(pair.segment).status, 204)
        try server.waitUntil(15, "Error") { try server.journeySegment(pair.segment)["statuscode"]?.intValue == 3 }
        let status = try server.actionText("msdynmkt_SegmentStatus", ["SegmentId": .string(pair.segment)])
        XCTAssertEqual(status["status"]?.stringValue, "Error")
        XCTAssertEqual(status["lastExecution"]?["status"]?.stringValue, "Error")
        XCTAssertTrue(status["lastExecution"]?["reason"]?.stringValue?.contains("does not exist") == true)
        XCTAssertEqual(try server.definitionStatus(pair.definition), 723_270_001, "back to Draft, publishable again")
    }

    func testStopIsRefusedWhileAJourneyOrALiveSegmentUsesIt() throws {
        let server = try TestServer.journeys(segments: 20, contacts: 100)
        let used = try server.journeyPair(named: "Newsletter subscribers")
        let result = try XCTUnwrap(try server.stop([used.segment]).first)
        XCTAssertEqual(result["WasStopped"], .bool(false))
        XCTAssertEqual(result["DependentJourneys"]?.arrayValue?.compactMap(\.stringValue), ["Welcome series"])
        let combined = try server.journeyPair(named: "Newsletter or Contoso")
        XCTAssertTrue(result["DependentSegments"]?.arrayValue?.compactMap(\.stringValue).contains(combined.segment) == true)
        XCTAssertEqual(try server.definitionStatus(used.definition), 723_270_000, "still Live")
        // Unused and live: it stops.
        let free = try server.stop([combined.segment])
        XCTAssertEqual(free.first?["WasStopped"], .bool(true))
    }

    func testPendingMovesResumeAfterARestart() throws {
        let server = try TestServer(segments: 3, contacts: 50) {
            $0.api = .journeys
            $0.lifecycleDelay = 600
        }
        let pair = try server.createPair(name: "Slow", query: "PROFILE(contact)")
        XCTAssertEqual(try server.publish(pair.segment).status, 204)
        XCTAssertEqual(try server.definitionStatus(pair.definition), 723_270_002)
        // The due time is stored; a restart with a short delay still honours the stored one, so
        // move it into the past the way time would.
        try server.server.state.database.pool.write { db in
            try db.execute(sql: "UPDATE jx_definitions SET statusdue = 0 WHERE msdynmkt_segmentdefinitionid = ?", arguments: [pair.definition])
        }
        try server.restart(segments: 3, contacts: 50)
        try server.waitForStatus(pair.definition, 723_270_000)
        XCTAssertEqual(try server.journeySegment(pair.segment)["msdynmkt_membercount"]?.intValue, 50)
    }
}
