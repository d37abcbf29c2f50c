import Dataverse
import Foundation
import GRDB
import XCTest

@testable import SegmentServer

final class ActionTests: XCTestCase {
    private func membersUpdate(_ server: TestServer, _ id: String, _ operation: String, ids: [String] = [], query: String? = nil) throws -> HTTPResponse {
        var body: [String: JSONValue] = ["msdyncrm_segmentid": .string(id), "msdyncrm_operation": .string(operation)]
        if !ids.isEmpty || operation.hasSuffix("ByIds") {
            body["msdyncrm_memberids"] = .string(String(decoding: JSONValue.array(ids.map(JSONValue.string)).jsonData(), as: UTF8.self))
        }
        if let query { body["msdyncrm_query"] = .string(query) }
        return try server.post("msdyncrm_SegmentMembersUpdate", String(decoding: JSONValue.object(body).jsonData(), as: UTF8.self))
    }

    func testMembersUpdateOperations() throws {
        let server = try TestServer(segments: 5, contacts: 50)
        let id = try server.segmentId(named: "O'Brien's VIP list")
        let before = try JSONValue.parse(try membersUpdate(server, id, "getState").body)["msdyncrm_segmentsize"]!.intValue!
        let etag = try server.segment(id)["@odata.etag"]!.stringValue!
        let all = try server.contactIds(50)
        let add = try membersUpdate(server, id, "addByIds", ids: all + ["0badc0de-0000-4000-8000-000000000000"])
        XCTAssertEqual(add.status, 202, "queued: " + String(decoding: add.body, as: UTF8.self))
        let added = try JSONValue.parse(add.body)
        XCTAssertEqual(added["msdyncrm_segmentsize"]?.intValue, 50)
        XCTAssertEqual(added["msdyncrm_added"]?.intValue, 50 - before)
        XCTAssertEqual(added["msdyncrm_ignored"]?.intValue, 1, "unknown ids are ignored")
        XCTAssertEqual(added["msdyncrm_state"]?.stringValue, "Queued")
        XCTAssertNotEqual(try server.segment(id)["@odata.etag"]?.stringValue, etag)
        let removed = try JSONValue.parse(try membersUpdate(server, id, "removeByIds", ids: Array(all.prefix(20))).body)
        XCTAssertEqual(removed["msdyncrm_removed"]?.intValue, 20)
        XCTAssertEqual(try server.segment(id, select: "msdyncrm_segmentsize")["msdyncrm_segmentsize"]?.intValue, 30)
        let byQuery = try membersUpdate(server, id, "addByQuery", query: "PROFILE(contact).FILTER(ISNULL(contact.telephone1) || ISNOTNULL(contact.telephone1))")
        XCTAssertEqual(try JSONValue.parse(byQuery.body)["msdyncrm_segmentsize"]?.intValue, 50)
        let tooMany = try membersUpdate(server, id, "addByIds", ids: (0...20_000).map { _ in UUID().uuidString })
        XCTAssertEqual(tooMany.status, 400)
        XCTAssertEqual(try membersUpdate(server, id, "shuffle").status, 400)
        let dynamic = try server.segmentId(named: "Newsletter subscribers")
        XCTAssertEqual(try membersUpdate(server, dynamic, "addByIds", ids: all).status, 400)
        XCTAssertEqual(try membersUpdate(server, "0badc0de-0000-4000-8000-000000000000", "getState").status, 404)
        // A Live static segment refuses member changes until stopped.
        XCTAssertEqual(try server.patch("msdyncrm_segments(\(id))", #"{"statuscode": 192350001}"#).status, 204)
        let live = try membersUpdate(server, id, "addByIds", ids: all)
        XCTAssertEqual(live.status, 400)
        XCTAssertTrue(TestServer.errorParts(live).message?.contains("stop it") == true)
    }

    func testConcurrentMemberChangesLoseNothing() throws {
        let server = try TestServer(segments: 5, contacts: 200)
        let id = try server.segmentId(named: "O'Brien's VIP list")
        _ = try server.patch("msdyncrm_segments(\(id))", #"{"msdyncrm_segmentmemberids": "[]"}"#)
        let contacts = try server.contactIds(200)
        let root = server.root
        let failures = Mutex(0)
        onThreads(50) { index in
            let transport = URLSessionTransport(timeout: 30)
            let chunk = Array(contacts[(index * 4)..<(index * 4 + 4)])
            let body = #"{"msdyncrm_segmentid": "\#(id)", "msdyncrm_operation": "addByIds", "msdyncrm_memberids": "\#(ActionRoutes.jsonArray(chunk).replacingOccurrences(of: "\"", with: "\\\""))"}"#
            let request = HTTPRequest(
                method: "POST", url: URL(string: root + "msdyncrm_SegmentMembersUpdate")!,
                headers: TestServer.standardHeaders.merging(["Content-Type": "application/json"]) { $1 }, body: Data(body.utf8))
            if (try? transport.send(request))?.status != 202 { failures.withLock { $0 += 1 } }
        }
        XCTAssertEqual(failures.withLock { $0 }, 0)
        XCTAssertEqual(try server.segment(id, select: "msdyncrm_segmentsize")["msdyncrm_segmentsize"]?.intValue, 200)
    }

    func testFetchContactsByQueryPagesMembers() throws {
        let server = try TestServer(segments: 10, contacts: 300)
        let id = try server.segmentId(named: "Spring webinar attendees")
        let queryName = try server.segment(id)["msdyncrm_segmentqueryname"]!.stringValue!
        let size = try server.segment(id)["msdyncrm_segmentsize"]!.intValue!
        XCTAssertEqual(size, 30)
        var seen: [String] = []
        var names: [String] = []
        var skip = 0
        while true {
            let query = "(SEGMENT(\(queryName))).ORDERBY(fullname ASC).SKIP(\(skip)).TAKE(7).SELECT(contactid, fullname)"
            let response = try server.post("msdyncrm_FetchContactsByQuery", #"{"Query": "\#(query)"}"#)
            XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
            let json = try JSONValue.parse(response.body)
            XCTAssertEqual(json["TotalCount"]?.intValue, 30)
            let contacts = json["Contacts"]?.arrayValue ?? []
            seen += contacts.compactMap { $0["contactid"]?.stringValue }
            names += contacts.compactMap { $0["fullname"]?.stringValue }
            skip += 7
            if json["MoreRecords"] != .bool(true) { break }
        }
        XCTAssertEqual(seen.count, 30)
        XCTAssertEqual(Set(seen).count, 30)
        let folded = names.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased() }
        XCTAssertEqual(folded, folded.sorted())
        let stored = try server.server.state.database.pool.read { db in
            try String.fetchSet(db, sql: "SELECT contactid FROM segment_members WHERE segmentid = ?", arguments: [id])
        }
        XCTAssertEqual(Set(seen), stored)

        let dynamic = try server.post(
            "msdyncrm_FetchContactsByQuery", #"{"Query": "PROFILE(contact).FILTER(ENDSWITH(contact.emailaddress1, '@gmail.com')).TAKE(5000)"}"#)
        let expected = try server.getJSON("contacts?$count=true&$top=0&$filter=" + percent("endswith(emailaddress1,'@gmail.com')"))
        XCTAssertEqual(try JSONValue.parse(dynamic.body)["TotalCount"], expected["@odata.count"])
        let bad = try server.post("msdyncrm_FetchContactsByQuery", #"{"Query": "SEGMENT(nosuch)"}"#)
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(TestServer.errorParts(bad).message?.contains("does not exist") == true)
    }

    func testValidateSegment() throws {
        let server = try TestServer(segments: 40, contacts: 20)
        func result(_ body: String) throws -> [JSONValue] {
            let response = try server.post("msdyncrm_ValidateSegment", body)
            XCTAssertEqual(response.status, 200)
            let text = try XCTUnwrap(JSONValue.parse(response.body)["ValidationResult"]?.stringValue)
            return try JSONValue.parse(Data(text.utf8)).arrayValue ?? []
        }
        XCTAssertEqual(try result(#"{"msdyncrm_segmenttype": 192350000, "msdyncrm_segmentquery": "PROFILE(contact, c).FILTER(ISNOTNULL(c.emailaddress1) && c.jobtitle == 'VP Sales')"}"#), [])
        let broken = try result(#"{"msdyncrm_segmenttype": 192350000, "msdyncrm_segmentquery": "PROFILE(contact).FILTER(CONTAINS(contact.fullname 'x'))"}"#)
        XCTAssertEqual(broken.first?["ErrorCode"]?.stringValue, "SegmentDciValidator_SegmentInvalid")
        XCTAssertEqual(broken.first?["FieldName"]?.stringValue, "msdyncrm_query")
        XCTAssertEqual(broken.first?["Position"]?.intValue, 50, "where the comma is missing")
        let name = try server.segment(try server.segmentId(named: "Newsletter subscribers"))["msdyncrm_segmentqueryname"]!.stringValue!
        XCTAssertEqual(try result(#"{"msdyncrm_segmenttype": 192350002, "msdyncrm_segmentquery": "SEGMENT(\#(name)) EXCEPT SEGMENT(\#(name))"}"#), [])
        let wrapped = try server.post(
            "msdyncrm_ValidateSegment", #"{"Segment": {"msdyncrm_segmenttype": 192350002, "msdyncrm_segmentquery": "SEGMENT(\#(name))"}}"#)
        XCTAssertEqual(wrapped.status, 400, "the columns go flat, not wrapped")
        XCTAssertTrue(TestServer.errorParts(wrapped).message?.contains("'Segment'") == true)
        let missing = try result(#"{"msdyncrm_segmenttype": 192350002, "msdyncrm_segmentquery": "SEGMENT(\#(name)) UNION SEGMENT(SEGMENT_CRM_ID_0)"}"#)
        XCTAssertTrue(missing.first?["Message"]?.stringValue?.contains("does not exist") == true)
        XCTAssertEqual(try result(#"{"msdyncrm_segmenttype": 192350001}"#), [], "static segments have no query to validate")
    }

    func testContactsAndServiceDocument() throws {
        let server = try TestServer(segments: 3, contacts: 120) { $0.api = .outbound }
        let (rows, pages) = try server.pageAll("contacts?$select=fullname,emailaddress1&$orderby=fullname", pageSize: 50)
        XCTAssertEqual(rows.count, 120)
        XCTAssertEqual(pages, 3)
        let id = try XCTUnwrap(rows.first?["contactid"]?.stringValue)
        let one = try server.getJSON("contacts(\(id))", headers: ["Prefer": "odata.include-annotations=\"*\""])
        XCTAssertEqual(one["contactid"]?.stringValue, id)
        if one["_parentcustomerid_value"] != .null {
            XCTAssertNotNil(one["_parentcustomerid_value@OData.Community.Display.V1.FormattedValue"]?.stringValue)
            XCTAssertEqual(one["_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]?.stringValue, "account")
        }
        let missing = try server.get("contacts(0badc0de-0000-4000-8000-000000000000)")
        XCTAssertEqual(TestServer.errorParts(missing).message, "contact With Id = 0badc0de-0000-4000-8000-000000000000 Does Not Exist")
        XCTAssertEqual(try server.send("DELETE", "contacts(\(id))").status, 405)
        let document = try server.getJSON("")
        let sets = (document["value"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        XCTAssertEqual(sets, ["msdyncrm_segments", "contacts"])
    }
}

import Synchronization
