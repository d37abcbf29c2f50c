import Foundation
import GRDB
import Hummingbird

/// The unbound actions of real-time journeys segments (reference/journeys-segment-service.md §3),
/// each with its documented request shape and limits; replies are in JourneyActionShapes.
struct JourneyActions {
    static let names: Set<String> = [
        "msdynmkt_PublishSegmentDefinition", "msdynmkt_StopSegments", "msdynmkt_AddStaticMembers", "msdynmkt_RemoveStaticMembers",
        "msdynmkt_ListGroupMembers", "msdynmkt_MembersList", "msdynmkt_SegmentStatus",
    ]
    /// IDs per Add/RemoveStaticMembers call [D].
    static let maxIdsPerCall = 1000
    /// Largest ListGroupMembers page [D example: 5000].
    static let maxPageSize = 5000
    /// Members MembersList sends at most; the docs show no paging [I].
    static let membersListCap = 100_000

    let state: ServerState

    func handle(_ request: ServiceRequest) async throws -> Response {
        try ServiceResponder.require(.post, request)
        let root = request.serviceRoot
        switch request.resource {
        case "msdynmkt_PublishSegmentDefinition":
            let parameters = try ActionParameters(action: request.resource, body: request.body, allowed: ["SegmentId"])
            try await publish(try parameters.guid("SegmentId"))
            return Reply.empty(.noContent)
        case "msdynmkt_StopSegments":
            let parameters = try ActionParameters(action: request.resource, body: request.body, allowed: ["SegmentIdList"])
            return Reply.json(JourneyActionShapes.stopSegments(serviceRoot: root, results: try await stop(try parameters.guidList("SegmentIdList"))))
        case "msdynmkt_AddStaticMembers", "msdynmkt_RemoveStaticMembers":
            let parameters = try ActionParameters(action: request.resource, body: request.body, allowed: ["SegmentId", "GroupId", "EntityIds"])
            let ids = try parameters.guidList("EntityIds")
            guard ids.count <= Self.maxIdsPerCall else {
                throw ServiceError.badRequest("At most \(Self.maxIdsPerCall) EntityIds can be sent in one call; \(ids.count) were.")
            }
            try await changeMembers(
                segmentId: try parameters.guid("SegmentId"), groupId: try parameters.guid("GroupId"), ids: ids,
                add: request.resource == "msdynmkt_AddStaticMembers")
            return Reply.empty(.noContent)
        case "msdynmkt_ListGroupMembers":
            let parameters = try ActionParameters(
                action: request.resource, body: request.body, allowed: ["SegmentId", "GroupId", "PageNo", "PageSize"])
            let page = try parameters.int("PageNo")
            let size = try parameters.int("PageSize")
            guard page >= 1 else { throw ServiceError.badRequest("PageNo starts at 1; \(page) was given.") }
            guard (1...Self.maxPageSize).contains(size) else {
                throw ServiceError.badRequest("PageSize must be between 1 and \(Self.maxPageSize); \(size) was given.")
            }
            return Reply.json(
                bytes: try await groupPage(
                    segmentId: try parameters.guid("SegmentId"), groupId: try parameters.guid("GroupId"), page: page, size: size, serviceRoot: root))
        case "msdynmkt_MembersList":
            let parameters = try ActionParameters(action: request.resource, body: request.body, allowed: ["SegmentId"])
            return Reply.json(try await membersList(try parameters.guid("SegmentId"), serviceRoot: root))
        default:
            let parameters = try ActionParameters(action: request.resource, body: request.body, allowed: ["SegmentId"])
            return Reply.json(try await segmentStatus(try parameters.guid("SegmentId"), serviceRoot: root))
        }
    }

    /// The segment named by `id`. Since Aug 2023 the docs say the segment id; the Jan 2023 docs
    /// passed the definition id to Publish and MembersList [D]. A definition id is accepted too and
    /// stands for the segment that points at it, so that scripts of either era work.
    static func pair(_ db: Database, _ id: String) throws -> (StoredJourneySegment, StoredDefinition) {
        guard let segment = try JourneyStore.segment(db, id: id) ?? JourneyStore.segment(db, definitionId: id) else {
            throw ServiceError.recordNotFound(.journeySegments, id: id)
        }
        guard let definition = try JourneyStore.definition(db, id: segment.definitionId) else {
            throw ServiceError.badRequest("The segment '\(segment.name)' points at the definition \(segment.definitionId), which does not exist.")
        }
        return (segment, definition)
    }

    private func publish(_ id: String) async throws {
        let lifecycle = state.journeyLifecycle
        try await state.database.pool.write { db in
            let (segment, definition) = try Self.pair(db, id)
            try lifecycle.publish(db, segment: segment, definition: definition)
        }
    }

