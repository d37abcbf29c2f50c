import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

/// `GET /segtui/integrity`, the service's own health check of its SQLite file.
final class DiagnosticTests: XCTestCase {
    func testIntegrityCheckOfASoundDatabase() throws {
        let server = try TestServer(segments: 5, contacts: 20)
        let url = server.server.baseURL.absoluteString + "segtui/integrity"
        let response = try server.get(url)
        XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
        let json = try JSONValue.parse(response.body)
        XCTAssertEqual(json["ok"]?.boolValue, true)
        XCTAssertEqual(json["messages"]?.arrayValue?.compactMap(\.stringValue), ["ok"])

        let posted = try server.send("POST", url, body: "{}")
        XCTAssertEqual(posted.status, 405)
    }

    func testRequestCountsTellPageReadsFromOtherRequests() throws {
        let server = try TestServer(segments: 5, contacts: 20)
        let url = server.server.baseURL.absoluteString + "segtui/requests"
        let before = try JSONValue.parse(server.get(url).body)
        _ = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname")
        let id = try server.segmentId(named: try XCTUnwrap(server.getJSON("msdyncrm_segments?$top=1")["value"]?[0]?["msdyncrm_segmentname"]?.stringValue))
        _ = try server.segment(id)
        let after = try JSONValue.parse(server.get(url).body)
        let all = (after["requests"]?.intValue ?? 0) - (before["requests"]?.intValue ?? 0)
        let pages = (after["collectionReads"]?.intValue ?? 0) - (before["collectionReads"]?.intValue ?? 0)
        XCTAssertEqual(pages, 3, "the two lists and the look-up by name")
        XCTAssertEqual(all, 4, "and one record read; the counter's own reads are not counted")
    }

    func testIntegrityCheckReportsADamagedIndex() throws {
        let server = try TestServer(segments: 5, contacts: 20)
        let (rootpage, pageSize) = try server.server.state.database.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_schema WHERE name = 'contacts_modifiedon'") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            )
        }
        XCTAssertGreaterThan(rootpage, 1)
        server.server.stop()
        // Overwrite the end of the index's only page, where its cells live, as a torn write would.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: server.databasePath))
        try handle.seek(toOffset: UInt64(rootpage * pageSize - 400))
        try handle.write(contentsOf: Data(repeating: 0x7F, count: 300))
        try handle.close()
        try server.restart()

        let response = try server.get(server.server.baseURL.absoluteString + "segtui/integrity")
        XCTAssertEqual(response.status, 500, String(decoding: response.body, as: UTF8.self))
        let json = try JSONValue.parse(response.body)
        XCTAssertEqual(json["ok"]?.boolValue, false)
        XCTAssertNotEqual(json["messages"]?.arrayValue?.compactMap(\.stringValue), ["ok"])
        XCTAssertFalse(json["messages"]?.arrayValue?.isEmpty ?? true)
    }

    func testIntegrityCheckWantsATokenWhenTheServiceDoes() throws {
        let server = try TestServer(segments: 2, contacts: 5) { $0.requireToken = true }
        let response = try server.get(server.server.baseURL.absoluteString + "segtui/integrity")
        XCTAssertEqual(response.status, 401)
    }
}
