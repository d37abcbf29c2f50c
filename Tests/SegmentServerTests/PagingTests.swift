import Dataverse
import Foundation
import GRDB
import XCTest

@testable import SegmentServer

final class PagingTests: XCTestCase {
    /// The seed has segments Going live and Stopping; the service moving them on would change
    /// rows between pages, so these tests keep them where they are.
    private func stillServer(segments: Int, contacts: Int) throws -> TestServer {
        try TestServer(segments: segments, contacts: contacts) { $0.lifecycleDelay = 3600 }
    }

    static let orderings = [
        "",
        "msdyncrm_segmentname asc",
        "modifiedon desc",
        "msdyncrm_segmentsize desc",
        "msdyncrm_segmentsize asc,msdyncrm_segmentname desc",
        "statuscode asc,modifiedon desc",
        "msdyncrm_description desc",
    ]

    func testPagingGivesEveryRowOnceInOrder() throws {
        let server = try stillServer(segments: 120, contacts: 60)
        for ordering in Self.orderings {
            let order = ordering.isEmpty ? "" : "&$orderby=" + percent(ordering)
            let path = "msdyncrm_segments?$select=msdyncrm_segmentname,msdyncrm_segmentsize,modifiedon,statuscode" + order
            let whole = try server.getJSON(path)["value"]?.arrayValue ?? []
            XCTAssertEqual(whole.count, 120, ordering)
            let (rows, pages) = try server.pageAll(path, pageSize: 50)
            XCTAssertEqual(pages, 3, ordering)
            let ids = rows.compactMap { $0["msdyncrm_segmentid"]?.stringValue }
            XCTAssertEqual(ids.count, 120, ordering)
            XCTAssertEqual(Set(ids).count, 120, "a row came twice: \(ordering)")
            XCTAssertEqual(ids, whole.compactMap { $0["msdyncrm_segmentid"]?.stringValue }, "paged order differs: \(ordering)")
        }
    }

