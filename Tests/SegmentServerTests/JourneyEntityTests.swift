import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

final class JourneyEntityTests: XCTestCase {
    func testApiModesAnswerOnlyTheirEntitySetsAndActions() throws {
        let journeys = try TestServer.journeys(segments: 5, contacts: 20)
        let outboundSet = try journeys.get("msdyncrm_segments")
        XCTAssertEqual(outboundSet.status, 404)
        XCTAssertEqual(TestServer.errorParts(outboundSet).code, "0x8006088a")
        XCTAssertEqual(try journeys.post("msdyncrm_ValidateSegment", #"{"msdyncrm_segmenttype": 192350001}"#).status, 404)
        XCTAssertEqual(try journeys.get("msdynmkt_segments").status, 200)
        let document = try journeys.getJSON("")
        let sets = Set((document["value"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        XCTAssertTrue(sets.isSuperset(of: ["msdynmkt_segmentdefinitions", "msdynmkt_segments", "leads", "msdynmkt_segmentusages"]))
        XCTAssertFalse(sets.contains("msdyncrm_segments"))

        let outbound = try TestServer(segments: 5, contacts: 20) { $0.api = .outbound }
        XCTAssertEqual(try outbound.get("msdynmkt_segments").status, 404)
        XCTAssertEqual(try outbound.get("msdynmkt_segmentdefinitions").status, 404)
        XCTAssertEqual(try outbound.post("msdynmkt_MembersList", #"{"SegmentId": "0badc0de-0000-4000-8000-000000000000"}"#).status, 404)
        XCTAssertEqual(try outbound.get("msdyncrm_segments").status, 200)

        let both = try TestServer(segments: 5, contacts: 20) { $0.api = .both }
        XCTAssertEqual(try both.get("msdyncrm_segments").status, 200)
        XCTAssertEqual(try both.get("msdynmkt_segments").status, 200)
    }

    func testDemoSeedHasEveryKindAndStatusWithLabels() throws {
        let server = try TestServer.journeys(segments: 40, contacts: 300)
        let (rows, _) = try server.pageAll("msdynmkt_segments?$select=msdynmkt_displayname,msdynmkt_type,statuscode,msdynmkt_membercount", pageSize: 7)
        XCTAssertEqual(rows.count, 40)
        let statuses = Set(rows.compactMap { $0["statuscode"]?.intValue })
        XCTAssertTrue(statuses.isSuperset(of: [1, 2, 3, 7, 9]), "\(statuses)")
        XCTAssertEqual(Set(rows.compactMap { $0["msdynmkt_type"]?.intValue }), [10, 11])
        let labelled = try server.getJSON(
            "msdynmkt_segments?$select=statuscode,msdynmkt_type&$top=1",
            headers: ["Prefer": "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""])
        XCTAssertNotNil(labelled["value"]?[0]?["statuscode@OData.Community.Display.V1.FormattedValue"]?.stringValue)
        let (definitions, _) = try server.pageAll("msdynmkt_segmentdefinitions?$select=statuscode,msdynmkt_staticlistmembers", pageSize: 5000)
        XCTAssertEqual(definitions.count, 40)
        XCTAssertTrue(definitions.contains { ($0["msdynmkt_staticlistmembers"]?.stringValue ?? "").contains("Exclude") }, "a mixed segment")
        XCTAssertEqual(Set(definitions.compactMap { $0["statuscode"]?.intValue }).isSuperset(of: [723_270_000, 723_270_001, 723_270_004, 723_270_006]), true)
        let leads = try server.getJSON("leads?$count=true&$top=1")
        XCTAssertGreaterThan(leads["@odata.count"]?.intValue ?? 0, 0)
        let usages = try server.getJSON(
            "msdynmkt_segmentusages?$select=_msdynmkt_journeyid_value,_msdynmkt_segmentid_value,msdynmkt_usage",
            headers: ["Prefer": "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""])
        let journeyNames = Set((usages["value"]?.arrayValue ?? []).compactMap { $0["_msdynmkt_journeyid_value@OData.Community.Display.V1.FormattedValue"]?.stringValue })
        XCTAssertTrue(journeyNames.contains("Welcome series"), "\(journeyNames)")
    }

    func testCreateReadUpdateDeleteWithEtags() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 20)
        let representation = try server.post(
            "msdynmkt_segmentdefinitions", #"{"msdynmkt_name": "Returned", "msdynmkt_segmentquery": "PROFILE(contact)"}"#,
            headers: ["Prefer": "return=representation"])
        XCTAssertEqual(representation.status, 201)
        XCTAssertEqual(try JSONValue.parse(representation.body)["statuscode"]?.intValue, 723_270_001, "created as Draft")
        XCTAssertEqual(try JSONValue.parse(representation.body)["msdynmkt_disablesegmentrefresh"], .bool(false))

        let pair = try server.createPair(name: "VIP", query: "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1))")
        let segment = try server.journeySegment(pair.segment)
        XCTAssertEqual(segment["msdynmkt_sourcesegmentuid"]?.stringValue, pair.definition)
        XCTAssertEqual(segment["statecode"]?.intValue, 1)
        XCTAssertEqual(segment["statuscode"]?.intValue, 2)
        let etag = try XCTUnwrap(segment["@odata.etag"]?.stringValue)
        XCTAssertEqual(try server.get("msdynmkt_segments(\(pair.segment))", headers: ["If-None-Match": etag]).status, 304)
        XCTAssertEqual(try server.patch("msdynmkt_segments(\(pair.segment))", #"{"msdynmkt_description": "Renamed"}"#, headers: ["If-Match": etag]).status, 204)
        XCTAssertEqual(try server.patch("msdynmkt_segments(\(pair.segment))", #"{"msdynmkt_description": "Again"}"#, headers: ["If-Match": etag]).status, 412)
        XCTAssertEqual(try server.patch("msdynmkt_segments(\(pair.segment))", #"{"msdynmkt_baseentitylogicalname": "lead"}"#).status, 400)
        XCTAssertEqual(try server.patch("msdynmkt_segments(\(pair.segment))", #"{"msdynmkt_nosuch": 1}"#).status, 400)
        XCTAssertEqual(try server.patch("msdynmkt_segments(\(pair.segment))", #"{"msdynmkt_type": "11"}"#).status, 400, "wrong type")
        XCTAssertEqual(try server.patch("msdynmkt_segmentdefinitions(\(pair.definition))", #"{"statuscode": 723270000}"#).status, 400, "status moves by actions")
        let missing = "0badc0de-0000-4000-8000-000000000000"
        XCTAssertEqual(try server.patch("msdynmkt_segmentdefinitions(\(missing))", #"{"msdynmkt_name": "x"}"#, headers: ["If-Match": "*"]).status, 404)
        XCTAssertEqual(try server.send("DELETE", "msdynmkt_segments(\(pair.segment))").status, 204)
        XCTAssertEqual(try server.send("DELETE", "msdynmkt_segmentdefinitions(\(pair.definition))").status, 204)
        XCTAssertEqual(try server.get("msdynmkt_segments(\(pair.segment))").status, 404)
        XCTAssertEqual(try server.send("DELETE", "msdynmkt_segments(\(pair.segment))").status, 404)
    }

    func testDefinitionsByIdsAndSegmentsBySourceInOneRequest() throws {
        let server = try TestServer.journeys(segments: 60, contacts: 50)
        let (segments, _) = try server.pageAll("msdynmkt_segments?$select=msdynmkt_sourcesegmentuid&$orderby=modifiedon desc", pageSize: 50)
        let ids = Array(segments.compactMap { $0["msdynmkt_sourcesegmentuid"]?.stringValue }.prefix(50))
        XCTAssertEqual(ids.count, 50)
        let filter = ids.map { "msdynmkt_segmentdefinitionid eq \($0)" }.joined(separator: " or ")
        let definitions = try server.getJSON(
            "msdynmkt_segmentdefinitions?$select=msdynmkt_segmentquery,statuscode&$filter=" + percent(filter),
            headers: ["Prefer": "odata.maxpagesize=50"])
        XCTAssertEqual(Set((definitions["value"]?.arrayValue ?? []).compactMap { $0["msdynmkt_segmentdefinitionid"]?.stringValue }), Set(ids))
        let one = try server.getJSON("msdynmkt_segments?$filter=" + percent("msdynmkt_sourcesegmentuid eq '\(ids[3].uppercased())'"))
        XCTAssertEqual(one["value"]?.arrayValue?.count, 1, "GUID text matches whatever its case")
    }

    func testStaticListMembersIsValidatedOnWrite() throws {
        let server = try TestServer.journeys(segments: 3, contacts: 20)
        let pair = try server.createPair(name: "Groups", query: nil, groups: [(UUID().uuidString, true)])
        func patchGroups(_ text: String) throws -> HTTPResponse {
            try server.patch("msdynmkt_segmentdefinitions(\(pair.definition))", server.json(["msdynmkt_staticlistmembers": .string(text)]))
        }
        let eleven = TestServer.groupsText((0..<11).map { _ in (UUID().uuidString, true) })
        let tooMany = try patchGroups(eleven)
        XCTAssertEqual(tooMany.status, 400)
        XCTAssertTrue(TestServer.errorParts(tooMany).message?.contains("at most 10") == true)
        XCTAssertEqual(try patchGroups(TestServer.groupsText((0..<10).map { index in (UUID().uuidString, index % 2 == 0) })).status, 204)
        let same = UUID().uuidString
        let duplicate = try patchGroups(TestServer.groupsText([(same, true), (same, false)]))
        XCTAssertEqual(duplicate.status, 400)
        XCTAssertTrue(TestServer.errorParts(duplicate).message?.contains("used by two groups") == true)
        let badType = try patchGroups(#"[{"groupId":"\#(UUID().uuidString)","includeType":"Maybe","name":"x","inputType":"manualSelect"}]"#)
        XCTAssertEqual(badType.status, 400)
        XCTAssertTrue(TestServer.errorParts(badType).message?.contains("includeType") == true)
        XCTAssertEqual(try patchGroups("not json").status, 400)
    }

    func testDeletingASegmentUsedByAJourneyNamesTheJourneys() throws {
        let server = try TestServer.journeys(segments: 20, contacts: 50)
        let pair = try server.journeyPair(named: "Webinar attendees")
        let refused = try server.send("DELETE", "msdynmkt_segments(\(pair.segment))")
        XCTAssertEqual(refused.status, 400)
        XCTAssertTrue(TestServer.errorParts(refused).message?.contains("'Webinar follow-up'") == true, TestServer.errorParts(refused).message ?? "")
        XCTAssertEqual(try server.get("msdynmkt_segments(\(pair.segment))").status, 200, "still there")
    }
}
