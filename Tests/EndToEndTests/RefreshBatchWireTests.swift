import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// A live list's whole tick (`SegmentService.refresh`) against `segtui serve` on both APIs: one
/// `$batch` when nothing changed, read from the service's own request log, and what it answers
/// when a row is renamed and another deleted elsewhere.
final class RefreshBatchWireTests: XCTestCase {
    private var work: URL!
    private var server: ServiceProcess!
    private var client: DataverseClient!
    private var service: (any SegmentService)!
    private var log: ServiceDiagnostics!

    override func tearDown() {
        server?.stop()
        if let work { try? FileManager.default.removeItem(at: work) }
    }

    private func start(_ api: String) throws {
        work = BuiltProducts.temporaryDirectory("refresh-batch")
        server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("b.sqlite").path,
                                    arguments: ["--api", api, "--lifecycle-delay", "0.2"])
        client = DataverseClient(organization: server.baseURL, retry: .none)
        service = api == "journeys" ? JourneysSegmentService(client: client) : OutboundSegmentService(client: client)
        log = ServiceDiagnostics(baseURL: server.baseURL)
    }

    private let ours = SegmentListQuery(nameContains: "Batch wire")

    private func create(_ name: String) throws -> Segment {
        try service.segment(id: service.create(SegmentDraft(name: name, type: .dynamic, query: "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1))")))
    }

    func testAnIdleTickIsOneRequestOutbound() throws { try idleTick("outbound") }
    func testAnIdleTickIsOneRequestJourneys() throws { try idleTick("journeys") }

    private func idleTick(_ api: String) throws {
        try start(api)
        let a = try create("Batch wire A")
        let b = try create("Batch wire B")
        let rows = try service.firstPage(ours).segments
        XCTAssertEqual(Set(rows.map(\.id)), [a.id, b.id])
        let open = try service.segment(id: a.id)
        // The service keeps whole seconds: ask from the second after every write so far.
        let now = Date()
        XCTAssertTrue(waitUntil(timeout: 5) { Date().timeIntervalSince1970.rounded(.down) > now.timeIntervalSince1970.rounded(.down) })
        let ask = RefreshAsk(since: now, query: ours, top: 20, visibleIds: rows.map(\.id),
                             detail: SegmentVersion(id: open.id, etag: open.etag, modifiedOn: open.modifiedOn))

        let mark = try log.mark()
        let idle = try service.refresh(ask)
        let asked = try log.requests(from: mark)
        let outer = asked.filter { $0.batch == nil }
        XCTAssertEqual(outer.map(\.description), ["POST $batch"], "one request for the whole tick")
        let parts = asked.filter { $0.batch != nil }
        XCTAssertTrue(parts.allSatisfy { $0.batch == outer.first?.number && $0.method == "GET" }, "\(parts)")
        XCTAssertFalse(parts.contains { $0.resource.hasSuffix(")") && !$0.resource.contains(a.id.lowercased()) && !$0.resource.contains((open.definitionId ?? "-").lowercased()) },
                       "no read of a row other than the detail's: \(parts)")
        XCTAssertEqual(idle.delta.changed, [])
        XCTAssertFalse(idle.delta.truncated)
        XCTAssertEqual(Set(idle.versions.map(\.id)), Set(rows.map(\.id)))
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: idle.versions.map { ($0.id, $0.etag) }),
                       Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.etag) }), "the versions as the list read them")
        XCTAssertEqual(idle.detail, .unchanged, "304 for the detail")

        // Elsewhere: a renamed, b deleted.
        try service.update(id: a.id, changes: SegmentChanges(name: "Batch wire A renamed"), ifMatch: nil)
        try service.delete(id: b.id, ifMatch: nil)
        let changedMark = try log.mark()
        let changed = try service.refresh(ask)
        XCTAssertEqual(changed.delta.changed.map(\.name), ["Batch wire A renamed"])
        XCTAssertEqual(changed.versions.map(\.id), [a.id], "the deleted row is missing from the versions")
        XCTAssertNotEqual(changed.versions.first?.etag, a.etag)
        guard case .changed(let fresh)? = changed.detail else { return XCTFail("the detail changed: \(String(describing: changed.detail))") }
        XCTAssertEqual(fresh.name, "Batch wire A renamed")
        if api == "outbound" {
            XCTAssertEqual(try log.requests(from: changedMark).filter { $0.batch == nil }.count, 1, "outbound: the detail's new version came in the batch")
        }

        // The detail itself deleted: no error, no detail, the versions say it is gone.
        try service.delete(id: a.id, ifMatch: nil)
        let gone = try service.refresh(RefreshAsk(since: now, query: ours, top: 20, visibleIds: [a.id],
                                                  detail: SegmentVersion(id: a.id, etag: fresh.etag, modifiedOn: nil)))
        XCTAssertNil(gone.detail)
        XCTAssertEqual(gone.versions, [])
    }
}
