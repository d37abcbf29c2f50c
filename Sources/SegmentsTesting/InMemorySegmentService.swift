import Foundation
import Segments
import Synchronization

/// A `SegmentService` over segments held in memory: filters, orders and pages them as the Web API
/// would, and keeps either API's rules (`api`): groups with exclusion winning, publish and stop
/// refused while the segment is used (`setUsage`), members evaluated as query results
/// (`setQueryMembers`) plus Include groups less Exclude groups. For view-model tests and
/// benchmarks that must not depend on HTTP. Failures and delays can be scripted so that loading
/// and error states are exercised.
public final class InMemorySegmentService: SegmentService {
    struct State {
        var segments: [Segment]
        var contacts: [Contact] = []
        /// Static groups by segment id, in order; outbound keeps one Include group.
        var groups: [String: [StoredGroup]] = [:]
        /// What each segment's query selects, as a test scripted it.
        var queryMembers: [String: Set<String>] = [:]
        var usage: [String: SegmentUsage] = [:]
        var failures: [SegmentServiceError] = []
        var requests = 0
        var firstPages = 0
        var waiting = 0
        var version = 1000
        var unreachable: String?
        /// Audit records by segment id, oldest first; nil history means the table is not audited.
        var history: [String: [SegmentHistoryEntry]]? = [:]
    }

    let state: Mutex<State>
    public let displayName: String
    public let api: SegmentAPI
    /// Held by every call until released; lets a test observe the loading state.
    public let gate = DispatchSemaphore(value: 0)
    private let gated: Bool

    public init(segments: [Segment], contacts: [Contact] = [], displayName: String = "memory", gated: Bool = false,
                api: SegmentAPI = .outbound) {
        var initial = State(segments: segments)
        initial.contacts = contacts
        for segment in segments {
            initial.groups[segment.id] = segment.groups.map { StoredGroup(group: $0, ids: []) }
            if api == .outbound, segment.type == .static, segment.groups.isEmpty {
                initial.groups[segment.id] = [StoredGroup(group: Self.outboundGroup, ids: [])]
            }
        }
        self.state = Mutex(initial)
        self.displayName = displayName
        self.gated = gated
        self.api = api
    }

    public var capabilities: SegmentCapabilities { api == .journeys ? .journeys : .outbound }

    /// The next call fails with `error` (queued; one failure a call).
    public func failNext(with error: SegmentServiceError) {
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

    /// Who is in the segment now: its query's members plus Include groups, less Exclude groups.
    public func storedMembers(of segmentId: String) -> Set<String> { state.withLock { Self.effectiveMembers(of: segmentId, in: $0) } }

    /// The ids one group holds (for assertions).
    public func storedGroupMembers(of segmentId: String, groupId: String) -> Set<String> {
        state.withLock { $0.groups[segmentId]?.first { $0.group.id == groupId }?.ids ?? [] }
    }

    /// Scripts what the segment's query selects (the in-memory service does not evaluate queries).
    public func setQueryMembers(of segmentId: String, _ ids: Set<String>) {
        state.withLock { $0.queryMembers[segmentId.lowercased()] = ids }
    }

    /// Scripts the journeys and segments that use a segment: stop and delete are refused meanwhile.
    public func setUsage(of segmentId: String, _ usage: SegmentUsage) {
        state.withLock { state in
            state.usage[segmentId.lowercased()] = usage
            if let index = state.segments.firstIndex(where: { $0.id == segmentId.lowercased() }) { state.segments[index].usage = usage }
        }
    }

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

    func begin() throws(SegmentServiceError) -> [Segment] {
        passGate()
        let outcome: Result<[Segment], SegmentServiceError> = state.withLock { state in
            state.requests += 1
            if let problem = state.unreachable { return .failure(.unreachable(problem)) }
            if !state.failures.isEmpty { return .failure(state.failures.removeFirst()) }
            return .success(state.segments)
        }
        return try outcome.get()
    }

    public func firstPage(_ query: SegmentListQuery) throws(SegmentServiceError) -> SegmentPage {
        state.withLock { $0.firstPages += 1 }
        var rows = try begin().filter(query.matches)
        rows.sort { Self.ordered($0, $1, by: query.sortKey, descending: query.descending, reversed: query.reversed) }
        return Self.page(of: rows, from: 0, pageSize: query.pageSize, query: query)
    }

    public func nextPage(_ continuation: PageContinuation) throws(SegmentServiceError) -> SegmentPage {
        guard let offset = continuation.offset, let query = continuation.query else {
            throw .invalidRequest("no continuation")
        }
        var rows = try begin().filter(query.matches)
        rows.sort { Self.ordered($0, $1, by: query.sortKey, descending: query.descending, reversed: query.reversed) }
        return Self.page(of: rows, from: offset, pageSize: continuation.pageSize, query: query)
    }

    public func segment(id: String) throws(SegmentServiceError) -> Segment {
        let rows = try begin()
        guard let found = rows.first(where: { $0.id == id.lowercased() }) else { throw Self.missing(id) }
        return state.withLock { Self.complete(found, in: $0) }
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
        case .type: decided = compare(a.type.outboundCode ?? Int.max, b.type.outboundCode ?? Int.max, descending: descending)
        case .status: decided = compare(a.status.outboundCode ?? Int.max, b.status.outboundCode ?? Int.max, descending: descending)
        case .size: decided = compare(a.size ?? -1, b.size ?? -1, descending: descending)
        case .modifiedOn: decided = compare(a.modifiedOn ?? .distantPast, b.modifiedOn ?? .distantPast, descending: descending)
        }
        if let decided { return decided }
        if key != .name, let byName = compare(a.name.lowercased(), b.name.lowercased(), descending: false) { return byName }
        return compare(a.id, b.id, descending: descending) ?? false
    }

