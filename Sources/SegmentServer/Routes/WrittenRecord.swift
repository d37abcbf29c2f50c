import GRDB
import Hummingbird

/// The answer to a create or an update, for both segment APIs, as the Web API gives it [D]
/// segment-service.md, "Web API behaviour": 204 with `OData-EntityId` (and the new ETag), or
/// under `Prefer: return=representation` the record itself, 201 when created and 200 when updated.
struct WrittenRecord: Sendable {
    let model: EntityModel
    let id: String
    private let request: ServiceRequest
    private let options: CollectionOptions

    /// Fails (400) before anything is written when the request's `$select` does not fit `model`.
    init(_ request: ServiceRequest, model: EntityModel, id: String) throws {
        self.request = request
        self.model = model
        self.id = id
        self.options = try CollectionOptions.forRecord(request.query, model: model)
    }

    /// Reads the written record back. Call it inside the write's own transaction where the caller
    /// can: read afterwards, the ETag could already be another writer's.
    func read(_ db: Database) throws -> ReadResult? {
        try RecordReader.single(
            db, model: model, id: id, options: options, preferences: request.preferences, serviceRoot: request.serviceRoot)
    }

    func reply(created: Bool, result: ReadResult?) -> Response {
        let preferences = request.preferences
        var headers = [("OData-EntityId", request.serviceRoot + "\(model.entitySet)(\(id))")]
        if let etag = result?.etag { headers.append(("ETag", etag)) }
        guard preferences.returnRepresentation, let result else { return Reply.empty(.noContent, headers: headers) }
        if let applied = preferences.applied(pageSize: false, representation: true) { headers.append(("Preference-Applied", applied)) }
        return Reply.json(result.body, status: created ? .created : .ok, headers: headers)
    }
}
