import Dataverse
import Foundation
import Synchronization

/// A `SegmentService` over segments held in memory: filters, orders and pages them as the Web API
/// would. For view-model tests and benchmarks that must not depend on HTTP. Failures and delays
/// can be scripted so that loading and error states are exercised.
public final class InMemorySegmentService: SegmentService {
    private struct State {
        var segments: [Segment]
        var contacts: [Contact] = []
        var members: [String: Set<String>] = [:]
        var failures: [DataverseError] = []
        var requests = 0
        var firstPages = 0
        var waiting = 0
        var version = 1000
        var unreachable: String?
    }

    private let state: Mutex<State>
    public let displayName: String
    /// Held by every call until released; lets a test observe the loading state.
    public let gate = DispatchSemaphore(value: 0)
    private let gated: Bool

    public init(segments: [Segment], contacts: [Contact] = [], displayName: String = "memory", gated: Bool = false) {
        var initial = State(segments: segments)
        initial.contacts = contacts
        self.state = Mutex(initial)
        self.displayName = displayName
        self.gated = gated
    }

    /// The next call fails with `error` (queued; one failure a call).
    public func failNext(with error: DataverseError) {
        state.withLock { $0.failures.append(error) }
    }

    public var requestCount: Int { state.withLock { $0.requests } }

    /// How many of the requests were first pages (the rest of the list's reads follow a continuation).
    public var firstPageCount: Int { state.withLock { $0.firstPages } }

    /// Calls held at the gate now, so that a test releases exactly those.
    public var waitingAtGate: Int { state.withLock { $0.waiting } }

    /// Lets through the calls held at the gate now (and no later one); returns how many.
    @discardableResult
    public func releaseWaiting() -> Int {
        let count = state.withLock { state in
            defer { state.waiting = 0 }
            return state.waiting
        }
        for _ in 0..<count { gate.signal() }
        return count
    }

    private func passGate() {
        guard gated else { return }
        state.withLock { $0.waiting += 1 }
        gate.wait()
    }

    /// The segments as stored now (for assertions).
    public var storedSegments: [Segment] { state.withLock { $0.segments } }

    public func storedMembers(of segmentId: String) -> Set<String> { state.withLock { $0.members[segmentId] ?? [] } }

    /// Moves Going live on to Live and Stopping to Stopped, as the real service does by itself.
    public func completeTransitions() {
        state.withLock { state in
            for index in state.segments.indices {
                switch state.segments[index].status {
                case .goingLive: Self.touch(&state, index) { $0.status = .live }
                case .stopping: Self.touch(&state, index) { $0.status = .stopped }
                default: break
                }
            }
        }
    }

    public func replaceSegments(_ segments: [Segment]) {
        state.withLock { $0.segments = segments }
    }

    private func begin() throws(DataverseError) -> [Segment] {
        passGate()
        let outcome: Result<[Segment], DataverseError> = state.withLock { state in
            state.requests += 1
            if let problem = state.unreachable { return .failure(.transport(problem)) }
            if !state.failures.isEmpty { return .failure(state.failures.removeFirst()) }
            return .success(state.segments)
        }
        return try outcome.get()
    }

    public func firstPage(_ query: SegmentListQuery) throws(DataverseError) -> SegmentPage {
        state.withLock { $0.firstPages += 1 }
        var rows = try begin().filter(query.matches)
        rows.sort { Self.ordered($0, $1, by: query.sortKey, descending: query.descending, reversed: query.reversed) }
        return Self.page(of: rows, from: 0, pageSize: query.pageSize, query: query)
    }

    public func nextPage(_ continuation: PageContinuation) throws(DataverseError) -> SegmentPage {
        guard let offset = continuation.offset, let query = continuation.query else {
            throw .invalidRequest("no continuation")
        }
        var rows = try begin().filter(query.matches)
        rows.sort { Self.ordered($0, $1, by: query.sortKey, descending: query.descending, reversed: query.reversed) }
        return Self.page(of: rows, from: offset, pageSize: continuation.pageSize, query: query)
    }

    public func segment(id: String) throws(DataverseError) -> Segment {
        let rows = try begin()
        guard let found = rows.first(where: { $0.id == id.lowercased() }) else {
            throw .service(status: 404, code: "0x80040217", message: "msdyncrm_segment With Id = \(id) Does Not Exist")
        }
        return found
    }

