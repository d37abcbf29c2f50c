import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

final class WriteTests: XCTestCase {
    func testCreateAnswersWithEntityIdOrRepresentation() throws {
        let server = try TestServer(segments: 5, contacts: 20)
        let members = try server.contactIds(3).map { "\"crm\($0)\"" }.joined(separator: ",")
        let body = """
            {"msdyncrm_segmentname": "StaticSegmentApi1", "msdyncrm_segmenttype": 192350001, "statuscode": 192350000,
             "msdyncrm_segmentmemberids": "[\(members.replacingOccurrences(of: "\"", with: "\\\""))]"}
            """
        let created = try server.post("msdyncrm_segments", body)
        XCTAssertEqual(created.status, 204, String(decoding: created.body, as: UTF8.self))
        let entityId = try XCTUnwrap(created.header("OData-EntityId"))
        XCTAssertTrue(entityId.hasPrefix(server.root + "msdyncrm_segments("), entityId)
        let id = String(entityId.dropFirst((server.root + "msdyncrm_segments(").count).dropLast())
        let record = try server.segment(id)
        XCTAssertEqual(record["msdyncrm_segmentname"]?.stringValue, "StaticSegmentApi1")
        XCTAssertEqual(record["msdyncrm_segmentsize"]?.intValue, 3)
        XCTAssertEqual(record["msdyncrm_segmentqueryname"]?.stringValue, "SEGMENT_CRM_ID_" + id.replacingOccurrences(of: "-", with: ""))
        XCTAssertEqual(record["_ownerid_value"]?.stringValue, server.server.state.identity.userId)
        XCTAssertNil(record["msdyncrm_segmentmemberids"], "write-only: never read back")

        let represented = try server.post(
            "msdyncrm_segments?$select=msdyncrm_segmentname,statuscode", #"{"msdyncrm_segmentname": "Représentation", "msdyncrm_segmenttype": 192350000, "msdyncrm_segmentquery": "PROFILE(contact)"}"#,
            headers: ["Prefer": "return=representation"])
        XCTAssertEqual(represented.status, 201)
        XCTAssertEqual(represented.header("Preference-Applied"), "return=representation")
        let json = try JSONValue.parse(represented.body)
        XCTAssertEqual(json["msdyncrm_segmentname"]?.stringValue, "Représentation")
        XCTAssertEqual(json["statuscode"]?.intValue, 192_350_000)
        XCTAssertNotNil(json["@odata.etag"])
    }

    func testValidationOfBodies() throws {
        let server = try TestServer(segments: 2, contacts: 5)
        func refused(_ body: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let response = try server.post("msdyncrm_segments", body)
            XCTAssertEqual(response.status, 400, body, file: file, line: line)
            let message = TestServer.errorParts(response).message ?? ""
            XCTAssertTrue(message.contains(fragment), "\(message) lacks \(fragment)", file: file, line: line)
        }
        try refused(#"{"msdyncrm_segmentname": "x", "name": "y"}"#, "The property 'name' does not exist")
        try refused(#"{"msdyncrm_segmentname": "\#(String(repeating: "n", count: 101))"}"#, "maximum allowed length of '100'")
        try refused(#"{"msdyncrm_segmentname": "x", "msdyncrm_description": "\#(String(repeating: "d", count: 2001))"}"#, "'2000'")
        try refused(#"{"msdyncrm_segmentname": "x", "msdyncrm_segmentquery": "\#(String(repeating: "q", count: 4001))"}"#, "'4000'")
        try refused(#"{"msdyncrm_segmentname": "x", "msdyncrm_segmenttype": "Static"}"#, "Edm.Int32")
        try refused(#"{"msdyncrm_segmentname": "x", "msdyncrm_segmenttype": 5}"#, "not a valid value")
        try refused(#"{"msdyncrm_segmenttype": 192350001}"#, "msdyncrm_segmentname is required")
        try refused(#"{"msdyncrm_segmentname": "x", "msdyncrm_segmenttype": 192350001, "msdyncrm_segmentmemberids": "[\"abc\"]"}"#, "item 0")
        try refused(#"{"msdyncrm_segmentname": "x", "msdyncrm_segmentmemberids": "[]"}"#, "Only a static segment")
        try refused(#"{"msdyncrm_segmentname": "x", "msdyncrm_segmenttype": 192350001, "msdyncrm_segmentquery": "PROFILE(contact)"}"#, "no query")
        let notJSON = try server.post("msdyncrm_segments", "{nope")
        XCTAssertEqual(notJSON.status, 400)
        XCTAssertEqual(try server.post("contacts", "{}").status, 405)
    }

    func testPatchIsAnUpsertWithConditions() throws {
        let server = try TestServer(segments: 5, contacts: 5)
        let id = "4b1c2d3e-0000-4000-8000-00000000abcd"
        let refusedInsert = try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmentname": "x"}"#, headers: ["If-Match": "*"])
        XCTAssertEqual(refusedInsert.status, 404)
        XCTAssertEqual(TestServer.errorParts(refusedInsert).code, "0x80040217")
        let inserted = try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmentname": "Upserted"}"#)
        XCTAssertEqual(inserted.status, 204)
        let first = try server.segment(id)
        let etag = try XCTUnwrap(first["@odata.etag"]?.stringValue)
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmentname": "again"}"#, headers: ["If-None-Match": "*"]).status, 412)
        let updated = try server.patch(
            "msdyncrm_segments(\(id))", #"{"msdyncrm_description": "new words"}"#, headers: ["If-Match": etag, "Prefer": "return=representation"])
        XCTAssertEqual(updated.status, 200)
        let second = try JSONValue.parse(updated.body)
        XCTAssertEqual(second["msdyncrm_description"]?.stringValue, "new words")
        XCTAssertNotEqual(second["@odata.etag"]?.stringValue, etag, "every write gives a new ETag")
        let stale = try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_description": "lost"}"#, headers: ["If-Match": etag])
        XCTAssertEqual(stale.status, 412)
        XCTAssertEqual(TestServer.errorParts(stale).code, "0x80060882")
        XCTAssertEqual(try server.segment(id)["msdyncrm_description"]?.stringValue, "new words")
        let typeChange = try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmenttype": 192350001}"#)
        XCTAssertEqual(typeChange.status, 400)
        XCTAssertTrue(TestServer.errorParts(typeChange).message?.contains("cannot change") == true)
    }

    func testDelete() throws {
        let server = try TestServer(segments: 5, contacts: 5)
        let id = try server.segmentId(named: "O'Brien's VIP list")
        let etag = try server.segment(id)["@odata.etag"]!.stringValue!
        XCTAssertEqual(try server.send("DELETE", "msdyncrm_segments(\(id))", headers: ["If-Match": "W/\"1\""]).status, 412)
        XCTAssertEqual(try server.send("DELETE", "msdyncrm_segments(\(id))", headers: ["If-Match": etag]).status, 204)
        XCTAssertEqual(try server.get("msdyncrm_segments(\(id))").status, 404)
        let again = try server.send("DELETE", "msdyncrm_segments(\(id))")
        XCTAssertEqual(again.status, 404)
        XCTAssertEqual(TestServer.errorParts(again).code, "0x80040217")
        let members = try server.server.state.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM segment_members WHERE segmentid = ?", arguments: [id])
        }
        XCTAssertEqual(members, 0)
    }
}

import GRDB