    // MARK: writes, with the real service's rules

    func write<T>(_ body: (inout State) throws(SegmentServiceError) -> T) throws(SegmentServiceError) -> T {
        passGate()
        let outcome: Result<T, SegmentServiceError> = state.withLock { state in
            state.requests += 1
            if let problem = state.unreachable { return .failure(.unreachable(problem)) }
            if !state.failures.isEmpty { return .failure(state.failures.removeFirst()) }
            do throws(SegmentServiceError) { return .success(try body(&state)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    static func touch(_ state: inout State, _ index: Int, _ change: (inout Segment) -> Void) {
        change(&state.segments[index])
        state.version += 1
        state.segments[index].versionNumber = state.version
        state.segments[index].etag = "W/\"\(state.version)\""
        state.segments[index].modifiedOn = Date()
        state.segments[index].labels = [:]
    }

    static func index(of id: String, in state: State, ifMatch etag: String?) throws(SegmentServiceError) -> Int {
        guard let index = state.segments.firstIndex(where: { $0.id == id.lowercased() }) else { throw missing(id) }
        if let etag, etag != "*", etag != state.segments[index].etag { throw .conflict }
        return index
    }

    static func missing(_ id: String) -> SegmentServiceError {
        .notFound("segment With Id = \(id) Does Not Exist")
    }

    static let liveRefusal = SegmentServiceError.refused("A live segment cannot be changed. Stop it first.")

    public func create(_ draft: SegmentDraft) throws(SegmentServiceError) -> String {
        try write { (state: inout State) throws(SegmentServiceError) -> String in
            guard capabilities.creatableKinds.contains(draft.type) else {
                throw .invalidRequest("\(api.label) segments cannot be \(draft.type.label.lowercased())")
            }
            guard draft.baseEntity == .contact || capabilities.leadSegments else {
                throw .invalidRequest("\(api.label) segments are of contacts only")
            }
            let id = UUID().uuidString.lowercased()
            var groups = draft.groups.map { StoredGroup(group: MemberGroup(id: UUID().uuidString.lowercased(), name: $0.name, role: $0.role), ids: []) }
            if api == .outbound {
                groups = draft.type == .static ? [StoredGroup(group: Self.outboundGroup, ids: [])] : []
            } else if draft.type.hasStaticMembers, !groups.contains(where: { $0.group.role == .include }) {
                groups.insert(StoredGroup(group: MemberGroup(id: UUID().uuidString.lowercased(), name: "Members", role: .include), ids: []), at: 0)
            }
            guard groups.count <= MemberGroup.maximumCount else {
                throw .refused("A segment holds at most \(MemberGroup.maximumCount) groups.")
            }
            if let first = groups.firstIndex(where: { $0.group.role == .include }) {
                let known = Set(state.contacts.map(\.id))
                groups[first].ids = Set(draft.memberIds.map { $0.lowercased() }.filter(known.contains))
            }
            state.segments.append(Segment(id: id, name: draft.name, type: draft.type, status: .draft,
                                          description: draft.description, query: draft.query,
                                          queryName: api == .outbound ? SegmentActionWire.queryName(forSegmentId: id) : nil,
                                          createdOn: Date(), api: api,
                                          definitionId: api == .journeys ? UUID().uuidString.lowercased() : nil,
                                          baseEntity: draft.baseEntity, refresh: api == .journeys ? (draft.refresh ?? .every(minutes: 15)) : nil))
            state.groups[id] = groups
            Self.touch(&state, state.segments.count - 1) { _ in }
            Self.audit(&state, id, .create, [HistoryFieldChange(field: "Name", column: "name", oldValue: nil, newValue: draft.name)])
            Self.recount(&state, id)
            return id
        }
    }

    public func update(id: String, changes: SegmentChanges, ifMatch etag: String?) throws(SegmentServiceError) {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            // As the service: the description may change at any time, the name and query not while live.
            if changes.name != nil || changes.query != nil || changes.refresh != nil, state.segments[index].status.locksContent {
                throw Self.liveRefusal
            }
            if changes.refresh != nil, api == .outbound { throw .invalidRequest("outbound segments have no refresh settings") }
            Self.audit(&state, state.segments[index], changes)
            Self.touch(&state, index) { segment in
                if let refresh = changes.refresh { segment.refresh = refresh }
                if let name = changes.name { segment.name = name }
                if let description = changes.description { segment.description = description.isEmpty ? nil : description }
                if let query = changes.query { segment.query = query }
            }
        }
    }

    public func setStatus(id: String, to status: SegmentStatus, ifMatch etag: String?) throws(SegmentServiceError) {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            let current = state.segments[index].status
            guard api == .outbound else { throw .invalidRequest("journeys segments move by publish and stop") }
            guard current.canMove(to: status) else {
                throw .refused("A segment cannot move from \(current.label) to \(status.label).")
            }
            Self.audit(&state, state.segments[index].id, .update,
                       [HistoryFieldChange(field: "Status", column: "status", oldValue: current.label, newValue: status.label)])
            Self.touch(&state, index) { $0.status = status }
        }
    }

    public func delete(id: String, ifMatch etag: String?) throws(SegmentServiceError) {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            let segmentId = state.segments[index].id
            if let usage = state.usage[segmentId], !usage.isEmpty {
                throw .refused(message: "The segment is in use and cannot be deleted.", blockers: usage)
            }
            state.groups[segmentId] = nil
            state.queryMembers[segmentId] = nil
            state.segments.remove(at: index)
        }
    }

    public func validate(type: SegmentKind, query: String) throws(SegmentServiceError) -> [ValidationIssue] {
        try write { _ in
            // Only the shape the in-memory service can judge: a profile or segment expression.
            let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
            let unbalanced = Self.unbalancedParenthesis(in: query)
            if trimmed.hasPrefix("PROFILE(") || trimmed.hasPrefix("SEGMENT("), unbalanced == nil { return [] }
            guard let offset = unbalanced else {
                return [ValidationIssue(code: "SegmentDciValidator_SegmentInvalid", field: "msdyncrm_query",
                                        message: "A query starts with PROFILE( or SEGMENT(.", position: 0)]
            }
            // Journeys names where a query goes wrong (reference §3, Publish: "ResultText naming the parse
            // error and position" [C]): the parenthesis at fault, counted from 1 in its words.
            guard api == .journeys else {
                return [ValidationIssue(code: "SegmentDciValidator_SegmentInvalid", field: "msdyncrm_query",
                                        message: "Unbalanced parentheses.", position: query.count)]
            }
            return [ValidationIssue(code: "SegmentDciValidator_SegmentInvalid", field: "msdyncrm_query",
                                    message: "Unbalanced parentheses at position \(offset + 1).", position: offset)]
        }
    }

    /// The offset of the first ")" without its "(", or of the last "(" left open; nil when balanced.
    static func unbalancedParenthesis(in query: String) -> Int? {
        var open: [Int] = []
        for (offset, character) in query.enumerated() {
            if character == "(" { open.append(offset) }
            if character == ")" {
                if open.isEmpty { return offset }
                open.removeLast()
            }
        }
        return open.last
    }

    public func members(of segment: Segment, skip: Int, take: Int) throws(SegmentServiceError) -> (total: Int, contacts: [Contact]) {
        try write { state in
            let sorted = Self.people(Self.effectiveMembers(of: segment.id, in: state), in: state)
            return (sorted.count, Array(sorted.dropFirst(skip).prefix(take)))
        }
    }

    public func memberIds(of segmentId: String) throws(SegmentServiceError) -> [String] {
        try write { state in Self.effectiveMembers(of: segmentId.lowercased(), in: state).sorted() }
    }

    /// Changes the first Include group (outbound's one list).
    public func updateMembers(of segmentId: String, add: [String], remove: [String]) throws(SegmentServiceError) {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: segmentId, in: state, ifMatch: nil)
            let id = state.segments[index].id
            guard let group = state.groups[id]?.first(where: { $0.group.role == .include }) else {
                throw .invalidRequest("the segment has no static members")
            }
            _ = try Self.change(&state, segmentId: id, groupId: group.group.id, add: add, remove: remove)
        }
    }

    /// Not counted as a request and never held by the gate: it is the connection check, and
    /// tests count and hold the segment requests. It fails only while the service is unreachable.
    public func identity() throws(SegmentServiceError) -> ServiceIdentity {
        if let problem = state.withLock({ $0.unreachable }) { throw .unreachable(problem) }
        return ServiceIdentity(userId: "00000000-0000-4000-8000-00000000cafe", userName: "Test User", organizationId: "memory")
    }

    /// While set, every call fails as if the network were down.
    public func setUnreachable(_ problem: String?) {
        state.withLock { $0.unreachable = problem }
    }

    public func addMembers(of segmentId: String, matching query: String) throws(SegmentServiceError) -> Int {
        throw .refused("The in-memory service does not evaluate queries.")
    }

    public var health: (any ConnectionHealthSource)? { nil }

    public func searchContacts(_ text: String, top: Int) throws(SegmentServiceError) -> [Contact] {
        try write { state in
            let needle = text.lowercased().trimmingCharacters(in: .whitespaces)
            let found = state.contacts.filter {
                needle.isEmpty || $0.fullName.lowercased().contains(needle) || ($0.email?.lowercased().contains(needle) ?? false)
            }
            return Array(found.sorted { ($0.fullName, $0.id) < ($1.fullName, $1.id) }.prefix(top))
        }
    }
}
