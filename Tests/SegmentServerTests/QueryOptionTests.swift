import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

final class QueryOptionTests: XCTestCase {
    nonisolated(unsafe) static var shared: TestServer?

    /// One demo server for the read-only tests of this class.
    var server: TestServer {
        get throws {
            if let shared = Self.shared { return shared }
            let created = try TestServer()
            Self.shared = created
            return created
        }
    }

    override class func tearDown() {
        shared = nil
        super.tearDown()
    }

    private func names(_ filter: String) throws -> [String] {
        let json = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname&$filter=" + percent(filter))
        return (json["value"]?.arrayValue ?? []).compactMap { $0["msdyncrm_segmentname"]?.stringValue }
    }

    func testDemoSeedHasWhatTheUINeeds() throws {
        let json = try server.getJSON("msdyncrm_segments?$select=msdyncrm_segmentname,msdyncrm_segmenttype,statuscode,msdyncrm_segmentsize")
        let rows = json["value"]?.arrayValue ?? []
        XCTAssertEqual(rows.count, 40)
        let names = rows.compactMap { $0["msdyncrm_segmentname"]?.stringValue }
        XCTAssertTrue(names.contains("O'Brien's VIP list"))
        XCTAssertTrue(names.contains("Clientes de São Paulo"))
        XCTAssertTrue(names.contains("Événements Lyon 2026"))
        let japanese = names.filter { $0.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) } }
        XCTAssertEqual(japanese, ["東京の見込み客"])
        XCTAssertEqual(Set(rows.compactMap { $0["msdyncrm_segmenttype"]?.intValue }), [192_350_000, 192_350_001, 192_350_002])
        XCTAssertGreaterThanOrEqual(Set(rows.compactMap { $0["statuscode"]?.intValue }).count, 5)
        // Static sizes are their member counts.
        let statics = try server.server.state.database.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM segments s WHERE msdyncrm_segmenttype = 192350001
                    AND msdyncrm_segmentsize IS NOT (SELECT COUNT(*) FROM segment_members m WHERE m.segmentid = s.msdyncrm_segmentid)
                    """)
        }
        XCTAssertEqual(statics, 0)
        let contacts = try server.getJSON("contacts?$count=true&$top=1")
        XCTAssertEqual(contacts["@odata.count"]?.intValue, 400)
    }

    func testFilterOperatorsAndLiterals() throws {
        XCTAssertEqual(try names("msdyncrm_segmentname eq 'O''Brien''s VIP list'"), ["O'Brien's VIP list"])
        XCTAssertEqual(try names("contains(msdyncrm_segmentname,'SAO PAULO')"), ["Clientes de São Paulo"], "case and accents are ignored")
        XCTAssertEqual(try names("startswith(msdyncrm_segmentname,'東京')"), ["東京の見込み客"])
        XCTAssertEqual(try names("endswith(msdyncrm_segmentname,'lyon 2026')"), ["Événements Lyon 2026"])
        XCTAssertEqual(try names("contains(msdyncrm_segmentname,'[%]')"), [], "a bracketed wildcard is literal")
        XCTAssertEqual(try names("startswith(msdyncrm_segmentname,'東_の')"), ["東京の見込み客"], "_ is a wildcard, as on Dataverse")
        let live = try names("statuscode eq 192350001")
        let notLive = try names("not (statuscode eq 192350001)")
        let ne = try names("statuscode ne 192350001")
        XCTAssertEqual(live.count + notLive.count, 40)
        XCTAssertEqual(Set(notLive), Set(ne))
        let both = try names("(msdyncrm_segmenttype eq 192350001 or msdyncrm_segmenttype eq 192350002) and statuscode eq 192350001")
        let statics = try names("msdyncrm_segmenttype eq 192350001 and statuscode eq 192350001")
        let compounds = try names("msdyncrm_segmenttype eq 192350002 and statuscode eq 192350001")
        XCTAssertEqual(Set(both), Set(statics + compounds))
        XCTAssertFalse(statics.isEmpty)
        let sized = try names("msdyncrm_segmentsize ne null")
        let unsized = try names("msdyncrm_segmentsize eq null")
        XCTAssertEqual(sized.count + unsized.count, 40)
        XCTAssertFalse(unsized.isEmpty)
        XCTAssertEqual(try names("msdyncrm_segmentsize gt 0 and msdyncrm_segmentsize le 0"), [])
        XCTAssertEqual(try names("modifiedon lt 2000-01-01").count, 0)
        XCTAssertEqual(try names("modifiedon ge 2000-01-01T00:00:00Z").count, 40)
        let one = try server.getJSON("msdyncrm_segments?$select=_ownerid_value,msdyncrm_segmentid&$top=1")["value"]![0]!
        let id = one["msdyncrm_segmentid"]!.stringValue!
        XCTAssertEqual(try names("msdyncrm_segmentid eq \(id.uppercased())").count, 1, "GUID literals are unquoted and case-insensitive")
        let owner = one["_ownerid_value"]!.stringValue!
        XCTAssertFalse(try names("_ownerid_value eq \(owner)").isEmpty)
    }

    func testMalformedFilterSaysWhere() throws {
        for (filter, position) in [("msdyncrm_segmentname eq", 23), ("(statuscode eq 1", 16), ("statuscode eq 1 and", 19), ("statuscode equals 1", 11)] {
            let response = try server.get("msdyncrm_segments?$filter=" + percent(filter))
            XCTAssertEqual(response.status, 400, filter)
            XCTAssertEqual(response.header("Content-Type"), "application/json; odata.metadata=minimal")
            let (code, message) = TestServer.errorParts(response)
            XCTAssertEqual(code, "0x0")
            XCTAssertTrue(message?.contains("position \(position)") == true, "\(filter): \(message ?? "no message")")
        }
        let unclosed = try server.get("msdyncrm_segments?$filter=" + percent("msdyncrm_segmentname eq 'abc"))
        XCTAssertEqual(unclosed.status, 400)
        XCTAssertTrue(TestServer.errorParts(unclosed).message?.contains("not closed") == true)
        let types = try server.get("msdyncrm_segments?$filter=" + percent("statuscode eq 'Live'"))
        XCTAssertEqual(types.status, 400)
        XCTAssertTrue(TestServer.errorParts(types).message?.contains("incompatible types") == true)
        let unknown = try server.get("msdyncrm_segments?$filter=" + percent("name eq 'x'"))
        XCTAssertEqual(
            TestServer.errorParts(unknown).message,
            "Could not find a property named 'name' on type 'Microsoft.Dynamics.CRM.msdyncrm_segment'.")
        let many = Array(repeating: "statuscode eq 1", count: 501).joined(separator: " or ")
        let tooMany = try server.send("GET", "msdyncrm_segments?$filter=" + percent(many))
        XCTAssertEqual(tooMany.status, 400)
    }

    func testSelectAndUnsupportedOptions() throws {
        let unknown = try server.get("msdyncrm_segments?$select=name,statuscode")
        XCTAssertEqual(unknown.status, 400)
        let (code, message) = TestServer.errorParts(unknown)
        XCTAssertEqual(code, "0x0")
        XCTAssertEqual(message, "Could not find a property named 'name' on type 'Microsoft.Dynamics.CRM.msdyncrm_segment'.")
        let skip = try server.get("msdyncrm_segments?$skip=10")
        XCTAssertEqual(skip.status, 400)
        XCTAssertEqual(TestServer.errorParts(skip).message, "The query parameter $skip is not supported")
        XCTAssertEqual(try server.get("msdyncrm_segments?$orderby=" + percent("nosuch desc")).status, 400)
        XCTAssertEqual(try server.get("msdyncrm_segments?$orderby=" + percent("modifiedon sideways")).status, 400)
        XCTAssertEqual(try server.get("msdyncrm_segments?$top=-1").status, 400)
        XCTAssertEqual(try server.get("msdyncrm_segments?$top=1&$top=2").status, 400)
        let selected = try server.getJSON("msdyncrm_segments?$select=statuscode&$top=1")
        let record = try XCTUnwrap(selected["value"]?[0]?.objectValue)
        XCTAssertEqual(Set(record.keys), ["@odata.etag", "statuscode", "msdyncrm_segmentid"])
        XCTAssertEqual(selected["@odata.context"]?.stringValue, try server.root + "$metadata#msdyncrm_segments(statuscode)")
    }

    func testUnknownResourcesAndHeaders() throws {
        let missing = try server.get("msdyncrm_segmentz")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(TestServer.errorParts(missing).code, "0x8006088a")
        XCTAssertEqual(TestServer.errorParts(missing).message, "Resource not found for the segment 'msdyncrm_segmentz'.")
        let ok = try server.get("msdyncrm_segments?$top=1")
        XCTAssertEqual(ok.header("OData-Version"), "4.0")
        XCTAssertEqual(ok.header("Content-Type"), "application/json; odata.metadata=minimal")
        let old = try server.get(try server.server.baseURL.absoluteString + "api/data/v9.0/msdyncrm_segments?$top=2")
        XCTAssertEqual(old.status, 200)
        XCTAssertEqual(try JSONValue.parse(old.body)["value"]?.arrayValue?.count, 2)
        XCTAssertEqual(try server.send("PUT", "WhoAmI").status, 405)
    }
}
