import Dataverse
import Foundation
import Segments
import XCTest

/// Counting a group's ids, which no documented reply sizes (issue 11): the requests each adapter
/// sends and where it stops, over a scripted transport.
final class GroupCountWireTests: XCTestCase {
    private static let root = URL(string: "https://contoso.crm.dynamics.com")!
    private static let segment = "8d2f5c0e-3b1a-4f7e-9a61-2c4b7d0e9f13"
    private static let group = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

    private static func ids(_ count: Int, from start: Int = 0) -> [String] {
        (start..<start + count).map { String(format: "00000000-0000-4000-8000-%012d", $0) }
    }

    /// ListGroupMembers' reply: ids as JSON inside the `Response` string (JSS §3 [D]).
    private static func groupPage(_ ids: [String]) -> HTTPResponse {
        let inner = #"{\"entityIds\":["# + ids.map { #"\"\#($0)\""# }.joined(separator: ",") + #"],\"additionalProperties\":{}}"#
        return json(200, #"{"Response":"\#(inner)"}"#)
    }

    private func client(_ replies: [HTTPResponse]) -> (DataverseClient, RecordingTransport) {
        let transport = RecordingTransport(replies: replies)
        return (DataverseClient(organization: Self.root, transport: transport, retry: .none), transport)
    }

    func testJourneysCountsPagesOfIdsAndStopsAtTheBound() throws {
        let (exact, exactTransport) = client([Self.groupPage(Self.ids(3)), Self.groupPage(Self.ids(2, from: 3)), Self.groupPage([])])
        let whole = try JourneysSegmentService(client: exact).countGroupMembers(of: Self.segment, groupId: Self.group, upTo: 3)
        XCTAssertEqual(whole, GroupCount(count: 3, isLowerBound: true), "a full page at the bound may have more behind it")
        XCTAssertEqual(exactTransport.requests.count, 1, "pages no larger than the bound, and no page past it")
        let body = try JSONValue.parse(try XCTUnwrap(exactTransport.requests[0].body))
        XCTAssertEqual(body["PageSize"], .number(3))
        XCTAssertEqual(body["PageNo"], .number(1))

        // Past the largest page (5,000 [D]) the count goes on page by page until a short one.
        let (paged, pagedTransport) = client([Self.groupPage(Self.ids(5_000)), Self.groupPage(Self.ids(7, from: 5_000))])
        let counted = try JourneysSegmentService(client: paged).countGroupMembers(of: Self.segment, groupId: Self.group, upTo: 25_000)
        XCTAssertEqual(counted, GroupCount(count: 5_007), "a short page is the last: the count is exact")
        XCTAssertEqual(try pagedTransport.requests.map { try JSONValue.parse(try XCTUnwrap($0.body))["PageNo"] }, [.number(1), .number(2)])
        XCTAssertEqual(try JSONValue.parse(try XCTUnwrap(pagedTransport.requests[0].body))["PageSize"], .number(5_000))
    }

    func testOutboundTakesTheFetchTotalOrPagesWhenTheReplyHasNone() throws {
        let (withTotal, totalTransport) = client([json(200, #"{"TotalCount": 42, "MoreRecords": true, "Contacts": []}"#)])
        XCTAssertEqual(try OutboundSegmentService(client: withTotal).countGroupMembers(of: Self.segment, groupId: "members", upTo: 100),
                       GroupCount(count: 42))
        XCTAssertEqual(totalTransport.requests.count, 1)

        // No TotalCount and no MoreRecords: only a short page ends the count.
        let rows = { (ids: [String]) in #"{"Contacts": ["# + ids.map { #"{"contactid":"\#($0)"}"# }.joined(separator: ",") + "]}" }
        let (bare, bareTransport) = client([json(200, rows(Self.ids(2))), json(200, rows(Self.ids(1, from: 2)))])
        XCTAssertEqual(try OutboundSegmentService(client: bare).countGroupMembers(of: Self.segment, groupId: "members", upTo: 2),
                       GroupCount(count: 2, isLowerBound: true))
        XCTAssertEqual(bareTransport.requests.count, 1)
        let (paged, pagedTransport) = client([json(200, rows(Self.ids(5_000))), json(200, rows(Self.ids(1, from: 5_000)))])
        XCTAssertEqual(try OutboundSegmentService(client: paged).countGroupMembers(of: Self.segment, groupId: "members", upTo: 5_002),
                       GroupCount(count: 5_001))
        XCTAssertEqual(pagedTransport.requests.count, 2, "a full page without MoreRecords may have more behind it")
        XCTAssertThrowsError(try OutboundSegmentService(client: paged).countGroupMembers(of: Self.segment, groupId: "other", upTo: 4))
    }
}
