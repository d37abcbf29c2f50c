import Dataverse
import Foundation
import GRDB
import Hummingbird

/// The unbound actions of the segment API: member changes of static segments, member fetches,
/// and query validation.
struct ActionRoutes {
    static let names: Set<String> = ["msdyncrm_SegmentMembersUpdate", "msdyncrm_FetchContactsByQuery", "msdyncrm_ValidateSegment"]
    static let maxIdsPerCall = 20_000
    static let maxTake = 5000

    let state: ServerState

    func handle(_ request: ServiceRequest) async throws -> Response {
        try ServiceResponder.require(.post, request)
        let body = try Self.object(request.body)
        switch request.resource {
        case "msdyncrm_SegmentMembersUpdate": return try await membersUpdate(request, body)
        case "msdyncrm_FetchContactsByQuery": return try await fetchContacts(request, body)
        default: return try await validate(request, body)
        }
    }

    static func object(_ body: ByteBuffer?) throws(ServiceError) -> [String: JSONValue] {
        guard let body, body.readableBytes > 0 else { throw .malformedBody("the body is empty") }
        guard let json = try? JSONValue.parse(Data(body.readableBytesView)), let object = json.objectValue else {
            throw .malformedBody("it is not a JSON object")
        }
        return object
    }

    private static func string(_ body: [String: JSONValue], _ key: String) throws(ServiceError) -> String {
        guard let value = body[key]?.stringValue else { throw .badRequest("The parameter '\(key)' is required and must be a string.") }
        return value
    }

    private func membersUpdate(_ request: ServiceRequest, _ body: [String: JSONValue]) async throws -> Response {
        guard let id = GUID.normalize(try Self.string(body, "msdyncrm_segmentid")) else {
            throw ServiceError.badRequest("msdyncrm_segmentid must be a GUID.")
        }
        let operation = try Self.string(body, "msdyncrm_operation")
        var idList: [String] = []
        var ignored = 0
        var parsedQuery: SegmentSet?
        switch operation {
        case "addByIds", "removeByIds":
            let text = try Self.string(body, "msdyncrm_memberids")
            guard let items = (try? JSONValue.parse(Data(text.utf8)))?.arrayValue else {
                throw ServiceError.badRequest("msdyncrm_memberids must be a JSON array of contact ids, serialised in a string.")
            }
            guard items.count <= Self.maxIdsPerCall else {
                throw ServiceError.badRequest("At most \(Self.maxIdsPerCall) ids can be sent in one call; \(items.count) were.")
            }
            for item in items {
                var text = item.stringValue ?? ""
                if text.lowercased().hasPrefix("crm") { text.removeFirst(3) }
                if let guid = GUID.normalize(text) { idList.append(guid) } else { ignored += 1 }
            }
        case "addByQuery":
            do {
                let parsed = try SegmentQueryParser.parse(try Self.string(body, "msdyncrm_query"))
                parsedQuery = parsed.set
            } catch let error as SegmentQueryError {
                throw ServiceError.badRequest("The query is not valid: \(error.description).")
            }
        case "getState":
            break
        default:
            throw ServiceError.badRequest("Unknown msdyncrm_operation '\(operation)': use addByIds, removeByIds, addByQuery or getState.")
        }
        let ids = idList
        let query = parsedQuery
        let (size, added, removed, unknown) = try await state.database.pool.write { db -> (Int, Int, Int, Int) in
            guard let segment = try SegmentStore.load(db, id: id) else { throw ServiceError.recordNotFound(.segments, id: id) }
            guard segment.type == .static else {
                throw ServiceError.badRequest("Only a static segment has a member list; '\(segment.name)' is \(segment.type.label.lowercased()).")
            }
            if operation == "getState" { return (try SegmentStore.memberCount(db, segmentId: id), 0, 0, 0) }
            if [.live, .goingLive, .stopping].contains(segment.status) {
                throw ServiceError.badRequest("The segment '\(segment.name)' is \(segment.status.label): stop it before changing its members.")
            }
            var added = 0
            var removed = 0
            var unknown = 0
            switch operation {
            case "addByIds":
                added = try SegmentStore.addMembers(db, segmentId: id, contactIds: ids)
                let known = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM contacts WHERE contactid IN (SELECT value FROM json_each(?))", arguments: [Self.jsonArray(ids)]) ?? 0
                unknown = Set(ids).count - known
            case "removeByIds":
                removed = try SegmentStore.removeMembers(db, segmentId: id, contactIds: ids)
            default:
                do {
                    added = try SegmentStore.addMembers(db, segmentId: id, query: query!)
                } catch let error as SegmentQueryError {
                    throw ServiceError.badRequest("The query is not valid: \(error.description).")
                }
            }
            try SegmentStore.touch(db, id: id)
            return (try SegmentStore.memberCount(db, segmentId: id), added, removed, unknown)
        }
        // Queued, as the real service processes updates asynchronously (segment-service.md,
        // corrections): 202 for a change, 200 for getState. Ours is done already.
        return Reply.json(
            ActionShapes.membersUpdate(
                serviceRoot: request.serviceRoot, segmentId: id, operation: operation, size: size, added: added, removed: removed,
                ignored: ignored + unknown),
            status: operation == "getState" ? .ok : .accepted)
    }

