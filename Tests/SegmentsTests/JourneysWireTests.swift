import Dataverse
import Foundation
import Segments
import XCTest

/// The journeys adapter against the reference's exact shapes (shared/reference/
/// journeys-segment-service.md §2–§3), over a scripted transport that records every request.
final class JourneysWireTests: XCTestCase {
    static let root = URL(string: "https://contoso.crm.dynamics.com")!
    static let definitionA = "0f5b8d2e-1c3a-4b5d-9e7f-2a4c6e8f878e"
    static let definitionB = "6a1e3c5d-7b9f-4d2e-8c1a-3e5f7a9b1c2d"
    static let segmentA = "8d2f5c0e-3b1a-4f7e-9a61-2c4b7d0e9f13"
    static let segmentB = "1f0c9a7d-55e2-4c3b-8f0a-6d9e2b7c4a01"
    static let group = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

    private func scripted(_ replies: [HTTPResponse]) -> (JourneysSegmentService, RecordingTransport) {
        let transport = RecordingTransport(replies: replies)
        return (JourneysSegmentService(client: DataverseClient(organization: Self.root, transport: transport, retry: .none)), transport)
    }

    static let segmentsPage = """
        {"@odata.context": "…/$metadata#msdynmkt_segments",
         "value": [
          {"@odata.etag": "W/\\"101\\"", "msdynmkt_segmentid": "\(segmentA)", "msdynmkt_displayname": "VIP",
           "msdynmkt_type": 11, "msdynmkt_type@OData.Community.Display.V1.FormattedValue": "Dynamic",
           "msdynmkt_source": 12, "msdynmkt_baseentitylogicalname": "contact", "msdynmkt_sourcesegmentuid": "\(definitionA)",
           "msdynmkt_membercount": 1204, "msdynmkt_membercount@OData.Community.Display.V1.FormattedValue": "1,204",
           "msdynmkt_publishedjourneycount": 2, "statecode": 0, "statuscode": 1, "modifiedon": "2026-11-27T16:05:11Z"},
          {"@odata.etag": "W/\\"102\\"", "msdynmkt_segmentid": "\(segmentB)", "msdynmkt_displayname": "Leads to call",
           "msdynmkt_type": 10, "msdynmkt_source": 12, "msdynmkt_baseentitylogicalname": "lead",
           "msdynmkt_sourcesegmentuid": "\(definitionB.uppercased())", "msdynmkt_membercount": null, "statecode": 1, "statuscode": 2}
         ],
         "@odata.nextLink": "https://contoso.crm.dynamics.com/api/data/v9.2/msdynmkt_segments?$skiptoken=%3Ccookie%20pagenumber=%222%22%20/%3E"}
        """

    static let definitionsPage = """
        {"value": [
          {"@odata.etag": "W/\\"201\\"", "msdynmkt_segmentdefinitionid": "\(definitionA)", "msdynmkt_name": "VIP",
           "msdynmkt_segmentquery": "PROFILE(contact).FILTER(ISNOTNULL(address1_county))",
           "msdynmkt_staticlistmembers": "[{\\"groupId\\":\\"\(group)\\",\\"includeType\\":\\"Exclude\\",\\"name\\":\\"Opted out\\",\\"inputType\\":\\"manualSelect\\"}]",
           "msdynmkt_disablesegmentrefresh": false, "msdynmkt_segmentrefreshintervalminutes": 15,
           "msdynmkt_computationstatus": 723270001, "statuscode": 723270004,
           "statuscode@OData.Community.Display.V1.FormattedValue": "Live with warnings"},
          {"@odata.etag": "W/\\"202\\"", "msdynmkt_segmentdefinitionid": "\(definitionB)", "msdynmkt_name": "Leads to call",
           "msdynmkt_segmentquery": "", "msdynmkt_staticlistmembers": "[]", "msdynmkt_disablesegmentrefresh": true, "statuscode": 723270006}
        ]}
        """

