import Hummingbird

/// The service document and `WhoAmI`.
enum ServiceRoutes {
    static func serviceDocument(_ request: ServiceRequest, api: ServedAPI) -> Response {
        var models: [EntityModel] = api.servesOutbound ? [.segments, .contacts] : [.contacts]
        if api.servesJourneys {
            models += [.definitions, .journeySegments, .leads, .accountRecords, .journeys, .segmentUsages]
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", request.serviceRoot + "$metadata")
        writer.key("value")
        writer.beginArray()
        for model in models {
            writer.beginObject()
            writer.field("name", model.entitySet)
            writer.field("kind", "EntitySet")
            writer.field("url", model.entitySet)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return Reply.json(writer.text)
    }

    static func whoAmI(_ request: ServiceRequest, state: ServerState) async throws -> Response {
        let identity = state.identity
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", request.serviceRoot + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse")
        writer.field("BusinessUnitId", identity.businessUnitId)
        writer.field("UserId", identity.userId)
        writer.field("OrganizationId", identity.organizationId)
        writer.endObject()
        return Reply.json(writer.text)
    }
}