    private static func page(of rows: [Segment], from offset: Int, pageSize: Int, query: SegmentListQuery) -> SegmentPage {
        let end = min(rows.count, offset + pageSize)
        let slice = offset < end ? Array(rows[offset..<end]) : []
        var next: PageContinuation?
        if end < rows.count {
            next = PageContinuation(offset: end, pageSize: pageSize)
            next?.query = query
        }
        return SegmentPage(segments: slice, next: next, totalCount: min(rows.count, 5000))
    }

    /// The order of `SegmentListQuery.orderKeys`: the sort key, then name A to Z, then the id in
    /// the sort key's direction, all of it backwards when the query is reversed.
    static func ordered(_ a: Segment, _ b: Segment, by key: SegmentSortKey, descending: Bool, reversed: Bool = false) -> Bool {
        if reversed { return ordered(b, a, by: key, descending: descending) }
        func compare<T: Comparable>(_ x: T, _ y: T, descending: Bool) -> Bool? {
            if x == y { return nil }
            return descending ? x > y : x < y
        }
        let decided: Bool?
        switch key {
        case .name: decided = compare(a.name.lowercased(), b.name.lowercased(), descending: descending)
        case .type: decided = compare(a.type.rawValue, b.type.rawValue, descending: descending)
        case .status: decided = compare(a.status.rawValue, b.status.rawValue, descending: descending)
        case .size: decided = compare(a.size ?? -1, b.size ?? -1, descending: descending)
        case .modifiedOn: decided = compare(a.modifiedOn ?? .distantPast, b.modifiedOn ?? .distantPast, descending: descending)
        }
        if let decided { return decided }
        if key != .name, let byName = compare(a.name.lowercased(), b.name.lowercased(), descending: false) { return byName }
        return compare(a.id, b.id, descending: descending) ?? false
    }

    // MARK: writes, with the real service's rules

