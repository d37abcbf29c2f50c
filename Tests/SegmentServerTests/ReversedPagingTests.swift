import Dataverse
import Foundation
import GRDB
import Segments
import XCTest

@testable import SegmentServer

/// The list reads its last rows by paging the reversed order (`G`); that is only right if the
/// reversed order is exactly the reverse, ties on every visible column included.
final class ReversedPagingTests: XCTestCase {
    func testReversedPagingWithTiesIsExactlyTheReverse() throws {
        let server = try TestServer(segments: 60, contacts: 20) { $0.lifecycleDelay = 3600 }
        // Twenty-five rows equal in everything the list sorts by: only the id tells them apart.
        try server.server.state.database.pool.write { db in
            for i in 0..<25 {
                let id = String(format: "7e000000-0000-4000-8000-%012d", (i * 7919) % 1000)
                try db.execute(
                    sql: """
                        INSERT INTO segments (msdyncrm_segmentid, msdyncrm_segmentname, name_fold, msdyncrm_segmenttype,
                            statuscode, statecode, msdyncrm_segmentqueryname, createdon, modifiedon, ownerid, versionnumber)
                        VALUES (?, 'Tied', 'tied', 192350001, 192350000, 0, ?, 0, 1700000000, 'x', 1)
                        """, arguments: [id, "Q" + id])
            }
        }
        let service = OutboundSegmentService(client: DataverseClient(organization: server.server.baseURL))
        for key in SegmentSortKey.allCases {
            for descending in [false, true] {
                let query = SegmentListQuery(sortKey: key, descending: descending, pageSize: 7)
                let forward = try Self.allIds(service, query)
                let backward = try Self.allIds(service, query.reversedOrder)
                XCTAssertEqual(forward.count, 85, "\(key) \(descending)")
                XCTAssertEqual(Set(forward).count, 85, "no row twice: \(key) \(descending)")
                XCTAssertEqual(backward, forward.reversed(), "reversed order of \(key) \(descending ? "desc" : "asc")")
            }
        }
    }

    private static func allIds(_ service: OutboundSegmentService, _ query: SegmentListQuery) throws -> [String] {
        var page = try service.firstPage(query)
        var ids = page.segments.map(\.id)
        while let next = page.next {
            page = try service.nextPage(next)
            ids += page.segments.map(\.id)
        }
        return ids
    }
}