    func testAPageIsOneRequestForSegmentsAndOneForTheirDefinitions() throws {
        let (service, transport) = scripted([json(200, Self.segmentsPage), json(200, Self.definitionsPage)])
        let page = try service.firstPage(SegmentListQuery(pageSize: 50))
        XCTAssertEqual(transport.requests.count, 2, "a page of segments, then its definitions in one request")
        let list = try XCTUnwrap(transport.requests.first?.url.absoluteString.removingPercentEncoding)
        XCTAssertTrue(list.contains("msdynmkt_segments?"), list)
        XCTAssertTrue(list.contains("msdynmkt_source eq 12"), list)
        XCTAssertTrue(list.contains("statuscode ne 4"), list)
        let definitions = try XCTUnwrap(transport.requests.last?.url.absoluteString.removingPercentEncoding)
        XCTAssertTrue(definitions.contains("msdynmkt_segmentdefinitions?"), definitions)
        XCTAssertTrue(definitions.contains("msdynmkt_segmentdefinitionid eq \(Self.definitionA) or msdynmkt_segmentdefinitionid eq \(Self.definitionB)"),
                      definitions)
        XCTAssertFalse(definitions.contains("$expand"), "the tables have no relationship")

        XCTAssertEqual(page.segments.count, 2)
        let vip = page.segments[0]
        XCTAssertEqual(vip.api, .journeys)
        XCTAssertEqual(vip.type, .mixed, "a dynamic segment with a group is both")
        XCTAssertEqual(vip.status, .liveWithWarnings, "the definition's status says more than the segment's Active")
        XCTAssertEqual(vip.query, "PROFILE(contact).FILTER(ISNOTNULL(address1_county))")
        XCTAssertEqual(vip.groups, [MemberGroup(id: Self.group, name: "Opted out", role: .exclude)])
        XCTAssertEqual(vip.refresh, .every(minutes: 15))
        XCTAssertEqual(vip.label(.size), "1,204")
        XCTAssertEqual(vip.usage.journeyCount, 2)
        XCTAssertEqual(vip.definitionId, Self.definitionA)
        XCTAssertEqual(vip.queryName, "SEGMENT_CJO_ID_8d2f5c0e3b1a4f7e9a612c4b7d0e9f13")
        XCTAssertTrue(vip.detailFields.contains(DetailField(label: "Refresh", value: "Every 15 min")))
        let leads = page.segments[1]
        XCTAssertEqual(leads.type, .static)
        XCTAssertEqual(leads.status, .stopped)
        XCTAssertEqual(leads.baseEntity, .lead)
        XCTAssertEqual(leads.refresh, .off)
        XCTAssertNil(leads.size)
        XCTAssertNotNil(page.next?.link)
    }

