import GRDB
import Hummingbird

/// Reads of an entity set: the collection with its query options, and one record by key.
struct EntityRoutes {
    let state: ServerState
    let model: EntityModel

    func handle(_ request: ServiceRequest) async throws -> Response {
        let writes = SegmentWriteRoutes(state: state)
        switch (request.method, request.key) {
        case (.get, nil): return try await collection(request)
        case (.get, .some): return try await record(request)
        case (.post, nil) where model.entitySet == writes.model.entitySet: return try await writes.create(request)
        case (.patch, .some) where model.entitySet == writes.model.entitySet: return try await writes.upsert(request)
        case (.delete, .some) where model.entitySet == writes.model.entitySet: return try await writes.delete(request)
        default: throw ServiceError.methodNotAllowed(request.method.rawValue, request.resourceText)
        }
    }

    private func collection(_ request: ServiceRequest) async throws -> Response {
        let options = try CollectionOptions.forCollection(request.query, model: model)
        let preferences = request.preferences
        let model = self.model
        let root = request.serviceRoot
        let result = try await state.database.pool.read { db in
            try RecordReader.collection(db, model: model, options: options, preferences: preferences, serviceRoot: root)
        }
        return Reply.json(result.body, headers: result.preferenceApplied.map { [("Preference-Applied", $0)] } ?? [])
    }

    private func record(_ request: ServiceRequest) async throws -> Response {
        let id = try request.guidKey(for: model)
        let options = try CollectionOptions.forRecord(request.query, model: model)
        let preferences = request.preferences
        let model = self.model
        let root = request.serviceRoot
        let found = try await state.database.pool.read { db in
            try RecordReader.single(db, model: model, id: id, options: options, preferences: preferences, serviceRoot: root)
        }
        guard let found else { throw ServiceError.recordNotFound(model, id: id) }
        if let etag = found.etag, let wanted = request.header("If-None-Match"),
            wanted == "*" || wanted.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag })
        {
            return Reply.empty(.notModified, headers: [("ETag", etag)])
        }
        var headers: [(String, String)] = []
        if let etag = found.etag { headers.append(("ETag", etag)) }
        if let applied = found.preferenceApplied { headers.append(("Preference-Applied", applied)) }
        return Reply.json(found.body, headers: headers)
    }
}

import Foundation
