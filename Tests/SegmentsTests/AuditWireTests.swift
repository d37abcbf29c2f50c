import Dataverse
import Foundation
import Segments
import XCTest

/// The history's wire (AuditWire): `RetrieveRecordChangeHistory` in the shape the docs and public
/// integrations show, read tolerantly, and the audit switches asked only when the answer is empty.
final class AuditWireTests: XCTestCase {
    static let root = URL(string: "https://contoso.crm.dynamics.com")!
    static let segment = "8d2f5c0e-3b1a-4f7e-9a61-2c4b7d0e9f13"
    private let formatted = "@OData.Community.Display.V1.FormattedValue"

    private func outbound(_ replies: [HTTPResponse]) -> (OutboundSegmentService, RecordingTransport) {
        let transport = RecordingTransport(replies: replies)
        return (OutboundSegmentService(client: DataverseClient(organization: Self.root, transport: transport, retry: .none)), transport)
    }

    func testOneRequestNewestFirstWithLabelsAndValues() throws {
        let reply = """
            {"AuditDetailCollection": {"MoreRecords": false, "AuditDetails": [
              {"@odata.type": "#Microsoft.Dynamics.CRM.AttributeAuditDetail",
               "AuditRecord": {"auditid": "a1", "createdon": "2026-11-27T16:05:11Z", "operation": 1, "action": 1,
                               "_userid_value": "u1", "_userid_value\(formatted)": "Ada Admin"},
               "NewValue": {"@odata.type": "#Microsoft.Dynamics.CRM.msdyncrm_segment", "msdyncrm_segmentname": "VIP"}},
              {"AuditRecord": {"auditid": "a2", "createdon": "2026-11-28T09:00:00Z", "operation": 2, "action": 2,
                               "_userid_value": "u2"},
               "OldValue": {"msdyncrm_segmentname": "VIP", "statuscode": 192350000, "statuscode\(formatted)": "Draft"},
               "NewValue": {"msdyncrm_segmentname": "VIP list", "statuscode": 192350006, "statuscode\(formatted)": "Going live"}},
              {"AuditRecord": {"auditid": "a3", "createdon": "2026-11-29T09:00:00Z", "action": 14, "action\(formatted)": "Share"}}
            ]}}
            """
        let (service, transport) = outbound([json(200, reply)])
        guard case .entries(let entries) = try service.history(of: Self.segment.uppercased()) else { return XCTFail("entries") }
        XCTAssertEqual(transport.requests.count, 1, "entries found: the switches are not asked")
        let url = try XCTUnwrap(transport.requests.first?.url.absoluteString.removingPercentEncoding)
        XCTAssertTrue(url.hasSuffix("RetrieveRecordChangeHistory(Target=@target)?@target={'@odata.id':'msdyncrm_segments(\(Self.segment))'}"), url)
        XCTAssertEqual(entries.map(\.id), ["a3", "a2", "a1"], "newest first")
        XCTAssertEqual(entries[0].operation, .other("Share"))
        XCTAssertEqual(entries[0].changes, [])
        XCTAssertEqual(entries[1].user, "u2", "no name: the id")
        XCTAssertEqual(entries[1].changes, [
            HistoryFieldChange(field: "Name", column: "msdyncrm_segmentname", oldValue: "VIP", newValue: "VIP list"),
            HistoryFieldChange(field: "Status", column: "statuscode", oldValue: "Draft", newValue: "Going live"),
        ])
        XCTAssertEqual(entries[2].operation, .create)
        XCTAssertEqual(entries[2].user, "Ada Admin")
        XCTAssertEqual(entries[2].changes, [HistoryFieldChange(field: "Name", column: "msdyncrm_segmentname", oldValue: nil, newValue: "VIP")])
    }

    func testAnEmptyHistoryAsksWhetherTheTableIsAudited() throws {
        let (service, transport) = outbound([
            json(200, #"{"AuditDetailCollection": {"AuditDetails": []}}"#),
            json(200, #"{"value": [{"isauditenabled": true}]}"#),
            json(200, #"{"IsAuditEnabled": {"Value": false, "CanBeChanged": true}}"#),
        ])
        XCTAssertEqual(try service.history(of: Self.segment), .notAudited(reason: "The organisation does not audit msdyncrm_segment records"))
        let urls = transport.requests.map { $0.url.absoluteString.removingPercentEncoding ?? "" }
        XCTAssertTrue(urls[1].hasSuffix("organizations?$select=isauditenabled"), urls[1])
        XCTAssertTrue(urls[2].hasSuffix("EntityDefinitions(LogicalName='msdyncrm_segment')?$select=IsAuditEnabled"), urls[2])

        let (off, _) = outbound([json(200, #"{"AuditDetails": []}"#), json(200, #"{"value": [{"isauditenabled": false}]}"#)])
        XCTAssertEqual(try off.history(of: Self.segment), .notAudited(reason: "Auditing is turned off for this organisation"))

        let (audited, _) = outbound([json(200, #"{"value": []}"#), json(200, #"{"value": [{}]}"#), json(200, #"{"IsAuditEnabled": true}"#)])
        XCTAssertEqual(try audited.history(of: Self.segment), .entries([]), "audited, nothing changed yet")

        let (unknown, _) = outbound([json(200, #"{"value": []}"#), json(403, #"{"error": {"code": "0x80040220", "message": "no privilege"}}"#)])
        XCTAssertEqual(try unknown.history(of: Self.segment), .entries([]), "switches unreadable: nothing claimed")
    }

    func testAnAnswerWithoutDetailsIsMalformed() throws {
        let (service, _) = outbound([json(200, #"{"something": "else"}"#)])
        XCTAssertThrowsError(try service.history(of: Self.segment))
    }
}
