import Dataverse
import Foundation
import Segments
import XCTest

@testable import SegmentServer

final class RecordTests: XCTestCase {
    static let annotations = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""
    static let formatted = "@OData.Community.Display.V1.FormattedValue"

    func testGetByKeyAndNotFound() throws {
        let server = try TestServer()
        let first = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname&$top=1")["value"]![0]!
        let id = try XCTUnwrap(first["msdyncrm_segmentid"]?.stringValue)
        let record = try server.get("msdyncrm_segments(\(id))")
        XCTAssertEqual(record.status, 200)
        let json = try JSONValue.parse(record.body)
        XCTAssertEqual(json["msdyncrm_segmentname"], first["msdyncrm_segmentname"])
        XCTAssertEqual(json["@odata.context"]?.stringValue, server.root + "$metadata#msdyncrm_segments/$entity")
        for attribute in Segments.SegmentAttribute.readable { XCTAssertNotNil(json[attribute], "\(attribute) is sent, even when null") }
        let etag = try XCTUnwrap(json["@odata.etag"]?.stringValue)
        XCTAssertEqual(etag, "W/\"\(json["versionnumber"]!.intValue!)\"")
        XCTAssertEqual(record.header("ETag"), etag)
        XCTAssertEqual(try server.get("msdyncrm_segments(\(id))", headers: ["If-None-Match": etag]).status, 304)

        let braces = try server.getJSON("msdyncrm_segments({\(id.uppercased())})?$select=statuscode")
        XCTAssertEqual(Set(braces.objectValue!.keys), ["@odata.context", "@odata.etag", "statuscode", "msdyncrm_segmentid"])

        let missingId = "23fa0663-6fe2-e811-a989-000d3a135be0"
        let missing = try server.get("msdyncrm_segments(\(missingId))")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(TestServer.errorParts(missing).code, "0x80040217")
        XCTAssertEqual(TestServer.errorParts(missing).message, "msdyncrm_segment With Id = \(missingId) Does Not Exist")
        XCTAssertEqual(try server.get("msdyncrm_segments(not-a-guid)").status, 400)
        XCTAssertEqual(try server.get("msdyncrm_segments(\(id))?$select=bogus").status, 400)
    }

