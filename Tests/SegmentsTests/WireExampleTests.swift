import Dataverse
import Foundation
import Segments
import XCTest

/// The client against the real service's documented shapes (shared/reference/wire-examples.md).
final class WireExampleTests: XCTestCase {
    static let nextLink = "https://contoso.crm.dynamics.com/api/data/v9.2/msdyncrm_segments?$select=msdyncrm_segmentname,msdyncrm_segmenttype,statuscode,msdyncrm_segmentsize,modifiedon&$orderby=modifiedon%20desc&$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253c%252fcookie%253e%22%20istracking=%22False%22%20/%3E"

    static let page = """
        {
          "@odata.context": "https://contoso.crm.dynamics.com/api/data/v9.2/$metadata#msdyncrm_segments",
          "value": [
            {
              "@odata.etag": "W/\\"4410273\\"",
              "msdyncrm_segmentname": "Newsletter subscribers",
              "msdyncrm_segmenttype@OData.Community.Display.V1.FormattedValue": "Dynamic",
              "msdyncrm_segmenttype": 192350000,
              "statuscode@OData.Community.Display.V1.FormattedValue": "Live",
              "statuscode": 192350001,
              "msdyncrm_segmentsize@OData.Community.Display.V1.FormattedValue": "12,408",
              "msdyncrm_segmentsize": 12408,
              "modifiedon@OData.Community.Display.V1.FormattedValue": "11/27/2026 4:05 PM",
              "modifiedon": "2026-11-27T16:05:11Z",
              "msdyncrm_segmentid": "8D2F5C0E-3B1A-4F7E-9A61-2C4B7D0E9F13"
            },
            {
              "@odata.etag": "W/\\"4409988\\"",
              "msdyncrm_segmentname": "O'Brien's VIP list",
              "msdyncrm_segmenttype": 192350001,
              "statuscode": 192350099,
              "msdyncrm_segmentsize": null,
              "modifiedon": "2026-11-26T09:41:52.123Z",
              "msdyncrm_segmentid": "1f0c9a7d-55e2-4c3b-8f0a-6d9e2b7c4a01"
            }
          ],
          "@odata.nextLink": "\(nextLink)"
        }
        """

    func testAPageDecodesWithLabelsAndUnknownValuesKept() throws {
        let transport = RecordingTransport(replies: [json(200, Self.page)])
        let client = DataverseClient(organization: URL(string: "https://contoso.crm.dynamics.com")!, transport: transport)
        let page = try OutboundSegmentService(client: client).firstPage(SegmentListQuery(pageSize: 2))
        XCTAssertEqual(page.segments.count, 2)
        let first = page.segments[0]
        XCTAssertEqual(first.id, "8d2f5c0e-3b1a-4f7e-9a61-2c4b7d0e9f13", "ids are kept lowercased")
        XCTAssertEqual(first.type, .dynamic)
        XCTAssertEqual(first.status, .live)
        XCTAssertEqual(first.label(.size), "12,408", "the service's label wins")
        XCTAssertEqual(first.label(.modifiedOn), "11/27/2026 4:05 PM")
        XCTAssertEqual(first.etag, "W/\"4410273\"")
        let second = page.segments[1]
        XCTAssertEqual(second.status, .unknown("Status 192350099"), "an unknown status is kept, not crashed on")
        XCTAssertEqual(second.status.label, "Status 192350099")
        XCTAssertNil(second.size)
        XCTAssertNil(second.label(.size))
        XCTAssertNotNil(second.modifiedOn, "fractional seconds parse")
        XCTAssertEqual(page.next?.link?.absoluteString, Self.nextLink, "the next link is kept verbatim")
    }

