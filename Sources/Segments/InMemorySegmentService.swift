import Dataverse
import Foundation
import Synchronization

/// A `SegmentService` over segments held in memory: filters, orders and pages them as the Web API
/// would. For view-model tests and benchmarks that must not depend on HTTP. Failures and delays
/// can be scripted so that loading and error states are exercised.
public final class InMemorySegmentService: SegmentService {
    private struct State {
        var segments: [Segment]
        var failures: [DataverseError] = []
        var requests = 0
    }

    private let state: Mutex<State>
    public let displayName: String
    /// Held by every call until released; lets a test observe the loading state.
    public let gate = DispatchSemaphore(value: 0)
    private let gated: Bool

    public init(segments: [Segment], displayName: String = "memory", gated: Bool = false) {
        self.state = Mutex(State(segments: segments))
        self.displayName = displayName
        self.gated = gated
    }

    /// The next call fails with `error` (queued; one failure a call).
    public func failNext(with error: DataverseError) {
        state.withLock { $0.failures.append(error) }
    }

    public var requestCount: Int { state.withLock { $0.requests } }

    public func replaceSegments(_ segments: [Segment]) {
        state.withLock { $0.segments = segments }
    }

    private func begin() throws(DataverseError) -> [Segment] {
        if gated { gate.wait() }
        let outcome: Result<[Segment], DataverseError> = state.withLock { state in
            state.requests += 1
            if !state.failures.isEmpty { return .failure(state.failures.removeFirst()) }
            return .success(state.segments)
        }
        return try outcome.get()
    }

    public func firstPage(_ query: SegmentListQuery) throws(DataverseError) -> SegmentPage {
        var rows = try begin()
        if let text = query.nameContains?.lowercased(), !text.isEmpty {
            rows = rows.filter { $0.name.lowercased().contains(text) }
        }
        rows.sort { Self.ordered($0, $1, by: query.sortKey, descending: query.descending) }
        return Self.page(of: rows, from: 0, pageSize: query.pageSize, query: query)
    }

    public func nextPage(_ continuation: PageContinuation) throws(DataverseError) -> SegmentPage {
        guard let offset = continuation.offset, let query = continuation.query else {
            throw .invalidRequest("no continuation")
        }
        var rows = try begin()
        if let text = query.nameContains?.lowercased(), !text.isEmpty {
            rows = rows.filter { $0.name.lowercased().contains(text) }
        }
        rows.sort { Self.ordered($0, $1, by: query.sortKey, descending: query.descending) }
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

    static func ordered(_ a: Segment, _ b: Segment, by key: SegmentSortKey, descending: Bool) -> Bool {
        func compare<T: Comparable>(_ x: T, _ y: T) -> Bool? {
            if x == y { return nil }
            return descending ? x > y : x < y
        }
        let decided: Bool?
        switch key {
        case .name: decided = compare(a.name.lowercased(), b.name.lowercased())
        case .type: decided = compare(a.type.rawValue, b.type.rawValue)
        case .status: decided = compare(a.status.rawValue, b.status.rawValue)
        case .size: decided = compare(a.size ?? -1, b.size ?? -1)
        case .modifiedOn: decided = compare(a.modifiedOn ?? .distantPast, b.modifiedOn ?? .distantPast)
        }
        if let decided { return decided }
        let left = (a.name.lowercased(), a.id)
        let right = (b.name.lowercased(), b.id)
        return left < right
    }
}
