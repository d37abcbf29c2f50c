import Dataverse
import Foundation

/// Creating, changing, deleting, publishing and stopping journeys segments: two records per
/// segment, written in an order that never leaves one without the other (JSS §3).
extension JourneysSegmentService {
    /// The definition first, then the segment that points at it; if the segment cannot be written
    /// the definition is removed again, and if its first members cannot be added both go.
    public func create(_ draft: SegmentDraft) throws(SegmentServiceError) -> String {
        guard capabilities.creatableKinds.contains(draft.type) else {
            throw .invalidRequest("journeys segments are static, dynamic or both, not \(draft.type.label.lowercased())")
        }
        guard draft.baseEntity == .contact || draft.baseEntity == .lead else {
            throw .invalidRequest("journeys segments are of contacts or leads [JSS §2.2]")
        }
        var groups: [MemberGroup] = []
        if draft.type.hasStaticMembers {
            let drafts = draft.groups.isEmpty ? [MemberGroupDraft(name: "Members", role: .include)] : draft.groups
            groups = drafts.map { MemberGroup(id: UUID().uuidString.lowercased(), name: $0.name, role: $0.role) }
        }
        guard groups.count <= MemberGroup.maximumCount else { throw .invalidRequest("at most \(MemberGroup.maximumCount) groups a segment") }
        if !draft.memberIds.isEmpty, !groups.contains(where: { $0.role == .include }) {
            throw .invalidRequest("first members need an Include group")
        }
        return try JourneysErrors.mapped { () throws(DataverseError) in
            typealias D = DefinitionColumn
            typealias S = SegmentColumn
            var definition: [String: JSONValue] = [
                D.name: .string(draft.name), D.query: .string(draft.type.hasQuery ? draft.query ?? "" : ""),
                D.state: .number(0), D.status: .number(Double(JourneysCodes.draft)),
            ]
            if !groups.isEmpty { definition[D.staticListMembers] = StaticGroupsWire.encode(groups) }
            definition.merge(RefreshWire.fields(draft.refresh)) { _, new in new }
            let definitionId = try client.create(in: D.entitySet, fields: definition, idAttribute: D.id)
            var fields: [String: JSONValue] = [
                S.displayName: .string(draft.name), S.type: .number(Double(JourneysCodes.typeCode(for: draft.type))),
                S.source: .number(Double(JourneysCodes.sourceJourneys)), S.baseEntity: .string(draft.baseEntity.logicalName),
                S.state: .number(1), S.status: .number(Double(JourneysCodes.segmentInactive)), S.sourceSegmentUid: .string(definitionId),
            ]
            if let description = draft.description, !description.isEmpty { fields[S.description] = .string(description) }
            if let unit = try? client.whoAmI().businessUnitId, SegmentResolver.isGUID(unit) {
                fields[S.owningBusinessUnitBind] = .string("/businessunits(\(unit))")
            }
            let segmentId: String
            do throws(DataverseError) {
                segmentId = try client.create(in: S.entitySet, fields: fields, idAttribute: S.id)
            } catch {
                // A lost reply may hide a segment that was written: look before removing its definition.
                if case .transport = error, let found = (try? segment(pointingAt: definitionId)) ?? nil {
                    segmentId = found
                } else {
                    try? client.delete(in: D.entitySet, id: definitionId, ifMatch: nil)
                    throw error
                }
            }
            if let include = groups.first(where: { $0.role == .include }), !draft.memberIds.isEmpty {
                do throws(DataverseError) {
                    try changeIds(JourneysActions.addMembers, segmentId: segmentId, groupId: include.id, ids: draft.memberIds)
                } catch {
                    try? client.delete(in: S.entitySet, id: segmentId, ifMatch: nil)
                    try? client.delete(in: D.entitySet, id: definitionId, ifMatch: nil)
                    throw error
                }
            }
            return segmentId
        }
    }

    /// `GET msdynmkt_segments?$filter=msdynmkt_sourcesegmentuid eq '<defId>'` (JSS §3 [C]).
    private func segment(pointingAt definitionId: String) throws(DataverseError) -> String? {
        let query = ODataQuery(select: [SegmentColumn.id], filter: "\(SegmentColumn.sourceSegmentUid) eq \(ODataFilter.literal(definitionId))")
        return try client.firstPage(of: SegmentColumn.entitySet, query: query, pageSize: 1).records.first?.string(SegmentColumn.id)?.lowercased()
    }

