import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

/// What the scale figures measure, checked for correctness on a seed big enough to need the
/// large-seed paths (bitmap counts, indexes built after the load, a static segment of 2,000
/// members). Speed is not asserted here: `segtui-bench scale` prints the figures at full size.
final class ScaleTests: XCTestCase {
    func testLargeSeedAnswersTheFilteredFirstPageAndMemberPagesExactly() throws {
        let server = try TestServer(segments: 2_000, contacts: 20_000) { $0.lifecycleDelay = 3600 }

        // The list's first page filtered by contains on the name, newest first, with its count.
        let filter = "contains(msdyncrm_segmentname,'berlin')"
        let path = "msdyncrm_segments?$select=msdyncrm_segmentname,modifiedon&$count=true&$filter="
            + percent(filter) + "&$orderby=" + percent("modifiedon desc,msdyncrm_segmentname asc")
        let page = try server.getJSON(path, headers: ["Prefer": "odata.maxpagesize=50"])
        let rows = try XCTUnwrap(page["value"]?.arrayValue)
        XCTAssertEqual(rows.count, 50)
        let all = try server.pageAll("msdyncrm_segments?$select=msdyncrm_segmentname,modifiedon&$filter=" + percent(filter), pageSize: 5000).rows
        let names = all.compactMap { $0["msdyncrm_segmentname"]?.stringValue }
        XCTAssertEqual(page["@odata.count"]?.intValue, names.count)
        XCTAssertGreaterThan(names.count, 50)
        XCTAssertTrue(names.allSatisfy { $0.lowercased().contains("berlin") })
        let newest = all.sorted {
            let (a, b) = ($0["modifiedon"]?.stringValue ?? "", $1["modifiedon"]?.stringValue ?? "")
            return a != b ? a > b : ($0["msdyncrm_segmentname"]?.stringValue ?? "") < ($1["msdyncrm_segmentname"]?.stringValue ?? "")
        }
        XCTAssertEqual(
            rows.compactMap { $0["msdyncrm_segmentid"]?.stringValue }, newest.prefix(50).compactMap { $0["msdyncrm_segmentid"]?.stringValue })

        // The big static segment pages its members exactly, in name order, with its size as total.
        let id = try server.segmentId(named: "Spring webinar attendees")
        let segment = try server.segment(id)
        XCTAssertEqual(segment["msdyncrm_segmentsize"]?.intValue, 2_000)
        let queryName = try XCTUnwrap(segment["msdyncrm_segmentqueryname"]?.stringValue)
        var seen: [String] = []
        var names2: [String] = []
        var skip = 0
        while true {
            let body = #"{"Query": "(SEGMENT(\#(queryName))).ORDERBY(fullname ASC).SKIP(\#(skip)).TAKE(250).SELECT(contactid, fullname)"}"#
            let response = try server.post("msdyncrm_FetchContactsByQuery", body)
            XCTAssertEqual(response.status, 200)
            let json = try JSONValue.parse(response.body)
            XCTAssertEqual(json["TotalCount"]?.intValue, 2_000)
            let contacts = json["Contacts"]?.arrayValue ?? []
            seen += contacts.compactMap { $0["contactid"]?.stringValue }
            names2 += contacts.compactMap { $0["fullname"]?.stringValue }
            skip += 250
            XCTAssertEqual(json["MoreRecords"]?.boolValue, skip < 2_000)
            if contacts.isEmpty || skip >= 2_000 { break }
        }
        XCTAssertEqual(seen.count, 2_000)
        XCTAssertEqual(Set(seen).count, 2_000, "pages neither overlap nor skip")
        let folded = names2.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased() }
        XCTAssertEqual(folded, folded.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "in name order")
    }
}