    func testARowWhoseDefinitionIsMissingStillShowsWhatItsSegmentSays() throws {
        let (service, _) = scripted([json(200, Self.segmentsPage), json(200, #"{"value": []}"#)])
        let page = try service.firstPage(SegmentListQuery(pageSize: 50))
        XCTAssertEqual(page.segments[0].status, .live, "segment status 1 is Active")
        XCTAssertEqual(page.segments[0].type, .dynamic)
        XCTAssertEqual(page.segments[1].status, .draft, "segment status 2 is Inactive, as a new draft")
    }

    func testStopRefusedWithBlockersIsAnOutcomeWhateverItsWrapping() throws {
        let refused = """
            {"summary": "Stopped 0 of 1 segments.", "stopSingleSegmentResults": [{"SegmentId": "\(Self.segmentA)", "WasStopped": false,
             "Message": "Segment is used by active journeys", "DependentJourneys": ["Welcome series"], "DependentSegments": null}]}
            """
        let asString = String(decoding: JSONValue.object(["value": .string(refused)])["value"]!.jsonData(), as: UTF8.self)
        for body in [refused, asString] {
            let (service, transport) = scripted([json(200, body)])
            let outcome = try service.stop(id: Self.segmentA, ifMatch: nil)
            XCTAssertFalse(outcome.accepted)
            XCTAssertEqual(outcome.message, "Segment is used by active journeys")
            XCTAssertEqual(outcome.blockers.journeys.map(\.label), ["Welcome series"])
            let sent = try JSONValue.parse(try XCTUnwrap(transport.requests.first?.body))
            XCTAssertEqual(sent, .object(["SegmentIdList": .array([.string(Self.segmentA)])]))
            XCTAssertTrue(transport.requests[0].url.absoluteString.hasSuffix("msdynmkt_StopSegments"))
        }
        let (quiet, _) = scripted([HTTPResponse(status: 204, headers: [:], body: Data())])
        XCTAssertEqual(try quiet.stop(id: Self.segmentA, ifMatch: nil), .accepted, "a 204 with no body is success")
        let (stopped, _) = scripted([json(200, #"{"stopSingleSegmentResults":[{"SegmentId":"\#(Self.segmentA)","WasStopped":true}]}"#)])
        XCTAssertTrue(try stopped.stop(id: Self.segmentA, ifMatch: nil).accepted, "no blocker lists, no message: still stopped")
    }

    func testPublishSendsTheSegmentIdAndReadsARefusalsResultText() throws {
        let (service, transport) = scripted([HTTPResponse(status: 204, headers: [:], body: Data())])
        XCTAssertEqual(try service.publish(id: Self.segmentA, ifMatch: nil), .accepted)
        XCTAssertEqual(try JSONValue.parse(try XCTUnwrap(transport.requests.first?.body)), .object(["SegmentId": .string(Self.segmentA)]))

        let (refusing, _) = scripted([json(400, #"{"StatusCode": 400, "ResultText": "Syntax error at position 17: expected ')'"}"#)])
        XCTAssertThrowsError(try refusing.publish(id: Self.segmentA, ifMatch: nil)) { error in
            guard case .refused(let message, _) = error as? SegmentServiceError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("position 17"), message)
        }
    }

    func testGroupPagesAndMembersListAreJSONInsideStrings() throws {
        let contact = "b1bf4a20-0c1d-4e2f-8a3b-4c5d6e7f8091"
        let groupReply = #"{"@odata.context":"…#Microsoft.Dynamics.CRM.msdynmkt_ListGroupMembersResponse","Response":"{\"entityIds\":[\"B1BF4A20-0C1D-4E2F-8A3B-4C5D6E7F8091\"],\"additionalProperties\":{}}"}"#
        let segmentRecord = #"{"msdynmkt_segmentid":"\#(Self.segmentA)","msdynmkt_baseentitylogicalname":"contact"}"#
        let contacts = #"{"value":[{"contactid":"\#(contact)","fullname":"Ada Lovelace","emailaddress1":"ada@example.com"}]}"#
        let (service, transport) = scripted([json(200, groupReply), json(200, segmentRecord), json(200, contacts)])
        let page = try service.groupMembers(of: Self.segmentA, groupId: Self.group, page: MemberPageRequest(page: 2, size: 100))
        XCTAssertEqual(page.people, [Contact(id: contact, fullName: "Ada Lovelace", email: "ada@example.com")])
        XCTAssertNil(page.total, "ListGroupMembers sends no total")
        XCTAssertFalse(page.hasMore, "a page shorter than asked is the last")
        XCTAssertEqual(try JSONValue.parse(try XCTUnwrap(transport.requests[0].body)), .object([
            "SegmentId": .string(Self.segmentA), "GroupId": .string(Self.group), "PageNo": .number(2), "PageSize": .number(100),
        ]))

        let membersReply = #"{"StatusCode":200,"ResultText":"{\"baseEntityLogicalName\":\"contact\",\"primaryKeyColumnName\":\"contactid\",\"members\":[\"\#(contact)\"],\"additionalProperties\":{}}"}"#
        let (current, _) = scripted([json(200, membersReply), json(200, contacts)])
        let now = try current.currentMembers(of: Segment(id: Self.segmentA, name: "VIP", type: .dynamic, status: .live, api: .journeys),
                                             page: MemberPageRequest(page: 1, size: 50))
        XCTAssertEqual(now.people.map(\.fullName), ["Ada Lovelace"])
        XCTAssertEqual(now.total, 1, "without totalCount the list's own length is the total")
    }

    func testMemberChangesGoInCallsOfAThousandAndAnEmptyReplyIsSuccess() throws {
        let ids = (0..<2_500).map { String(format: "00000000-0000-4000-8000-%012d", $0) }
        let ok = HTTPResponse(status: 204, headers: [:], body: Data())
        let (service, transport) = scripted([ok, ok, ok])
        let outcome = try service.changeMembers(of: Self.segmentA, groupId: Self.group, add: ids, remove: [])
        XCTAssertEqual(outcome, MemberChangeOutcome(), "the actions answer no counts")
        XCTAssertEqual(transport.requests.count, 3)
        let sizes = try transport.requests.map { try JSONValue.parse(try XCTUnwrap($0.body))["EntityIds"]?.arrayValue?.count }
        XCTAssertEqual(sizes, [1000, 1000, 500])
        XCTAssertTrue(transport.requests.allSatisfy { $0.url.absoluteString.hasSuffix("msdynmkt_AddStaticMembers") })
    }

    func testCreateWritesTheDefinitionFirstAndRemovesItWhenTheSegmentFails() throws {
        let created = HTTPResponse(status: 204, headers: [
            "odata-entityid": "https://contoso.crm.dynamics.com/api/data/v9.2/msdynmkt_segmentdefinitions(\(Self.definitionA))",
        ], body: Data())
        let whoAmI = json(200, #"{"UserId":"88057198-a9b1-ec11-9840-00224803c19a","BusinessUnitId":"6f202e6c-e471-ec11-8941-000d3adf0002","OrganizationId":"e34c95a5-f34c-430c-a05e-a23437e5b9fa"}"#)
        let refused = json(400, #"{"error":{"code":"0x0","message":"msdynmkt_baseentitylogicalname is required"}}"#)
        let deleted = HTTPResponse(status: 204, headers: [:], body: Data())
        let (service, transport) = scripted([created, whoAmI, refused, deleted])
        XCTAssertThrowsError(try service.create(SegmentDraft(name: "VIP", type: .static, baseEntity: .lead))) { error in
            XCTAssertTrue("\(error)".contains("required"), "\(error)")
        }
        XCTAssertEqual(transport.requests.map(\.method), ["POST", "GET", "POST", "DELETE"])
        let definition = try JSONValue.parse(try XCTUnwrap(transport.requests[0].body))
        XCTAssertEqual(definition["statuscode"], .number(723_270_001))
        XCTAssertEqual(definition["msdynmkt_segmentquery"], .string(""), "a static-only segment sends an empty query")
        let groups = try JSONValue.parse(Data(try XCTUnwrap(definition["msdynmkt_staticlistmembers"]?.stringValue).utf8))
        XCTAssertEqual(groups.arrayValue?.first?["includeType"], .string("Include"))
        XCTAssertEqual(groups.arrayValue?.first?["inputType"], .string("manualSelect"))
        let segment = try JSONValue.parse(try XCTUnwrap(transport.requests[2].body))
        XCTAssertEqual(segment["msdynmkt_sourcesegmentuid"], .string(Self.definitionA))
        XCTAssertEqual(segment["msdynmkt_type"], .number(10))
        XCTAssertEqual(segment["msdynmkt_source"], .number(12))
        XCTAssertEqual(segment["msdynmkt_baseentitylogicalname"], .string("lead"))
        XCTAssertEqual(segment["statecode"], .number(1))
        XCTAssertEqual(segment["statuscode"], .number(2))
        XCTAssertEqual(segment["owningbusinessunit@odata.bind"], .string("/businessunits(6f202e6c-e471-ec11-8941-000d3adf0002)"))
        XCTAssertEqual(transport.requests[3].url.absoluteString, "https://contoso.crm.dynamics.com/api/data/v9.2/msdynmkt_segmentdefinitions(\(Self.definitionA))",
                       "the definition the failed segment would have used is removed again")
    }

    func testDeleteIsRefusedWhileJourneysUseItNamingThem() throws {
        let record = #"{"@odata.etag":"W/\"7\"","msdynmkt_segmentid":"\#(Self.segmentA)","msdynmkt_displayname":"VIP","msdynmkt_type":11,"msdynmkt_sourcesegmentuid":"\#(Self.definitionA)","msdynmkt_publishedjourneycount":1,"statecode":0,"statuscode":1}"#
        let definition = #"{"msdynmkt_segmentdefinitionid":"\#(Self.definitionA)","statuscode":723270000}"#
        let usages = #"{"value":[{"_msdynmkt_journeyid_value":"4d3c2b1a-0f9e-4d8c-b7a6-958473625140","_msdynmkt_journeyid_value@OData.Community.Display.V1.FormattedValue":"Welcome series","msdynmkt_usage":1}]}"#
        let (service, transport) = scripted([json(200, record), json(200, definition), json(200, usages)])
        XCTAssertThrowsError(try service.delete(id: Self.segmentA, ifMatch: nil)) { error in
            guard case .refused(_, let blockers) = error as? SegmentServiceError else { return XCTFail("\(error)") }
            XCTAssertEqual(blockers.journeys.map(\.label), ["Welcome series"])
            XCTAssertTrue("\(error)".contains("journey Welcome series"), "\(error)")
        }
        XCTAssertFalse(transport.requests.contains { $0.method == "DELETE" }, "nothing is removed")
    }

    /// Journeys has no validation action: the client's own checks name the place, so the editor
    /// can put its caret under it, and send no request.
    func testPlainQueryMistakesCarryTheirPosition() throws {
        let (service, transport) = scripted([])
        let unclosed = try service.validate(type: .dynamic, query: "PROFILE(contact).FILTER(")
        XCTAssertEqual(unclosed.first?.position, 24)
        let quote = try service.validate(type: .dynamic, query: "PROFILE(contact).FILTER(fullname == 'x)")
        XCTAssertEqual(quote.first?.position, 36)
        let stray = try service.validate(type: .dynamic, query: "PROFILE(contact))")
        XCTAssertEqual(stray.first?.position, 16)
        XCTAssertTrue(try service.validate(type: .dynamic, query: "PROFILE(contact)").isEmpty)
        XCTAssertTrue(transport.requests.isEmpty)
    }
}
