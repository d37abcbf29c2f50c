import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

/// MQL over HTTP: each query's MembersList against what an independent OData `$filter` selects.
final class JourneyQueryTests: XCTestCase {
    /// One seeded server for the whole class (every test only adds segments); stopped and removed in tearDown.
    nonisolated(unsafe) private static var shared: TestServer?

    private static var server: Result<TestServer, any Error> {
        if let shared { return .success(shared) }
        return Result {
            let server = try TestServer.journeys(segments: 20, contacts: 300)
            shared = server
            return server
        }
    }

    override class func tearDown() {
        shared = nil
        super.tearDown()
    }

    private func members(_ query: String, base: String = "contact", file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let server = try Self.server.get()
        let pair = try server.createPair(name: "Q", query: query, base: base, file: file, line: line)
        return try server.membersList(pair.segment, file: file, line: line)
    }

    private func contacts(_ filter: String?) throws -> [String] {
        try Self.server.get().ids("contacts", key: "contactid", filter: filter)
    }

    func testEachOperator() throws {
        XCTAssertEqual(try members("PROFILE(contact)"), try contacts(nil))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(jobtitle == 'Sales Representative')"), try contacts("jobtitle eq 'Sales Representative'"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(jobtitle != 'Sales Representative')"), try contacts("jobtitle ne 'Sales Representative'"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(lastname < 'M')"), try contacts("lastname lt 'M'"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(lastname <= 'Moore')"), try contacts("lastname le 'Moore'"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(lastname > 'M')"), try contacts("lastname gt 'M'"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(lastname >= 'Moore')"), try contacts("lastname ge 'Moore'"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(ISNULL(telephone1))"), try contacts("telephone1 eq null"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(ISNOTNULL(telephone1))"), try contacts("telephone1 ne null"))
        XCTAssertEqual(try members("PROFILE(contact).FILTER(CONTAINS(emailaddress1, 'gmail'))"), try contacts("contains(emailaddress1,'gmail')"))
        XCTAssertEqual(
            try members("PROFILE(contact).FILTER(ISNULL(telephone1) && (CONTAINS(jobtitle, 'Manager') || jobtitle == 'VP Sales'))"),
            try contacts("telephone1 eq null and (contains(jobtitle,'Manager') or jobtitle eq 'VP Sales')"))
        XCTAssertFalse(try members("PROFILE(contact).FILTER(CONTAINS(jobtitle, 'Manager'))").isEmpty, "the data exercises the query")
    }

    func testLeadsAndRelationsToTheParentAccount() throws {
        let server = try Self.server.get()
        let leads = try server.ids("leads", key: "leadid", filter: "emailaddress1 ne null")
        XCTAssertFalse(leads.isEmpty)
        XCTAssertEqual(try members("PROFILE(lead).FILTER(ISNOTNULL(emailaddress1))", base: "lead"), leads)
        let accounts = try server.getJSON("accounts?$filter=" + percent("name eq 'Contoso Ltd'"))
        let contoso = try XCTUnwrap(accounts["value"]?[0]?["accountid"]?.stringValue)
        let related = try contacts("_parentcustomerid_value eq \(contoso)")
        XCTAssertFalse(related.isEmpty)
        XCTAssertEqual(try members("PROFILE(contact).RELATE(contact_account_parentcustomerid, acc).FILTER(acc.name == 'Contoso Ltd')"), related)
        XCTAssertEqual(try members("PROFILE(contact).RELATE(contact_customer_accounts, acc).FILTER(acc.name == 'Contoso Ltd')"), related)
        XCTAssertEqual(
            try members("PROFILE(contact).RELATEOPTIONAL(contact_customer_accounts, acc).FILTER(ISNULL(acc.name))"),
            try contacts("_parentcustomerid_value eq null"), "optional keeps contacts without an account")
        XCTAssertEqual(
            try members("PROFILE(lead).RELATE(lead_parent_account, a).FILTER(a.name == 'Contoso Ltd')", base: "lead"),
            try server.ids("leads", key: "leadid", filter: "_parentaccountid_value eq \(contoso)"))
    }

    func testSegmentReferencesAndSetOperators() throws {
        let server = try Self.server.get()
        let gmail = try server.createPair(name: "Gmail", query: "PROFILE(contact).FILTER(CONTAINS(emailaddress1, 'gmail'))")
        let managers = try server.createPair(name: "Managers", query: "PROFILE(contact).FILTER(CONTAINS(jobtitle, 'Manager'))")
        let g = "SEGMENT(SEGMENT_CJO_ID_\(gmail.segment.replacingOccurrences(of: "-", with: "")))"
        let m = "SEGMENT(SEGMENT_CJO_ID_\(managers.segment.replacingOccurrences(of: "-", with: "").uppercased()))"
        let a = Set(try server.membersList(gmail.segment))
        let b = Set(try server.membersList(managers.segment))
        XCTAssertEqual(Set(try members("\(g) UNION \(m)")), a.union(b))
        XCTAssertEqual(Set(try members("\(g) INTERSECT \(m)")), a.intersection(b))
        XCTAssertEqual(Set(try members("\(g) EXCEPT \(m)")), a.subtracting(b))
        XCTAssertEqual(Set(try members("PROFILE(contact) EXCEPT (\(g) UNION \(m))")), Set(try contacts(nil)).subtracting(a.union(b)))
    }

    func testErrorsCarryTheirPosition() throws {
        let server = try Self.server.get()
        for (query, position) in [
            ("PROFILE(account)", 8), ("PROFILE(contact).FILTER(nosuch == 1)", 24),
            ("PROFILE(contact).RELATE(contact_nowhere, acc)", 17), ("PROFILE(contact).FILTER(acc.name == 'x')", 24),
            ("PROFILE(contact) UNION", 22), ("SEGMENT(SEGMENT_CJO_ID_123)", 0),
        ] {
            let pair = try server.createPair(name: "Bad", query: query)
            let refused = try server.post("msdynmkt_MembersList", server.json(["SegmentId": .string(pair.segment)]))
            let published = try server.publish(pair.segment)
            let message = [TestServer.errorParts(refused).message, TestServer.errorParts(published).message].compactMap { $0 }.joined(separator: " | ")
            XCTAssertEqual(refused.status, 400, query)
            XCTAssertTrue(message.contains("at position \(position)"), "\(query): \(message)")
        }
    }
}
