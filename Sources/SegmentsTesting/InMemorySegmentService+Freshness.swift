import Foundation
import Segments

/// The live list's questions, answered from memory as the Web API would: each answer counts as
/// one request, so tests can check that a refresh never reads row by row.
extension InMemorySegmentService {
    public func changed(since: Date, matching query: SegmentListQuery, top: Int) throws(SegmentServiceError) -> SegmentDelta {
        let rows = try begin().filter { query.matches($0) && ($0.modifiedOn ?? .distantPast) > since }
            .sorted { ($0.modifiedOn ?? .distantPast) > ($1.modifiedOn ?? .distantPast) }
        let changed = state.withLock { state in rows.prefix(top).map { Self.complete($0, in: state) } }
        return SegmentDelta(changed: changed, truncated: rows.count > top)
    }

    public func versions(of ids: [String], matching query: SegmentListQuery) throws(SegmentServiceError) -> [SegmentVersion] {
        let wanted = Set(ids.map { $0.lowercased() })
        return try begin().filter { wanted.contains($0.id) && query.matches($0) }
            .map { SegmentVersion(id: $0.id, etag: $0.etag, modifiedOn: $0.modifiedOn) }
    }

    public func segment(id: String, ifNoneMatch etag: String?) throws(SegmentServiceError) -> ConditionalRead {
        let rows = try begin()
        guard let found = rows.first(where: { $0.id == id.lowercased() }) else { throw Self.missing(id) }
        if let etag, etag == found.etag { return .unchanged }
        return .changed(state.withLock { Self.complete(found, in: $0) })
    }

    /// The whole tick as one request, as a `$batch` is.
    public func refresh(_ ask: RefreshAsk) throws(SegmentServiceError) -> RefreshAnswer {
        let all = try begin()
        let rows = all.filter { ask.query.matches($0) && ($0.modifiedOn ?? .distantPast) > ask.since }
            .sorted { ($0.modifiedOn ?? .distantPast) > ($1.modifiedOn ?? .distantPast) }
        let wanted = Set(ask.visibleIds.map { $0.lowercased() })
        let versions = all.filter { wanted.contains($0.id) && ask.query.matches($0) }
            .map { SegmentVersion(id: $0.id, etag: $0.etag, modifiedOn: $0.modifiedOn) }
        return state.withLock { state in
            var detail: ConditionalRead?
            if let asked = ask.detail, let found = all.first(where: { $0.id == asked.id.lowercased() }) {
                detail = asked.etag != nil && asked.etag == found.etag ? .unchanged : .changed(Self.complete(found, in: state))
            }
            return RefreshAnswer(
                delta: SegmentDelta(changed: rows.prefix(ask.top).map { Self.complete($0, in: state) }, truncated: rows.count > ask.top),
                versions: versions, detail: detail)
        }
    }

    public func history(of segmentId: String) throws(SegmentServiceError) -> SegmentHistory {
        _ = try begin()
        return state.withLock { state in
            guard let history = state.history else { return .notAudited(reason: "Auditing is off for segments") }
            return .entries((history[segmentId.lowercased()] ?? []).reversed())
        }
    }

    /// Turns auditing of segments off (or on again), as an organisation may.
    public func setAudited(_ audited: Bool) {
        state.withLock { $0.history = audited ? ($0.history ?? [:]) : nil }
    }

    static func audit(_ state: inout State, _ segment: Segment, _ changes: SegmentChanges) {
        var fields: [HistoryFieldChange] = []
        if let name = changes.name, name != segment.name {
            fields.append(HistoryFieldChange(field: "Name", column: "name", oldValue: segment.name, newValue: name))
        }
        if let description = changes.description, description != (segment.description ?? "") {
            fields.append(HistoryFieldChange(field: "Description", column: "description", oldValue: segment.description, newValue: description))
        }
        if let query = changes.query, query != segment.query {
            fields.append(HistoryFieldChange(field: "Query", column: "query", oldValue: segment.query, newValue: query))
        }
        audit(&state, segment.id, .update, fields)
    }

    static func audit(_ state: inout State, _ segmentId: String, _ operation: HistoryOperation, _ changes: [HistoryFieldChange]) {
        guard state.history != nil else { return }
        let entry = SegmentHistoryEntry(id: UUID().uuidString.lowercased(), date: Date(), user: "memory user",
                                        operation: operation, changes: changes)
        state.history?[segmentId, default: []].append(entry)
    }
}