    func testOrderingsAreReallySorted() throws {
        let server = try stillServer(segments: 120, contacts: 60)
        let bySize = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentsize&$orderby=" + percent("msdyncrm_segmentsize desc"))
        let sizes = (bySize["value"]?.arrayValue ?? []).map { $0["msdyncrm_segmentsize"]?.intValue }
        XCTAssertTrue(sizes.contains(nil) && sizes.contains { $0 != nil }, "the seed should mix null and known sizes")
        // Descending puts nulls last, as SQL Server does.
        let firstNull = sizes.firstIndex(of: nil)!
        XCTAssertTrue(sizes[firstNull...].allSatisfy { $0 == nil })
        let known = sizes[..<firstNull].map { $0! }
        XCTAssertEqual(known, known.sorted(by: >))

        let byName = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname&$orderby=msdyncrm_segmentname")
        let names = (byName["value"]?.arrayValue ?? []).compactMap { $0["msdyncrm_segmentname"]?.stringValue }
        let folded = names.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased() }
        XCTAssertEqual(folded, folded.sorted(), "names order case- and accent-insensitively")
        let emeaIndex = names.firstIndex(of: "Événements Lyon 2026")!
        XCTAssertLessThan(emeaIndex, names.firstIndex(of: "Executives")!, "É sorts with E")
    }

    func testPagingStaysExactWhenRowsChangeBetweenPages() throws {
        let server = try stillServer(segments: 120, contacts: 60)
        let path = "msdyncrm_segments?$select=msdyncrm_segmentname&$orderby=msdyncrm_segmentname"
        let before = (try server.getJSON(path)["value"]?.arrayValue ?? []).map { ($0["msdyncrm_segmentid"]!.stringValue!, $0["msdyncrm_segmentname"]!.stringValue!) }
        let pool = server.server.state.database.pool
        var deletedUnseen: String?
        var deletedSeen: String?
        let (rows, _) = try server.pageAll(path, pageSize: 50) { pagesSoFar in
            guard pagesSoFar == 1 else { return }
            // Seen rows are before index 50; one row is removed on each side of the cut.
            deletedSeen = before[10].0
            deletedUnseen = before[80].0
            try pool.write { db in
                try db.execute(sql: "DELETE FROM segments WHERE msdyncrm_segmentid IN (?, ?)", arguments: [before[10].0, before[80].0])
                for (id, name) in [("00000000-0000-4000-8000-000000000001", "AAAA first of all"), ("00000000-0000-4000-8000-000000000002", "龠 last of all")] {
                    try db.execute(
                        sql: """
                            INSERT INTO segments (msdyncrm_segmentid, msdyncrm_segmentname, name_fold, msdyncrm_segmenttype,
                                statuscode, statecode, msdyncrm_segmentqueryname, createdon, modifiedon, ownerid, versionnumber)
                            VALUES (?, ?, ?, 192350001, 192350000, 0, ?, 0, 0, 'x', 1)
                            """, arguments: [id, name, name.lowercased(), "Q" + id])
                }
            }
        }
        let ids = rows.compactMap { $0["msdyncrm_segmentid"]?.stringValue }
        XCTAssertEqual(Set(ids).count, ids.count, "no row twice")
        XCTAssertFalse(ids.contains("00000000-0000-4000-8000-000000000001"), "a row inserted before the cut is not sent")
        XCTAssertTrue(ids.contains("00000000-0000-4000-8000-000000000002"), "a row inserted after the cut is sent")
        XCTAssertFalse(ids.contains(deletedUnseen!))
        XCTAssertTrue(ids.contains(deletedSeen!), "it was sent before it was deleted")
        let expected = before.map(\.0).filter { $0 != deletedUnseen } + ["00000000-0000-4000-8000-000000000002"]
        XCTAssertEqual(ids, expected)
    }

    func testNextLinkIsAbsoluteKeepsOptionsAndIsEncodedTwice() throws {
        let server = try TestServer(segments: 30, contacts: 20)
        let json = try server.getJSON(
            "msdyncrm_segments?$select=msdyncrm_segmentname&$filter=" + percent("statecode eq 0") + "&$orderby=" + percent("modifiedon desc"),
            headers: ["Prefer": "odata.maxpagesize=5"])
        let link = try XCTUnwrap(json["@odata.nextLink"]?.stringValue)
        XCTAssertTrue(link.hasPrefix(server.root + "msdyncrm_segments?"), link)
        XCTAssertTrue(link.contains("$select=msdyncrm_segmentname"))
        XCTAssertTrue(link.contains("$filter=statecode%20eq%200"))
        XCTAssertTrue(link.contains("$orderby=modifiedon%20desc"))
        XCTAssertTrue(link.contains("$skiptoken=%3Ccookie%20pagenumber=%222%22%20pagingcookie=%22%253ccookie"), link)
        let response = try server.get(link, headers: ["Prefer": "odata.maxpagesize=5"])
        XCTAssertEqual(response.header("Preference-Applied"), "odata.maxpagesize=5")
        let otherOrder = link.replacingOccurrences(of: "$orderby=modifiedon%20desc", with: "$orderby=msdyncrm_segmentname")
        XCTAssertEqual(try server.get(otherOrder).status, 400, "a token only continues the ordering it came from")
        XCTAssertEqual(try server.get("msdyncrm_segments?$skiptoken=garbage").status, 400)
    }

    func testTopAndCountAndPageSizeLimits() throws {
        let server = try TestServer(segments: 5_100, contacts: 50)
        let top = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname&$top=7")
        XCTAssertEqual(top["value"]?.arrayValue?.count, 7)
        XCTAssertNil(top["@odata.nextLink"])
        let counted = try server.get("msdyncrm_segments?$select=msdyncrm_segmentname&$count=true", headers: ["Prefer": "odata.maxpagesize=9000"])
        let json = try JSONValue.parse(counted.body)
        XCTAssertEqual(json["@odata.count"]?.intValue, 5000, "the count is capped")
        XCTAssertEqual(json["value"]?.arrayValue?.count, 5000, "pages hold at most 5000 rows")
        XCTAssertEqual(counted.header("Preference-Applied"), "odata.maxpagesize=5000")
        XCTAssertNotNil(json["@odata.nextLink"])
        let filtered = try server.getJSON(
            "msdyncrm_segments?$count=true&$select=msdyncrm_segmentname&$filter=" + percent("msdyncrm_segmenttype eq 192350002"),
            headers: ["Prefer": "odata.maxpagesize=3"])
        let compoundCount = try server.server.state.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM segments WHERE msdyncrm_segmenttype = 192350002")!
        }
        XCTAssertEqual(filtered["@odata.count"]?.intValue, min(compoundCount, 5000))
        XCTAssertEqual(filtered["value"]?.arrayValue?.count, 3)
    }

    /// How long seeding takes is a benchmark's figure (`segtui-bench scale` prints it), not a
    /// test's: a timed test fails on a loaded machine and proves nothing on a quiet one.
    func testSeedingTenThousandSegmentsStoresThemAll() throws {
        let server = try TestServer(segments: 10_000, contacts: 2_000)
        let json = try server.getJSON("msdyncrm_segments?$count=true&$top=1")
        XCTAssertEqual(json["@odata.count"]?.intValue, 5000)
        let total = try server.server.state.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM segments")! }
        XCTAssertEqual(total, 10_000)
    }
}