    private func stop(_ ids: [String]) async throws -> [JourneyActionShapes.StopResult] {
        let lifecycle = state.journeyLifecycle
        return try await state.database.pool.write { db in
            var results: [JourneyActionShapes.StopResult] = []
            for id in ids {
                guard let segment = try JourneyStore.segment(db, id: id), let definition = try JourneyStore.definition(db, id: segment.definitionId)
                else {
                    results.append(.init(segmentId: id, stopped: false, message: "The segment does not exist.", dependentJourneys: [], dependentSegments: []))
                    continue
                }
                results.append(try lifecycle.stop(db, segment: segment, definition: definition))
            }
            return results
        }
    }

    private func changeMembers(segmentId: String, groupId: String, ids: [String], add: Bool) async throws {
        try await state.database.pool.write { db in
            let (segment, definition) = try Self.pair(db, segmentId)
            guard try StaticGroups.parse(definition.groupsText).contains(where: { $0.id == groupId }) else {
                throw ServiceError.badRequest("The segment '\(segment.name)' has no static member group \(groupId); declare it in \(DefinitionColumn.staticListMembers) first.")
            }
            let json = ActionRoutes.jsonArray(ids)
            if add {
                let (table, key) = segment.baseEntity == "lead" ? ("leads", "leadid") : ("contacts", "contactid")
                // Ids that are no row of the base table are ignored (see JourneyActionShapes).
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO jx_group_members (segmentid, groupid, entityid)
                        SELECT ?, ?, value FROM json_each(?) WHERE value IN (SELECT \(key) FROM \(table))
                        """, arguments: [segment.id, groupId, json])
                let size = try JourneyStore.groupSize(db, segmentId: segment.id, groupId: groupId)
                guard size <= StaticGroups.maxMembers else {
                    throw ServiceError.badRequest(
                        "A static member group holds at most \(StaticGroups.maxMembers) ids; this call would make it \(size). Nothing was added.")
                }
            } else {
                try db.execute(
                    sql: "DELETE FROM jx_group_members WHERE segmentid = ? AND groupid = ? AND entityid IN (SELECT value FROM json_each(?))",
                    arguments: [segment.id, groupId, json])
            }
            try JourneyStore.touchSegment(db, id: segment.id)
        }
    }

    /// The reply to ListGroupMembers, written as the page is read.
    private func groupPage(segmentId: String, groupId: String, page: Int, size: Int, serviceRoot: String) async throws -> [UInt8] {
        let groupPages = state.groupPages
        return try await state.database.pool.read { db in
            let (segment, definition) = try Self.pair(db, segmentId)
            guard try StaticGroups.parse(definition.groupsText).contains(where: { $0.id == groupId }) else {
                throw ServiceError.badRequest("The segment '\(segment.name)' has no static member group \(groupId).")
            }
            var reply = JourneyActionShapes.GroupMembersReply(pageSize: size)
            try groupPages.page(db, segment: segment, groupId: groupId, page: page, size: size) { reply.add($0) }
            return reply.finish(serviceRoot: serviceRoot)
        }
    }

    private func membersList(_ id: String, serviceRoot: String) async throws -> String {
        try await state.database.pool.read { db in
            let (segment, _) = try Self.pair(db, id)
            do {
                let (sql, arguments) = try JourneyMembership.membersSQL(db, segment: segment)
                let members = try String.fetchAll(
                    db, sql: "SELECT contactid FROM (\(sql)) ORDER BY contactid LIMIT \(Self.membersListCap)",
                    arguments: StatementArguments(arguments))
                let total =
                    members.count < Self.membersListCap
                    ? members.count
                    : try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql))", arguments: StatementArguments(arguments)) ?? 0
                return JourneyActionShapes.membersList(serviceRoot: serviceRoot, baseEntity: segment.baseEntity, members: members, totalCount: total)
            } catch let error as SegmentQueryError {
                throw ServiceError.badRequest("The segment query is not valid: \(error.description).")
            }
        }
    }

    private func segmentStatus(_ id: String, serviceRoot: String) async throws -> String {
        try await state.database.pool.read { db in
            let (segment, definition) = try Self.pair(db, id)
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT d.msdynmkt_computationstatus, d.errorreason, d.msdynmkt_computationstartedon, d.msdynmkt_computationfinishedon,
                        s.msdynmkt_membercount FROM jx_definitions d JOIN jx_segments s ON s.msdynmkt_segmentid = ?
                    WHERE d.msdynmkt_segmentdefinitionid = ?
                    """, arguments: [segment.id, definition.id])
            let computation: Int? = row?[0]
            let execution =
                switch computation {
                case JourneyOptions.computationRunning: "InProgress"
                case JourneyOptions.computationFinished: "Success"
                case JourneyOptions.computationError: "Error"
                default: "NotStarted"
                }
            let status =
                segment.status == JourneyOptions.segError
                ? "Error" : JourneyOptions.definitionStatus.label(definition.status)
            return JourneyActionShapes.segmentStatus(
                serviceRoot: serviceRoot, segmentId: segment.id, status: status, execution: execution, reason: row?[1],
                memberCount: row?[4], startedOn: (row?[2] as Int64?).map(Timestamp.iso), finishedOn: (row?[3] as Int64?).map(Timestamp.iso))
        }
    }
}
