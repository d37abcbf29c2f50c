import Dataverse
import Foundation
import SegtuiHarness
import Synchronization
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `segtui serve` killed with SIGKILL in the middle of a stream of writes: started again on the
/// same file, it must have every write it acknowledged, a member count that matches its members,
/// and a database that SQLite's integrity check passes.
final class CrashRecoveryTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = temporaryDirectory("crash")
    }

    func testKillDuringWritesKeepsEveryAcknowledgedWrite() throws {
        let databasePath = work.appendingPathComponent("crash.sqlite").path
        var service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: databasePath)
        let (editedId, staticId) = try Self.draftSegments(service)
        let contacts = try Self.contactIds(service)
        XCTAssertGreaterThanOrEqual(contacts.count, 300)
        let ledger = Ledger()

        for round in 0..<3 {
            let writer = Writer(
                root: Self.root(service), editedId: editedId, staticId: staticId, contacts: contacts, ledger: ledger, round: round)
            let before = ledger.acknowledged
            writer.start()
            // Kill once the writer is well into its stream, while it keeps writing.
            let wanted = before + 40 + 17 * round
            XCTAssertTrue(
                waitUntil(timeout: 60) { ledger.acknowledged >= wanted || writer.finished }, "round \(round): \(wanted) writes acknowledged")
            XCTAssertNil(writer.failure, "round \(round): a write failed before the kill: \(writer.failure ?? "")")
            XCTAssertFalse(writer.finished, "round \(round): the writer is still writing when the kill comes")
            let pid = service.pid
            service.kill()
            XCTAssertTrue(waitUntil(timeout: 30) { writer.finished }, "round \(round): the writer notices the service is gone")
            XCTAssertNotEqual(kill(pid, 0), 0, "the service process is gone")
            let wal = (try? FileManager.default.attributesOfItem(atPath: databasePath + "-wal")[.size] as? Int) ?? 0
            XCTAssertGreaterThan(wal, 0, "round \(round): the service died without its clean-shutdown checkpoint, leaving a WAL")

            service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: databasePath)
            try verify(service, ledger: ledger, editedId: editedId, staticId: staticId, round: round)
        }
        XCTAssertGreaterThanOrEqual(ledger.acknowledged, 3 * 40)
        service.stop()
    }

    // MARK: - Checks after a restart

    private func verify(_ service: ServiceProcess, ledger: Ledger, editedId: String, staticId: String, round: Int) throws {
        let transport = URLSessionTransport(timeout: 30)
        let root = Self.root(service)
        let state = ledger.snapshot()

        let integrity = try Self.send(transport, "GET", Self.base(service) + "segtui/integrity")
        XCTAssertEqual(integrity.status, 200, "round \(round): " + String(decoding: integrity.body, as: UTF8.self))
        XCTAssertEqual(try JSONValue.parse(integrity.body)["ok"]?.boolValue, true)

        // Every acknowledged create is there, under the name it was given.
        let created = try Self.getAll(
            transport, root + "msdyncrm_segments?$select=msdyncrm_segmentname&$filter="
                + ODataQuery.encode("startswith(msdyncrm_segmentname,'Crash write ')"))
        var names: [String: String] = [:]
        for row in created { names[row["msdyncrm_segmentid"]?.stringValue ?? ""] = row["msdyncrm_segmentname"]?.stringValue }
        for (id, name) in state.created {
            XCTAssertEqual(names[id], name, "round \(round): acknowledged create \(name) is missing")
        }
        // At most the one create in flight at each kill is there without an acknowledgement.
        XCTAssertLessThanOrEqual(created.count, state.created.count + round + 1)

        // The edited segment holds the last acknowledged description, or the one in flight.
        let edited = try JSONValue.parse(
            try Self.send(transport, "GET", root + "msdyncrm_segments(\(editedId))?$select=msdyncrm_description").body)
        let description = edited["msdyncrm_description"]?.stringValue
        var allowed = Set([state.lastPatch.map { "Acknowledged write \($0)" }])
        allowed.insert(state.patchInFlight.map { "Acknowledged write \($0)" })
        XCTAssertTrue(allowed.contains(description), "round \(round): description \(description ?? "nil"), expected one of \(allowed)")

        // Every acknowledged member is there, and the stored size is the member count.
        let members = try Self.memberIds(transport, root: root, staticId: staticId)
        XCTAssertTrue(state.members.isSubset(of: members), "round \(round): \(state.members.subtracting(members).count) acknowledged members are missing")
        XCTAssertLessThanOrEqual(members.count, state.members.count + round + 1)
        let size = try JSONValue.parse(
            try Self.send(transport, "GET", root + "msdyncrm_segments(\(staticId))?$select=msdyncrm_segmentsize").body)
        XCTAssertEqual(size["msdyncrm_segmentsize"]?.intValue, members.count, "round \(round): the stored size matches the members")
    }

    // MARK: - Helpers

    static let headers = ["Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0", "Content-Type": "application/json"]

    static func base(_ service: ServiceProcess) -> String {
        let text = service.baseURL.absoluteString
        return text.hasSuffix("/") ? text : text + "/"
    }

    static func root(_ service: ServiceProcess) -> String { base(service) + "api/data/v9.2/" }

    static func send(_ transport: URLSessionTransport, _ method: String, _ url: String, _ body: String? = nil, prefer: String? = nil) throws
        -> HTTPResponse
    {
        var headers = Self.headers
        if let prefer { headers["Prefer"] = prefer }
        guard let target = URL(string: url) else { throw DataverseError.invalidRequest("bad URL \(url)") }
        return try transport.send(HTTPRequest(method: method, url: target, headers: headers, body: body.map { Data($0.utf8) }))
    }

    static func getAll(_ transport: URLSessionTransport, _ url: String) throws -> [JSONValue] {
        var rows: [JSONValue] = []
        var next: String? = url
        while let link = next {
            let response = try send(transport, "GET", link, prefer: "odata.maxpagesize=500")
            guard response.status == 200 else { throw DataverseError.invalidRequest("GET \(link): \(response.status)") }
            let json = try JSONValue.parse(response.body)
            rows += json["value"]?.arrayValue ?? []
            next = json["@odata.nextLink"]?.stringValue
        }
        return rows
    }

    /// A draft dynamic segment to edit and a draft static one to add members to.
    static func draftSegments(_ service: ServiceProcess) throws -> (edited: String, members: String) {
        let transport = URLSessionTransport(timeout: 30)
        let root = root(service)
        func create(_ body: String) throws -> String {
            let response = try send(transport, "POST", root + "msdyncrm_segments", body)
            guard response.status == 204, let entity = response.header("OData-EntityId"), let open = entity.lastIndex(of: "(") else {
                throw DataverseError.invalidRequest("create: \(response.status) \(String(decoding: response.body, as: UTF8.self))")
            }
            return String(entity[entity.index(after: open)...].dropLast())
        }
        let edited = try create(#"{"msdyncrm_segmentname": "Edited through the crash", "msdyncrm_segmenttype": 192350000, "msdyncrm_segmentquery": "PROFILE(contact)"}"#)
        let members = try create(#"{"msdyncrm_segmentname": "Members through the crash", "msdyncrm_segmenttype": 192350001}"#)
        return (edited, members)
    }

    static func contactIds(_ service: ServiceProcess) throws -> [String] {
        try getAll(URLSessionTransport(timeout: 30), root(service) + "contacts?$select=contactid&$orderby=contactid").compactMap {
            $0["contactid"]?.stringValue
        }
    }

    static func memberIds(_ transport: URLSessionTransport, root: String, staticId: String) throws -> Set<String> {
        let queryName = "SEGMENT_CRM_ID_" + staticId.replacingOccurrences(of: "-", with: "")
        let body = #"{"Query": "SEGMENT(\#(queryName)).ORDERBY(contactid ASC).SKIP(0).TAKE(5000).SELECT(contactid)"}"#
        let response = try send(transport, "POST", root + "msdyncrm_FetchContactsByQuery", body)
        guard response.status == 200 else {
            throw DataverseError.invalidRequest("FetchContactsByQuery: \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        let json = try JSONValue.parse(response.body)
        let rows = json["Contacts"]?.arrayValue ?? []
        return Set(rows.compactMap { $0["contactid"]?.stringValue })
    }
}

/// What the service has acknowledged, across kills.
private final class Ledger: Sendable {
    struct State {
        var created: [String: String] = [:]
        var lastPatch: Int?
        var patchInFlight: Int?
        var members: Set<String> = []
        var acknowledged = 0
    }
    private let state = Mutex(State())

    var acknowledged: Int { state.withLock { $0.acknowledged } }
    func snapshot() -> State { state.withLock { $0 } }
    func update(_ change: (inout State) -> Void) { state.withLock { change(&$0) } }
}

/// One thread writing in a loop (creates, updates, member adds) until a request fails, which
/// it does once the service is killed.
private final class Writer: Sendable {
    private let root: String
    private let editedId: String
    private let staticId: String
    private let contacts: [String]
    private let ledger: Ledger
    private let round: Int
    private let done = Mutex<(finished: Bool, failure: String?)>((false, nil))

    init(root: String, editedId: String, staticId: String, contacts: [String], ledger: Ledger, round: Int) {
        self.root = root
        self.editedId = editedId
        self.staticId = staticId
        self.contacts = contacts
        self.ledger = ledger
        self.round = round
    }

    var finished: Bool { done.withLock { $0.finished } }
    /// An answer other than success while the service was up (a refused connection is not one).
    var failure: String? { done.withLock { $0.failure } }

    func start() {
        Thread.detachNewThread { self.run() }
    }

    private func run() {
        let transport = URLSessionTransport(timeout: 10)
        var step = 0
        defer { done.withLock { $0.finished = true } }
        while true {
            let sequence = round * 10_000 + step
            do {
                switch step % 3 {
                case 0:
                    let name = "Crash write \(sequence)"
                    let response = try CrashRecoveryTests.send(
                        transport, "POST", root + "msdyncrm_segments",
                        #"{"msdyncrm_segmentname": "\#(name)", "msdyncrm_segmenttype": 192350001}"#)
                    guard response.status == 204, let entity = response.header("OData-EntityId"), let open = entity.lastIndex(of: "(") else {
                        return fail("create \(sequence): \(response.status)")
                    }
                    let id = String(entity[entity.index(after: open)...].dropLast())
                    ledger.update {
                        $0.created[id] = name
                        $0.acknowledged += 1
                    }
                case 1:
                    ledger.update { $0.patchInFlight = sequence }
                    let response = try CrashRecoveryTests.send(
                        transport, "PATCH", root + "msdyncrm_segments(\(editedId))", #"{"msdyncrm_description": "Acknowledged write \#(sequence)"}"#)
                    guard response.status == 204 else { return fail("update \(sequence): \(response.status)") }
                    ledger.update {
                        $0.lastPatch = sequence
                        $0.acknowledged += 1
                    }
                default:
                    let contact = contacts[(sequence / 3) % contacts.count]
                    let body = #"{"msdyncrm_segmentid": "\#(staticId)", "msdyncrm_operation": "addByIds", "msdyncrm_memberids": "[\"crm\#(contact)\"]"}"#
                    let response = try CrashRecoveryTests.send(transport, "POST", root + "msdyncrm_SegmentMembersUpdate", body)
                    guard (200..<300).contains(response.status) else { return fail("add member \(sequence): \(response.status)") }
                    ledger.update {
                        $0.members.insert(contact)
                        $0.acknowledged += 1
                    }
                }
            } catch {
                // The service is gone: the kill ends the stream.
                return
            }
            step += 1
        }
    }

    private func fail(_ reason: String) {
        done.withLock { $0.failure = reason }
    }
}