    private func write<T>(_ body: (inout State) throws(DataverseError) -> T) throws(DataverseError) -> T {
        passGate()
        let outcome: Result<T, DataverseError> = state.withLock { state in
            state.requests += 1
            if let problem = state.unreachable { return .failure(.transport(problem)) }
            if !state.failures.isEmpty { return .failure(state.failures.removeFirst()) }
            do throws(DataverseError) { return .success(try body(&state)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    private static func touch(_ state: inout State, _ index: Int, _ change: (inout Segment) -> Void) {
        change(&state.segments[index])
        state.version += 1
        state.segments[index].versionNumber = state.version
        state.segments[index].etag = "W/\"\(state.version)\""
        state.segments[index].modifiedOn = Date()
        state.segments[index].labels = [:]
    }

    private static func index(of id: String, in state: State, ifMatch etag: String?) throws(DataverseError) -> Int {
        guard let index = state.segments.firstIndex(where: { $0.id == id.lowercased() }) else {
            throw .service(status: 404, code: "0x80040217", message: "msdyncrm_segment With Id = \(id) Does Not Exist")
        }
        if let etag, etag != "*", etag != state.segments[index].etag {
            throw .service(status: 412, code: "0x80060882",
                           message: "The version of the existing record doesn't match the RowVersion property provided.")
        }
        return index
    }

    public func create(_ draft: SegmentDraft) throws(DataverseError) -> String {
        try write { (state: inout State) throws(DataverseError) -> String in
            let id = UUID().uuidString.lowercased()
            state.segments.append(Segment(id: id, name: draft.name, type: draft.type, status: .draft, state: 0,
                                          description: draft.description, query: draft.query,
                                          queryName: SegmentActionWire.queryName(forSegmentId: id),
                                          size: draft.type == .static ? draft.memberIds.count : nil, createdOn: Date()))
            state.members[id] = Set(draft.memberIds)
            Self.touch(&state, state.segments.count - 1) { _ in }
            return id
        }
    }

    public func update(id: String, changes: SegmentChanges, ifMatch etag: String?) throws(DataverseError) {
        try write { (state: inout State) throws(DataverseError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            // As the service: the description may change at any time, the name and query not while live.
            if changes.name != nil || changes.query != nil, state.segments[index].status.locksContent {
                throw .service(status: 400, code: "0x0", message: "A live segment cannot be changed. Stop it first.")
            }
            Self.touch(&state, index) { segment in
                if let name = changes.name { segment.name = name }
                if let description = changes.description { segment.description = description.isEmpty ? nil : description }
                if let query = changes.query { segment.query = query }
            }
        }
    }

    public func setStatus(id: String, to status: SegmentStatus, ifMatch etag: String?) throws(DataverseError) {
        try write { (state: inout State) throws(DataverseError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            let current = state.segments[index].status
            guard current.canMove(to: status) else {
                throw .service(status: 400, code: "0x0", message: "A segment cannot move from \(current.label) to \(status.label).")
            }
            Self.touch(&state, index) { $0.status = status }
        }
    }

    public func delete(id: String, ifMatch etag: String?) throws(DataverseError) {
        try write { (state: inout State) throws(DataverseError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            state.members[state.segments[index].id] = nil
            state.segments.remove(at: index)
        }
    }

    public func validate(type: SegmentType, query: String) throws(DataverseError) -> [ValidationIssue] {
        try write { _ in
            // Only the shape the in-memory service can judge: a profile or segment expression.
            let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
            let balanced = trimmed.filter { $0 == "(" }.count == trimmed.filter { $0 == ")" }.count
            if trimmed.hasPrefix("PROFILE(") || trimmed.hasPrefix("SEGMENT("), balanced { return [] }
            return [ValidationIssue(code: "SegmentDciValidator_SegmentInvalid", field: "msdyncrm_query",
                                    message: balanced ? "A query starts with PROFILE( or SEGMENT(." : "Unbalanced parentheses.")]
        }
    }

    public func members(of segment: Segment, skip: Int, take: Int) throws(DataverseError) -> (total: Int, contacts: [Contact]) {
        try write { state in
            let ids = state.members[segment.id] ?? []
            let sorted = state.contacts.filter { ids.contains($0.id) }.sorted { ($0.fullName, $0.id) < ($1.fullName, $1.id) }
            let page = sorted.dropFirst(skip).prefix(take)
            return (sorted.count, Array(page))
        }
    }

    public func memberIds(of segmentId: String) throws(DataverseError) -> [String] {
        try write { state in (state.members[segmentId] ?? []).sorted() }
    }

    public func updateMembers(of segmentId: String, add: [String], remove: [String]) throws(DataverseError) {
        try write { (state: inout State) throws(DataverseError) in
            let index = try Self.index(of: segmentId, in: state, ifMatch: nil)
            if state.segments[index].status.locksContent {
                throw .service(status: 400, code: "0x0", message: "A live segment cannot be changed. Stop it first.")
            }
            let known = Set(state.contacts.map(\.id))
            var members = state.members[segmentId] ?? []
            members.formUnion(add.map { $0.lowercased() }.filter(known.contains))
            members.subtract(remove.map { $0.lowercased() })
            state.members[segmentId] = members
            Self.touch(&state, index) { $0.size = members.count }
        }
    }

    /// Not counted as a request and never held by the gate: it is the connection check, and
    /// tests count and hold the segment requests. It fails only while the service is unreachable.
    public func identity() throws(DataverseError) -> ServiceIdentity {
        if let problem = state.withLock({ $0.unreachable }) { throw .transport(problem) }
        return ServiceIdentity(userId: "00000000-0000-4000-8000-00000000cafe", userName: "Test User", organizationId: "memory")
    }

    /// While set, every call fails as if the network were down.
    public func setUnreachable(_ problem: String?) {
        state.withLock { $0.unreachable = problem }
    }

    public func addMembers(of segmentId: String, matching query: String) throws(DataverseError) -> Int {
        throw .service(status: 400, code: "0x0", message: "The in-memory service does not evaluate queries.")
    }

    public func searchContacts(_ text: String, top: Int) throws(DataverseError) -> [Contact] {
        try write { state in
            let needle = text.lowercased().trimmingCharacters(in: .whitespaces)
            let found = state.contacts.filter {
                needle.isEmpty || $0.fullName.lowercased().contains(needle) || ($0.email?.lowercased().contains(needle) ?? false)
            }
            return Array(found.sorted { ($0.fullName, $0.id) < ($1.fullName, $1.id) }.prefix(top))
        }
    }
}
