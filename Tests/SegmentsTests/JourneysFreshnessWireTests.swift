import Dataverse
import Foundation
import Segments
import XCTest

/// The journeys adapter's live-list reads against scripted replies: what is asked, and how a
/// segment's two records make one modification time.
final class JourneysFreshnessWireTests: XCTestCase {
    static let root = URL(string: "https://contoso.crm.dynamics.com")!
    static let definition = "0f5b8d2e-1c3a-4b5d-9e7f-2a4c6e8f878e"
    static let segment = "8d2f5c0e-3b1a-4f7e-9a61-2c4b7d0e9f13"
    private let formatted = "@OData.Community.Display.V1.FormattedValue"

    private func scripted(_ replies: [HTTPResponse]) -> (JourneysSegmentService, RecordingTransport) {
        let transport = RecordingTransport(replies: replies)
        return (JourneysSegmentService(client: DataverseClient(organization: Self.root, transport: transport, retry: .none)), transport)
    }

    func testAQueryEditMakesTheSegmentModifiedWhenItsDefinitionWas() throws {
        let segments = """
            {"value": [{"@odata.etag": "W/\\"101\\"", "msdynmkt_segmentid": "\(Self.segment)", "msdynmkt_displayname": "VIP",
              "msdynmkt_type": 11, "msdynmkt_sourcesegmentuid": "\(Self.definition)", "statecode": 1, "statuscode": 2,
              "modifiedon": "2026-11-27T16:05:11Z", "modifiedon\(formatted)": "11/27/2026 4:05 PM"}]}
            """
        let definitions = """
            {"value": [{"@odata.etag": "W/\\"201\\"", "msdynmkt_segmentdefinitionid": "\(Self.definition)", "msdynmkt_name": "VIP",
              "msdynmkt_segmentquery": "PROFILE(contact)", "statuscode": 723270001,
              "modifiedon": "2026-11-28T09:00:00Z", "modifiedon\(formatted)": "11/28/2026 9:00 AM"}]}
            """
        let (service, transport) = scripted([json(200, definitions), json(200, segments)])
        let since = try XCTUnwrap(ODataDate.parse("2026-11-28T08:00:00Z"))
        let delta = try service.changed(since: since, matching: SegmentListQuery(nameContains: "VIP"), top: 10)
        XCTAssertEqual(transport.requests.count, 2, "the segment's definition came with the first answer")
        let asked = transport.requests.map { $0.url.absoluteString.removingPercentEncoding ?? "" }
        XCTAssertTrue(asked[0].contains("msdynmkt_segmentdefinitions?") && asked[0].contains("modifiedon gt 2026-11-28T08:00:00Z"), asked[0])
        XCTAssertTrue(asked[0].contains("$orderby=modifiedon desc") && asked[0].contains("$top=11"), asked[0])
        XCTAssertTrue(asked[1].contains("msdynmkt_segments?"), asked[1])
        XCTAssertTrue(asked[1].contains("(modifiedon gt 2026-11-28T08:00:00Z or msdynmkt_sourcesegmentuid eq '\(Self.definition)')"), asked[1])
        XCTAssertTrue(asked[1].contains("contains(msdynmkt_displayname,'VIP')"), "the list's own filter: \(asked[1])")
        let row = try XCTUnwrap(delta.changed.first)
        XCTAssertEqual(row.modifiedOn, ODataDate.parse("2026-11-28T09:00:00Z"), "the later of the two records")
        XCTAssertEqual(row.label(.modifiedOn), "11/28/2026 9:00 AM", "labelled as the record it came from")
        XCTAssertEqual(row.etag, "W/\"101\" & W/\"201\"")
        XCTAssertFalse(delta.truncated)
    }
}
