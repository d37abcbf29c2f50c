import Foundation
import GRDB
import Hummingbird

/// What a client reads of the audit history, answered as Dataverse answers it:
/// - `GET audits` (collection and record) through the shared OData machinery (AuditModel);
/// - `GET RetrieveRecordChangeHistory(Target=@target)?@target={'@odata.id':'<set>(<id>)'}` [D]:
///   `{"AuditDetailCollection": {"AuditDetails": [{"AuditRecord", "OldValue", "NewValue"}], …}}`,
///   newest first [I], values with their formatted labels as on any record;
/// - `GET EntityDefinitions(LogicalName='<table>')` [D]: `IsAuditEnabled` as a managed property;
/// - `GET organizations` [D]: the organisation's `isauditenabled` (always on here: `--no-audit`
///   turns off the segment tables, which is what an organisation's administrator does per table).
/// nil for anything else.
struct AuditRoutes {
    let state: ServerState

    static let changeHistory = "RetrieveRecordChangeHistory"

    func handle(_ request: ServiceRequest) async throws -> Response? {
        switch request.resource {
        case EntityModel.audits.entitySet:
            guard request.method == .get else { throw ServiceError.methodNotAllowed(request.method.rawValue, request.resourceText) }
            return try await EntityRoutes(state: state, model: .audits).handle(request)
        case Self.changeHistory:
            try ServiceResponder.require(.get, request)
            return try await history(request)
        case "EntityDefinitions":
            try ServiceResponder.require(.get, request)
            return try await entityDefinition(request)
        case "organizations":
            try ServiceResponder.require(.get, request)
            return organizations(request)
        default:
            return nil
        }
    }

    /// The audited entity set a target names, its model and table.
    private func target(_ request: ServiceRequest) throws(ServiceError) -> (model: EntityModel, id: String) {
        let text = request.query["@target"] ?? request.query["@Target"] ?? ""
        guard let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            throw .badRequest("RetrieveRecordChangeHistory needs @target={'@odata.id':'<entity set>(<id>)'}.")
        }
        let set = text[..<open].split(whereSeparator: { "'/\"".contains($0) }).last.map(String.init) ?? ""
        guard let model = Self.auditedModels[set] else {
            throw ServiceError(status: .notFound, code: "0x8006088a", message: "Resource not found for the segment '\(set)'.")
        }
        guard let id = GUID.normalize(String(text[text.index(after: open)..<close])) else {
            throw .badRequest("'\(text[text.index(after: open)..<close])' is not a valid key of \(set).")
        }
        return (model, id)
    }

    static let auditedModels: [String: EntityModel] = Dictionary(
        uniqueKeysWithValues: [EntityModel.segments, .definitions, .journeySegments].map { ($0.entitySet, $0) })

    private func history(_ request: ServiceRequest) async throws -> Response {
        let (model, id) = try target(request)
        let formatted = request.preferences.formattedValues
        let root = request.serviceRoot
        let body = try await state.database.pool.read { db in
            try AuditHistoryWriter(model: model, formatted: formatted).write(db, objectId: id, serviceRoot: root)
        }
        return Reply.json(body)
    }

    private func entityDefinition(_ request: ServiceRequest) async throws -> Response {
        let key = request.key ?? ""
        let name = key.split(separator: "=", maxSplits: 1).last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "' ")) } ?? ""
        guard let table = AuditTables.audited.first(where: { $0.logicalName == name }) else {
            throw ServiceError(status: .notFound, code: "0x80040217", message: "Could not find an entity with the name \(name).")
        }
        let audited = try await state.database.pool.read { db in try AuditTables.isAudited(db) }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", request.serviceRoot + "$metadata#EntityDefinitions(LogicalName,IsAuditEnabled)/$entity")
        writer.field("LogicalName", table.logicalName)
        writer.key("IsAuditEnabled")
        writer.beginObject()
        writer.key("Value")
        writer.bool(audited)
        writer.key("CanBeChanged")
        writer.bool(true)
        writer.field("ManagedPropertyLogicalName", "canmodifyauditsettings")
        writer.endObject()
        writer.endObject()
        return Reply.json(writer.text)
    }

    private func organizations(_ request: ServiceRequest) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", request.serviceRoot + "$metadata#organizations(isauditenabled)")
        writer.key("value")
        writer.beginArray()
        writer.beginObject()
        writer.key("isauditenabled")
        writer.bool(true)
        writer.field("organizationid", state.identity.organizationId)
        writer.endObject()
        writer.endArray()
        writer.endObject()
        return Reply.json(writer.text)
    }
}