    /// Name and description live on the segment; query and refresh on the definition (whose name
    /// is kept the same). Each record is written conditionally on its own ETag.
    public func update(id: String, changes: SegmentChanges, ifMatch etag: String?) throws(SegmentServiceError) {
        guard !changes.isEmpty else { return }
        let expected = JourneysETag.unpack(etag)
        try JourneysErrors.mapped { () throws(DataverseError) in
            typealias D = DefinitionColumn
            typealias S = SegmentColumn
            let (record, definition) = try requests.records(of: id)
            if let wanted = expected.segment, let current = record.etag, wanted != current { throw .service(status: 412, code: "", message: "") }
            var definitionFields: [String: JSONValue] = [:]
            if let name = changes.name { definitionFields[D.name] = .string(name) }
            if let query = changes.query { definitionFields[D.query] = .string(query) }
            definitionFields.merge(RefreshWire.fields(changes.refresh)) { _, new in new }
            if let definition, let definitionId = definition.string(D.id), !definitionFields.isEmpty {
                try client.update(in: D.entitySet, id: definitionId.lowercased(), fields: definitionFields, ifMatch: expected.definition ?? definition.etag)
            } else if changes.query != nil || changes.refresh != nil {
                throw .malformedReply("the segment's definition is missing, so its query cannot change")
            }
            var segmentFields: [String: JSONValue] = [:]
            if let name = changes.name { segmentFields[S.displayName] = .string(name) }
            if let description = changes.description { segmentFields[S.description] = description.isEmpty ? .null : .string(description) }
            if !segmentFields.isEmpty { try client.update(in: S.entitySet, id: id, fields: segmentFields, ifMatch: record.etag) }
        }
    }

    /// The safe order of JSS §3 [I]: refused while journeys use it (naming them); a live one is
    /// stopped first; then the segment, then its definition (the rows only work as a pair [D]).
    public func delete(id: String, ifMatch etag: String?) throws(SegmentServiceError) {
        let current = try segment(id: id)
        if let wanted = JourneysETag.unpack(etag).segment, let now = JourneysETag.unpack(current.etag).segment, wanted != now { throw .conflict }
        if !current.usage.journeys.isEmpty || (current.usage.journeyCount ?? 0) > 0 {
            throw .refused(message: "'\(current.name)' is used by journeys; remove it from them first", blockers: current.usage)
        }
        if current.status.isLive || current.status == .goingLive {
            let outcome = try stop(id: id, ifMatch: nil)
            guard outcome.accepted else {
                throw .refused(message: outcome.message ?? "'\(current.name)' could not be stopped", blockers: outcome.blockers)
            }
        }
        try JourneysErrors.mapped { () throws(DataverseError) in
            try client.delete(in: SegmentColumn.entitySet, id: id, ifMatch: nil)
            guard let definitionId = current.definitionId, SegmentResolver.isGUID(definitionId) else { return }
            do throws(DataverseError) {
                try client.delete(in: DefinitionColumn.entitySet, id: definitionId, ifMatch: nil)
            } catch {
                // Gone already (the service may remove the pair itself) is as good as removed.
                if error.status != 404 { throw error }
            }
        }
    }

    /// `msdynmkt_PublishSegmentDefinition {"SegmentId"}` [D]; its refusal (a query that does not
    /// parse, with the position) is read from whichever shape it takes [C].
    public func publish(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome {
        try checkUnchanged(id, etag)
        let response = try JourneysErrors.mapped { () throws(DataverseError) in
            try client.actionResponse(JourneysActions.publish, fields: JourneysActions.segmentBody(id), passing: [400, 404, 409, 412, 422])
        }
        if response.status >= 400 { throw JourneysErrors.refusal(response, action: JourneysActions.publish) }
        return .accepted
    }

    /// `msdynmkt_StopSegments {"SegmentIdList"}` [D]: a refusal comes back as `WasStopped: false`
    /// with its blockers, which is an outcome.
    public func stop(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome {
        try checkUnchanged(id, etag)
        return try JourneysErrors.mapped { () throws(DataverseError) in
            JourneysActions.decodeStop(try client.action(JourneysActions.stop, fields: JourneysActions.stopBody(id)), segmentId: id)
        }
    }

    /// Journeys has no status writes; the two moves it has are publish and stop.
    public func setStatus(id: String, to status: SegmentStatus, ifMatch etag: String?) throws(SegmentServiceError) {
        let outcome: StatusChangeOutcome
        switch status {
        case .goingLive, .live: outcome = try publish(id: id, ifMatch: etag)
        case .stopping, .stopped: outcome = try stop(id: id, ifMatch: etag)
        default: throw .invalidRequest("journeys segments cannot be set to \(status.label); publish or stop them")
        }
        if !outcome.accepted { throw .refused(message: outcome.message ?? "The service refused", blockers: outcome.blockers) }
    }

    /// Actions carry no `If-Match`: when the caller holds a version, the segment is read first
    /// and a change meanwhile is a conflict, as a conditional write would answer.
    private func checkUnchanged(_ id: String, _ etag: String?) throws(SegmentServiceError) {
        guard let wanted = JourneysETag.unpack(etag).segment else { return }
        let current = try JourneysErrors.mapped { () throws(DataverseError) in
            try client.record(in: SegmentColumn.entitySet, id: id, select: [SegmentColumn.id, SegmentColumn.status])
        }
        if let now = current.etag, now != wanted { throw .conflict }
    }

    /// Adds or removes ids in calls of at most 1,000 [D]; any 2xx is success [I].
    func changeIds(_ action: String, segmentId: String, groupId: String, ids: [String]) throws(DataverseError) {
        for start in stride(from: 0, to: ids.count, by: JourneysActions.maxIdsPerCall) {
            let batch = Array(ids[start..<min(ids.count, start + JourneysActions.maxIdsPerCall)])
            _ = try client.action(action, fields: JourneysActions.membersBody(segmentId: segmentId, groupId: groupId, ids: batch))
        }
    }
}