    func testAnnotationsOnlyWhenAsked() throws {
        let server = try TestServer()
        let path = "msdyncrm_segments?$select=msdyncrm_segmentname,msdyncrm_segmenttype,statuscode,statecode,msdyncrm_segmentsize,modifiedon,_ownerid_value&$filter=" + percent("msdyncrm_segmentname eq 'Newsletter subscribers'")
        let plain = try server.get(path)
        XCTAssertNil(plain.header("Preference-Applied"))
        XCTAssertFalse(String(decoding: plain.body, as: UTF8.self).contains(Self.formatted))

        let labelled = try server.get(path, headers: ["Prefer": "odata.maxpagesize=10," + Self.annotations])
        XCTAssertEqual(labelled.header("Preference-Applied"), "odata.maxpagesize=10," + Self.annotations)
        let row = try XCTUnwrap(JSONValue.parse(labelled.body)["value"]?[0])
        XCTAssertEqual(row["msdyncrm_segmenttype" + Self.formatted]?.stringValue, "Dynamic")
        XCTAssertEqual(row["statuscode" + Self.formatted]?.stringValue, "Live")
        XCTAssertEqual(row["statecode" + Self.formatted]?.stringValue, "Active")
        let size = try XCTUnwrap(row["msdyncrm_segmentsize"]?.intValue)
        XCTAssertEqual(row["msdyncrm_segmentsize" + Self.formatted]?.stringValue, grouped(size))
        let modified = try XCTUnwrap(row["modifiedon"]?.stringValue)
        XCTAssertTrue(modified.hasSuffix("Z") && modified.count == 20, modified)
        let label = try XCTUnwrap(row["modifiedon" + Self.formatted]?.stringValue)
        XCTAssertNotNil(label.range(of: #"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2} (AM|PM)$"#, options: String.CompareOptions.regularExpression), label)
        XCTAssertNotNil(row["_ownerid_value" + Self.formatted]?.stringValue)
        XCTAssertNil(row["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"])

        let everything = try server.getJSON(path, headers: ["Prefer": "odata.include-annotations=\"*\""])
        let full = try XCTUnwrap(everything["value"]?[0])
        XCTAssertEqual(full["_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]?.stringValue, "systemuser")
        XCTAssertEqual(full["statuscode" + Self.formatted]?.stringValue, "Live")

        // A null value has no label beside it.
        let drafts = try server.getJSON(
            "msdyncrm_segments?$select=msdyncrm_segmentsize&$filter=" + percent("msdyncrm_segmentsize eq null"),
            headers: ["Prefer": Self.annotations])
        let draft = try XCTUnwrap(drafts["value"]?[0])
        XCTAssertEqual(draft["msdyncrm_segmentsize"], JSONValue.null)
        XCTAssertNil(draft["msdyncrm_segmentsize" + Self.formatted])
    }

    func testTheDataverseClientReadsTheService() throws {
        let server = try TestServer()
        let service = OutboundSegmentService(client: DataverseClient(organization: server.server.baseURL))
        let page = try service.firstPage(SegmentListQuery(nameContains: "sao", pageSize: 10))
        XCTAssertEqual(page.segments.map(\.name), ["Clientes de São Paulo"])
        XCTAssertEqual(page.segments.first?.labels[.status], "Live")
        var all: [Segment] = []
        var next = try service.firstPage(SegmentListQuery(sortKey: .name, descending: false, pageSize: 7))
        all += next.segments
        XCTAssertEqual(next.totalCount, 40)
        while let continuation = next.next {
            next = try service.nextPage(continuation)
            all += next.segments
        }
        XCTAssertEqual(all.count, 40)
        XCTAssertEqual(Set(all.map(\.id)).count, 40)
        let one = try service.segment(id: all[3].id)
        XCTAssertEqual(one.name, all[3].name)
        let who = try DataverseClient(organization: server.server.baseURL).whoAmI()
        XCTAssertEqual(who.userId, server.server.state.identity.userId)
    }

    func testDataSurvivesRestartWithoutReseeding() throws {
        let server = try TestServer(segments: 25, contacts: 30)
        let before = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname,versionnumber&$orderby=msdyncrm_segmentname")
        let whoBefore = try server.getJSON("WhoAmI")
        XCTAssertEqual(whoBefore["@odata.context"]?.stringValue, server.root + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse")
        try server.server.state.database.pool.write { db in
            try db.execute(sql: "DELETE FROM segments WHERE msdyncrm_segmentname = 'Newsletter subscribers'")
        }
        try server.restart(segments: 60, contacts: 10)
        let after = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname,versionnumber&$orderby=msdyncrm_segmentname")
        let beforeRows = (before["value"]?.arrayValue ?? []).filter { $0["msdyncrm_segmentname"]?.stringValue != "Newsletter subscribers" }
        XCTAssertEqual(after["value"]?.arrayValue, beforeRows, "same rows, and the deletion is not undone by a reseed")
        XCTAssertEqual(after["value"]?.arrayValue?.count, 24)
        let whoAfter = try server.getJSON("WhoAmI")
        for key in ["UserId", "BusinessUnitId", "OrganizationId"] {
            XCTAssertEqual(whoAfter[key], whoBefore[key])
            XCTAssertNotNil(GUIDCheck.valid(whoAfter[key]?.stringValue))
        }
    }

    func testLoopbackIsRecognised() {
        for host in ["127.0.0.1", "localhost", "::1", "[::1]"] {
            XCTAssertTrue(SegmentServerConfiguration(databasePath: "/x", host: host).isLoopback, host)
        }
        // Only these exact names: 127.0.0.2 is loopback on Linux but not on every system, and a
        // host name that starts with "127." can resolve anywhere.
        for host in ["0.0.0.0", "::", "192.168.1.4", "example.org", "127.0.0.2", "127.example.org"] {
            XCTAssertFalse(SegmentServerConfiguration(databasePath: "/x", host: host).isLoopback, host)
        }
    }

    func testSecondServerOnTheSamePortFails() throws {
        let server = try TestServer(segments: 3, contacts: 3)
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-port-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: other) }
        XCTAssertThrowsError(
            try SegmentServer.start(SegmentServerConfiguration(databasePath: other, port: server.server.port, seedSegments: 1, seedContacts: 1)))
    }
}

enum GUIDCheck {
    static func valid(_ text: String?) -> String? { text.flatMap { UUID(uuidString: $0) }.map { _ in text! } }
}
