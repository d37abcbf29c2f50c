import Dataverse
import Foundation
import Segments
import XCTest

/// The shapes scripts read (issue 12 bug 5, issue 15 item 10) and the reads that back them.
final class ExportShapeTests: XCTestCase {
    func testTheCSVFormulaGuardCoversTabAndCarriageReturn() {
        XCTAssertEqual(SegmentExport.csvField("=1+1"), "'=1+1")
        XCTAssertEqual(SegmentExport.csvField("\t=1+1"), "'\t=1+1")
        XCTAssertEqual(SegmentExport.csvField("\r=1+1"), "\"'\r=1+1\"")
        XCTAssertEqual(SegmentExport.csvField("a\r\nb"), "\"a\r\nb\"", "a CR LF pair is one Character, still quoted")
        XCTAssertEqual(SegmentExport.csvField("plain"), "plain")
    }

    func testAKeyWithoutAValueIsAbsentNeverNull() throws {
        let bare = Segment(id: "1", name: "Bare", type: .static, status: .draft)
        guard case .object(let object) = SegmentExport.json(bare) else { return XCTFail("an object") }
        // `api` joined the always-present keys with journeys (issue 11): which API a row came from.
        XCTAssertEqual(Set(object.keys), ["id", "name", "type", "typeCode", "status", "statusCode", "api"])
        XCTAssertFalse(String(decoding: SegmentExport.json(bare).jsonData(), as: UTF8.self).contains("null"))
    }

    /// One request a page, and that page holds every column the JSON shape prints.
    func testAListPageReadsEveryColumnOfTheJSONShapeInOneRequest() throws {
        let row = #"{"msdyncrm_segmentid":"a1","msdyncrm_segmentname":"N","msdyncrm_segmenttype":192350000,"statuscode":192350000,"# +
            #""msdyncrm_description":"d","msdyncrm_segmentquery":"q","msdyncrm_segmentqueryname":"SEGMENT_CRM_ID_a1","# +
            #""createdon":"2026-01-01T00:00:00Z","modifiedon":"2026-01-02T00:00:00Z","msdyncrm_segmentsize":3,"@odata.etag":"W/\"1\""}"#
        let transport = RecordingTransport(replies: [json(200, #"{"value":["# + row + "]}")])
        let service = OutboundSegmentService(client: DataverseClient(organization: URL(string: "https://org.example")!, transport: transport))
        let page = try service.firstPage(SegmentListQuery(pageSize: 500))
        XCTAssertEqual(transport.requests.count, 1)
        let url = transport.requests[0].url.absoluteString.removingPercentEncoding ?? ""
        for column in ["msdyncrm_description", "msdyncrm_segmentquery", "msdyncrm_segmentqueryname", "createdon", "modifiedon"] {
            XCTAssertTrue(url.contains(column), "$select has \(column): \(url)")
        }
        XCTAssertFalse(url.contains("msdyncrm_segmentmemberids"), "the member ids stay out of a list")
        let shape = SegmentExport.json(page.segments[0])
        for key in ["description", "query", "queryName", "createdOn", "modifiedOn", "members", "etag"] {
            XCTAssertNotNil(shape[key], key)
        }
    }

    /// A read whose reply is cut short is read again (a GET is safe to repeat).
    func testAReadAfterAMalformedReplyIsRetried() throws {
        let transport = RecordingTransport(replies: [
            json(200, #"{"msdyncrm_segmentid":"a1","msdyncrm_segm"#),
            json(200, #"{"msdyncrm_segmentid":"a1","msdyncrm_segmentname":"Whole","msdyncrm_segmenttype":192350001,"statuscode":192350000}"#),
        ])
        let service = OutboundSegmentService(client: DataverseClient(organization: URL(string: "https://org.example")!, transport: transport))
        XCTAssertEqual(try service.segment(id: "a1").name, "Whole")
        XCTAssertEqual(transport.requests.count, 2)
    }
}
