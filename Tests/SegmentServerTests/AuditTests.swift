import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

/// The service's audit records of its own writes, served as Dataverse serves them: `audits`,
/// `RetrieveRecordChangeHistory`, the audit switches; and the live list's reads it must answer
/// (`modifiedon gt` newest first, 304 to a matching `If-None-Match`) on the journeys sets.
final class AuditTests: XCTestCase {
    private let formatted = ["Prefer": "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""]

    private func history(_ server: TestServer, _ set: String, _ id: String) throws -> [JSONValue] {
        let target = percent("{'@odata.id':'\(set)(\(id))'}")
        let json = try server.getJSON("RetrieveRecordChangeHistory(Target=@target)?@target=\(target)", headers: formatted)
        return try XCTUnwrap(json["AuditDetailCollection"]?["AuditDetails"]?.arrayValue, "\(json)")
    }

    func testJourneysWritesAreAuditedWithOldAndNewValues() throws {
        let server = try TestServer.journeys()
        let (definition, segment) = try server.createPair(name: "Audited", query: "PROFILE(contact)")
        XCTAssertEqual(try server.patch("msdynmkt_segmentdefinitions(\(definition))", server.json(["msdynmkt_name": .string("Audited 2")])).status, 204)
        // A write that changes no audited column leaves no record, as Dataverse audits only changes.
        XCTAssertEqual(try server.patch("msdynmkt_segmentdefinitions(\(definition))", server.json(["msdynmkt_name": .string("Audited 2")])).status, 204)

        let details = try history(server, "msdynmkt_segmentdefinitions", definition)
        XCTAssertEqual(details.count, 2, "create and one rename: \(details)")
        let rename = try XCTUnwrap(details.first)
        XCTAssertEqual(rename["AuditRecord"]?["action"]?.intValue, 2)
        XCTAssertEqual(rename["AuditRecord"]?["operation@OData.Community.Display.V1.FormattedValue"]?.stringValue, "Update")
        XCTAssertEqual(rename["OldValue"]?["msdynmkt_name"]?.stringValue, "Audited")
        XCTAssertEqual(rename["NewValue"]?["msdynmkt_name"]?.stringValue, "Audited 2")
        XCTAssertNil(rename["NewValue"]?["msdynmkt_segmentquery"], "only changed columns")
        let user = try XCTUnwrap(rename["AuditRecord"]?["_userid_value@OData.Community.Display.V1.FormattedValue"]?.stringValue)
        XCTAssertFalse(user.isEmpty)
        let create = try XCTUnwrap(details.last)
        XCTAssertEqual(create["AuditRecord"]?["action"]?.intValue, 1)
        XCTAssertEqual(create["NewValue"]?["statuscode@OData.Community.Display.V1.FormattedValue"]?.stringValue, "Draft")

        // The same records as a collection, newest first, filtered on the record as the docs show.
        let audits = try server.getJSON("audits?$filter=_objectid_value%20eq%20\(definition)&$orderby=createdon%20desc")
        XCTAssertEqual(audits["value"]?.arrayValue?.count, 2)
        XCTAssertEqual(try history(server, "msdynmkt_segments", segment).count, 1, "the segment record has its own history")

        XCTAssertEqual(try server.send("DELETE", "msdynmkt_segments(\(segment))").status, 204)
        XCTAssertEqual(try history(server, "msdynmkt_segments", segment).first?["AuditRecord"]?["action"]?.intValue, 3, "a delete is kept")
        XCTAssertEqual(try server.get("audits").status, 200)
        XCTAssertEqual(try server.send("POST", "audits", body: "{}").status, 405, "read-only")
    }

    func testAuditSwitches() throws {
        let audited = try TestServer.journeys()
        let on = try audited.getJSON("EntityDefinitions(LogicalName='msdynmkt_segment')?$select=IsAuditEnabled")
        XCTAssertEqual(on["IsAuditEnabled"]?["Value"]?.boolValue, true)
        XCTAssertEqual(try audited.getJSON("organizations?$select=isauditenabled")["value"]?[0]?["isauditenabled"]?.boolValue, true)

        let quiet = try TestServer { $0.api = .journeys; $0.auditSegments = false }
        let (definition, _) = try quiet.createPair(name: "Quiet", query: "PROFILE(contact)")
        XCTAssertEqual(try history(quiet, "msdynmkt_segmentdefinitions", definition).count, 0)
        let off = try quiet.getJSON("EntityDefinitions(LogicalName='msdynmkt_segmentdefinition')?$select=IsAuditEnabled")
        XCTAssertEqual(off["IsAuditEnabled"]?["Value"]?.boolValue, false)
    }

    func testSeedIsNotAudited() throws {
        let server = try TestServer(segments: 30) { $0.api = .outbound }
        XCTAssertEqual(try server.getJSON("audits")["value"]?.arrayValue?.count, 0, "the demo's rows are nobody's writes")
        try server.restart(api: .journeys)
        XCTAssertEqual(try server.getJSON("audits")["value"]?.arrayValue?.count, 0, "nor are those seeded on a later start")
    }

    func testChangedSinceAndConditionalReadsOnDefinitions() throws {
        let server = try TestServer.journeys()
        let (definition, segment) = try server.createPair(name: "Fresh", query: "PROFILE(contact)")
        let record = try server.definition(definition)
        let modified = try XCTUnwrap(record["modifiedon"]?.stringValue)
        let etag = try XCTUnwrap(record["@odata.etag"]?.stringValue)
        XCTAssertEqual(try server.get("msdynmkt_segmentdefinitions(\(definition))", headers: ["If-None-Match": etag]).status, 304)
        let segmentTag = try XCTUnwrap(try server.journeySegment(segment)["@odata.etag"]?.stringValue)
        XCTAssertEqual(try server.get("msdynmkt_segments(\(segment))?$select=msdynmkt_segmentid", headers: ["If-None-Match": segmentTag]).status, 304)

        let since = "msdynmkt_segmentdefinitions?$select=msdynmkt_segmentdefinitionid&$orderby=modifiedon%20desc&$top=5&$filter="
        let before = try server.getJSON(since + percent("modifiedon gt \(modified)"))
        XCTAssertEqual(before["value"]?.arrayValue?.count, 0)
        let earlier = ODataDate.format(try XCTUnwrap(ODataDate.parse(modified)).addingTimeInterval(-1))
        let after = try server.getJSON(since + percent("modifiedon gt \(earlier)"))
        XCTAssertEqual(after["value"]?[0]?["msdynmkt_segmentdefinitionid"]?.stringValue, definition)
        let fractional = try server.getJSON(since + percent("modifiedon gt \(earlier.dropLast()).500Z"))
        XCTAssertEqual(fractional["value"]?.arrayValue?.count, 1, "fractional seconds, as Dataverse writes them")

        XCTAssertEqual(try server.patch("msdynmkt_segmentdefinitions(\(definition))", server.json(["msdynmkt_segmentquery": .string("PROFILE(lead)")])).status, 204)
        XCTAssertEqual(try server.get("msdynmkt_segmentdefinitions(\(definition))", headers: ["If-None-Match": etag]).status, 200)
    }
}