    func testTheNextLinkIsFollowedVerbatimWithTheSamePageSize() throws {
        let transport = RecordingTransport(replies: [json(200, Self.page), json(200, #"{"value": []}"#)])
        let client = DataverseClient(organization: URL(string: "https://contoso.crm.dynamics.com")!, transport: transport)
        let service = OutboundSegmentService(client: client)
        let first = try service.firstPage(SegmentListQuery(pageSize: 2))
        let second = try service.nextPage(try XCTUnwrap(first.next))
        XCTAssertTrue(second.segments.isEmpty)
        XCTAssertNil(second.next)
        let request = transport.requests[1]
        XCTAssertEqual(request.url.absoluteString, Self.nextLink, "%25 sequences are not decoded")
        XCTAssertTrue(request.headers["Prefer"]?.contains("odata.maxpagesize=2") == true)
    }

    func testEveryRequestCarriesTheODataHeadersAndTheToken() throws {
        let transport = RecordingTransport(replies: [json(200, #"{"value": []}"#)])
        let client = DataverseClient(organization: URL(string: "https://contoso.crm.dynamics.com")!, transport: transport,
                                     tokens: StaticTokenProvider("secret-token"))
        _ = try OutboundSegmentService(client: client).firstPage(SegmentListQuery(nameContains: "O'Brien & co", pageSize: 50))
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.headers["Accept"], "application/json")
        XCTAssertEqual(request.headers["OData-MaxVersion"], "4.0")
        XCTAssertEqual(request.headers["OData-Version"], "4.0")
        XCTAssertEqual(request.headers["Authorization"], "Bearer secret-token")
        XCTAssertEqual(request.headers["Prefer"],
                       "odata.maxpagesize=50,odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"")
        let url = request.url.absoluteString
        XCTAssertTrue(url.hasPrefix("https://contoso.crm.dynamics.com/api/data/v9.2/msdyncrm_segments?"), url)
        XCTAssertTrue(url.contains("$filter=contains(msdyncrm_segmentname,%27O%27%27Brien%20%26%20co%27)"), url)
        XCTAssertTrue(url.contains("$orderby=modifiedon%20desc,msdyncrm_segmentname%20asc"), url)
        XCTAssertTrue(url.contains("$count=true"))
        let decoded = try XCTUnwrap(URLComponents(string: url)?.queryItems?.first { $0.name == "$filter" }?.value)
        XCTAssertEqual(decoded, "contains(msdyncrm_segmentname,'O''Brien & co')", "quotes doubled, then percent-encoded")
    }

    func testServiceErrorsCarryTheServiceMessage() {
        let cases: [(HTTPResponse, SegmentServiceError)] = [
            (json(404, #"{"error": {"code": "0x80040217", "message": "msdyncrm_segment With Id = 23fa Does Not Exist"}}"#),
             .notFound("msdyncrm_segment With Id = 23fa Does Not Exist (HTTP 404 [0x80040217])")),
            (json(401, ""), .unauthorised("Not signed in, or the token has expired (HTTP 401)")),
            (json(502, "<html>Bad Gateway</html>"), .refused("Bad gateway (HTTP 502)")),
        ]
        for (reply, expected) in cases {
            let client = DataverseClient(organization: URL(string: "https://x.crm.dynamics.com")!,
                                         transport: RecordingTransport(replies: [reply]), retry: .none)
            XCTAssertThrowsError(try OutboundSegmentService(client: client).segment(id: "23fa")) { error in
                XCTAssertEqual(error as? SegmentServiceError, expected)
            }
        }
        XCTAssertEqual(DataverseError.service(status: 401, code: "", message: "").description,
                       "Not signed in, or the token has expired (HTTP 401)")
        XCTAssertEqual(DataverseError.service(status: 404, code: "0x80040217", message: "Gone").description, "Gone (HTTP 404 [0x80040217])")
    }

    func testMalformedRepliesAreReportedNotCrashedOn() {
        let bodies = ["not json", #"{"value": 3}"#, #"{"value": [1, 2]}"#, #"{"value": [{"msdyncrm_segmentname": "no id"}]}"#]
        for body in bodies {
            // A read is read again after a malformed reply: a service that always answers so is
            // still reported as malformed once the tries are spent.
            let client = DataverseClient(organization: URL(string: "https://x.crm.dynamics.com")!,
                                         transport: RecordingTransport(replies: Array(repeating: json(200, body), count: RetryPolicy().maxAttempts)))
            XCTAssertThrowsError(try OutboundSegmentService(client: client).firstPage(SegmentListQuery())) { error in
                guard case .malformedReply = error as? SegmentServiceError else { return XCTFail("\(body): \(error)") }
            }
        }
    }

    func testServiceRootFromAnOrganisationOrAFullRoot() {
        let fromOrg = DataverseClient(organization: URL(string: "https://contoso.crm4.dynamics.com")!)
        XCTAssertEqual(fromOrg.serviceRoot.absoluteString, "https://contoso.crm4.dynamics.com/api/data/v9.2/")
        let full = DataverseClient(organization: URL(string: "http://127.0.0.1:8080/api/data/v9.0/")!)
        XCTAssertEqual(full.serviceRoot.absoluteString, "http://127.0.0.1:8080/api/data/v9.0/")
    }

    func testOptionSetsRoundTripAndTransitionsFollowTheMetadata() {
        for status in SegmentStatus.outboundStatuses { XCTAssertEqual(status.outboundCode.map { SegmentStatus(outboundCode: $0) }, status) }
        for type in SegmentKind.outboundKinds { XCTAssertEqual(type.outboundCode.map { SegmentKind(outboundCode: $0) }, type) }
        XCTAssertEqual(SegmentKind(outboundCode: 5), .unknown("Type 5"))
        XCTAssertNil(SegmentKind.mixed.outboundCode, "outbound has no mixed segments")
        XCTAssertTrue(SegmentStatus.draft.canMove(to: .goingLive))
        XCTAssertTrue(SegmentStatus.draft.canMove(to: .live), "the 2019 way")
        XCTAssertFalse(SegmentStatus.draft.canMove(to: .stopped))
        XCTAssertFalse(SegmentStatus.expired.canMove(to: .goingLive))
        XCTAssertEqual(SegmentStatus.expired.outboundStateCode, 1)
        XCTAssertEqual(SegmentStatus.live.outboundStateCode, 0)
    }
}
