import Hummingbird

/// What a journeys organisation answers besides the common resources: the journeys entity sets
/// (reads through the shared OData machinery, writes of definitions and segments) and the
/// msdynmkt_ actions. nil for anything else.
struct JourneyRoutes {
    let state: ServerState

    func handle(_ request: ServiceRequest) async throws -> Response? {
        if let model = EntityModel.journeySets[request.resource] {
            let writable = model.entitySet == DefinitionColumn.entitySet || model.entitySet == SegmentColumn.entitySet
            let writes = JourneyWriteRoutes(state: state, model: model)
            switch (request.method, request.key) {
            case (.get, _): return try await EntityRoutes(state: state, model: model).handle(request)
            case (.post, nil) where writable: return try await writes.create(request)
            case (.patch, .some) where writable: return try await writes.upsert(request)
            case (.delete, .some) where writable: return try await writes.delete(request)
            default: throw ServiceError.methodNotAllowed(request.method.rawValue, request.resourceText)
            }
        }
        if JourneyActions.names.contains(request.resource) {
            return try await JourneyActions(state: state).handle(request)
        }
        return nil
    }
}