    static func jsonArray(_ ids: [String]) -> String {
        "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

    /// The documented request fields (segment-service.md, corrections [D]); others are refused.
    static let fetchParameters: Set<String> = ["Query", "FetchXml", "OwningBusinessUnit", "Scope", "TimeZone"]

    private func fetchContacts(_ request: ServiceRequest, _ body: [String: JSONValue]) async throws -> Response {
        let parameters = try ActionParameters(action: request.resource, body: request.body, allowed: Self.fetchParameters)
        if body["FetchXml"] != nil { _ = try Self.string(body, "FetchXml") }
        if body["OwningBusinessUnit"] != nil { _ = try parameters.guid("OwningBusinessUnit") }
        if body["Scope"] != nil { _ = try parameters.int("Scope") }
        if body["TimeZone"] != nil { _ = try parameters.int("TimeZone") }
        let text = try Self.string(body, "Query")
        let query: SegmentQuery
        do {
            query = try SegmentQueryParser.parse(text)
        } catch {
            throw ServiceError.badRequest("The query is not valid: \(error.description).")
        }
        let take = min(query.take ?? 15, Self.maxTake)
        let skip = query.skip ?? 0
        let root = request.serviceRoot
        let body = try await state.database.pool.read { db in
            try MemberFetch.run(db, query: query, skip: skip, take: take, serviceRoot: root)
        }
        return Reply.json(body)
    }

    /// The body is the segment's own columns, flat (segment-service.md, corrections [D]); the
    /// wrapped `{"Segment": {...}}` an earlier reading assumed is refused as Dataverse refuses an
    /// unknown parameter.
    private func validate(_ request: ServiceRequest, _ body: [String: JSONValue]) async throws -> Response {
        if body["Segment"] != nil {
            throw ServiceError.badRequest(
                "The parameter 'Segment' in the request payload is not a valid parameter for the operation 'msdyncrm_ValidateSegment': send the segment's columns flat.")
        }
        let segment = body
        let type = segment[SegmentAttribute.type]?.intValue.map { SegmentType(outboundCode: $0) } ?? .dynamic
        let text = segment[SegmentAttribute.query]?.stringValue ?? segment["msdyncrm_query"]?.stringValue
        let id = segment[SegmentAttribute.id]?.stringValue.flatMap(GUID.normalize)
        let errors = try await state.database.pool.read { db -> [(code: String, message: String, position: Int?)] in
            guard type != .static else { return [] }
            guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return [("SegmentDciValidator_QueryEmpty", "The segment has no query", nil)]
            }
            do {
                let stored = StoredSegment(id: id ?? "", name: "", type: type, status: .draft, query: text, version: 0)
                _ = try SegmentLifecycle.evaluate(db, stored)
                return []
            } catch let error as SegmentQueryError where error.isLimit {
                // Past a limit the request itself is refused, as member fetches refuse it.
                throw ServiceError.badRequest("The query is not valid: \(error.description).")
            } catch let error as SegmentQueryError {
                return [("SegmentDciValidator_SegmentInvalid", error.message, error.position)]
            }
        }
        return Reply.json(ActionShapes.validation(serviceRoot: request.serviceRoot, errors: errors))
    }
}
