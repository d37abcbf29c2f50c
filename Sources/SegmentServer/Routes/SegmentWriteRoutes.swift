import GRDB
import Hummingbird

/// POST, PATCH (an upsert, with If-Match / If-None-Match) and DELETE of segments, answered as
/// the Web API answers them.
struct SegmentWriteRoutes {
    let state: ServerState
    let model = EntityModel.segments

    func create(_ request: ServiceRequest) async throws -> Response {
        let changes = try SegmentChanges.parse(request.body)
        let id = changes.id ?? GUID.random()
        let owner = state.identity.userId
        let lifecycle = state.lifecycle
        let model = self.model
        let evaluated = try await evaluatedBeforeWriting(id: id, changes: changes)
        let written = try WrittenRecord(request, model: model, id: id)
        let result = try await state.database.pool.write { db in
            guard try SegmentStore.load(db, id: id) == nil else { throw ServiceError.alreadyExists(model, id: id) }
            try SegmentStore.create(db, id: id, changes: changes, owner: owner, lifecycle: lifecycle, evaluated: evaluated)
            return try written.read(db)
        }
        return written.reply(created: true, result: result)
    }

    func upsert(_ request: ServiceRequest) async throws -> Response {
        let id = try request.guidKey(for: model)
        let changes = try SegmentChanges.parse(request.body)
        let ifMatch = request.header("If-Match")
        let ifNoneMatch = request.header("If-None-Match")
        let owner = state.identity.userId
        let lifecycle = state.lifecycle
        let model = self.model
        let evaluated = try await evaluatedBeforeWriting(id: id, changes: changes)
        let written = try WrittenRecord(request, model: model, id: id)
        let (created, result) = try await state.database.pool.write { db -> (Bool, ReadResult?) in
            let current = try SegmentStore.load(db, id: id)
            if ifNoneMatch?.trimmingCharacters(in: .whitespaces) == "*", current != nil {
                throw ServiceError.alreadyExists(model, id: id)
            }
            if let ifMatch {
                guard let current else { throw ServiceError.recordNotFound(model, id: id) }
                guard Self.matches(ifMatch, current.etag) else { throw ServiceError.versionMismatch }
            }
            if let current {
                try SegmentStore.update(db, current: current, changes: changes, lifecycle: lifecycle, evaluated: evaluated)
                return (false, try written.read(db))
            }
            try SegmentStore.create(db, id: id, changes: changes, owner: owner, lifecycle: lifecycle, evaluated: evaluated)
            return (true, try written.read(db))
        }
        return written.reply(created: created, result: result)
    }

    /// A write that takes a segment straight to Live needs its query counted; that happens here,
    /// in a read, because counting inside the write would hold every other writer back.
    private func evaluatedBeforeWriting(id: String, changes: SegmentChanges) async throws -> SegmentLifecycle.Evaluation? {
        guard changes.status == .live else { return nil }
        return try await state.database.pool.read { db -> SegmentLifecycle.Evaluation? in
            let current = try SegmentStore.load(db, id: id)
            let type = current?.type ?? changes.type ?? .dynamic
            guard type != .static else { return nil }
            let query = changes.query ?? current?.query
            let segment = StoredSegment(id: id, name: "", type: type, status: .draft, query: query, version: 0)
            return try SegmentLifecycle.evaluation(db, segment)
        }
    }

    func delete(_ request: ServiceRequest) async throws -> Response {
        let id = try request.guidKey(for: model)
        let ifMatch = request.header("If-Match")
        let model = self.model
        try await state.database.pool.write { db in
            guard let current = try SegmentStore.load(db, id: id) else { throw ServiceError.recordNotFound(model, id: id) }
            if let ifMatch, !Self.matches(ifMatch, current.etag) { throw ServiceError.versionMismatch }
            _ = try SegmentStore.delete(db, id: id)
        }
        return Reply.empty(.noContent)
    }

    /// `If-Match: *`, one ETag or a list; weak and strong forms compare equal.
    static func matches(_ header: String, _ etag: String) -> Bool {
        let bare = { (text: Substring) -> String in
            var value = text.trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("W/") { value.removeFirst(2) }
            return value
        }
        return header.split(separator: ",").contains { item in
            let value = bare(item)
            return value == "*" || value == bare(Substring(etag))
        }
    }
}
