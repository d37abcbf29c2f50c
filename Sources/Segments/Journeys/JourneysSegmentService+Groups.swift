import Dataverse
import Foundation

/// Static member groups (JSS §2.4): declared in the definition's `msdynmkt_staticlistmembers`,
/// filled with Add/RemoveStaticMembers, read with ListGroupMembers; who is in the segment now
/// comes from MembersList.
extension JourneysSegmentService {
    public func groups(of segmentId: String) throws(SegmentServiceError) -> [MemberGroup] {
        try JourneysErrors.mapped { () throws(DataverseError) in
            StaticGroupsWire.decode(try requests.records(of: segmentId).definition?[DefinitionColumn.staticListMembers])
        }
    }

    public func createGroup(in segmentId: String, _ draft: MemberGroupDraft) throws(SegmentServiceError) -> MemberGroup {
        let group = MemberGroup(id: UUID().uuidString.lowercased(), name: draft.name, role: draft.role)
        try changeGroups(of: segmentId) { (groups: inout [MemberGroup]) throws(SegmentServiceError) in
            guard groups.count < MemberGroup.maximumCount else {
                throw .refused("A segment has at most \(MemberGroup.maximumCount) groups")
            }
            groups.append(group)
        }
        return group
    }

    public func renameGroup(in segmentId: String, groupId: String, to name: String) throws(SegmentServiceError) {
        try changeGroups(of: segmentId) { (groups: inout [MemberGroup]) throws(SegmentServiceError) in
            guard let index = groups.firstIndex(where: { $0.id == groupId.lowercased() }) else { throw .notFound("No group \(groupId)") }
            groups[index].name = name
        }
    }

    /// Its members are removed first, so that no ids linger in a group nobody can see.
    public func deleteGroup(in segmentId: String, groupId: String) throws(SegmentServiceError) {
        try JourneysErrors.mapped { () throws(DataverseError) in
            let ids = try requests.allGroupIds(segmentId: segmentId, groupId: groupId)
            try changeIds(JourneysActions.removeMembers, segmentId: segmentId, groupId: groupId, ids: ids)
        }
        try changeGroups(of: segmentId) { (groups: inout [MemberGroup]) throws(SegmentServiceError) in
            groups.removeAll { $0.id == groupId.lowercased() }
        }
    }

    /// Reads the definition's groups, changes them, and writes them back conditionally on the
    /// definition's ETag, so that two people's group edits cannot overwrite each other.
    private func changeGroups(of segmentId: String, _ change: (inout [MemberGroup]) throws(SegmentServiceError) -> Void)
        throws(SegmentServiceError) {
        let definition = try JourneysErrors.mapped { () throws(DataverseError) in try requests.records(of: segmentId).definition }
        guard let definition, let definitionId = definition.string(DefinitionColumn.id) else {
            throw .malformedReply("the segment's definition is missing")
        }
        var groups = StaticGroupsWire.decode(definition[DefinitionColumn.staticListMembers])
        try change(&groups)
        try JourneysErrors.mapped { () throws(DataverseError) in
            try client.update(in: DefinitionColumn.entitySet, id: definitionId.lowercased(),
                              fields: [DefinitionColumn.staticListMembers: StaticGroupsWire.encode(groups)], ifMatch: definition.etag)
        }
    }

    /// No documented column or reply gives a group's size (JSS §2.4, §3: ListGroupMembers answers
    /// ids and no total, MembersList the whole segment), so the ids are paged and counted, up to
    /// `bound`. A count that ends on a full page at the bound cannot tell "exactly" from "more".
    public func countGroupMembers(of segmentId: String, groupId: String, upTo bound: Int) throws(SegmentServiceError) -> GroupCount {
        try JourneysErrors.mapped { () throws(DataverseError) in
            let read = try requests.groupIds(segmentId: segmentId, groupId: groupId, upTo: bound)
            return GroupCount(count: read.ids.count, isLowerBound: !read.complete)
        }
    }

    public func groupMembers(of segmentId: String, groupId: String, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage {
        let size = min(page.size, JourneysActions.maxGroupPageSize)
        return try JourneysErrors.mapped { () throws(DataverseError) in
            let reply = try client.action(JourneysActions.listGroupMembers, fields: JourneysActions.groupPageBody(
                segmentId: segmentId, groupId: groupId, page: page.page, size: size))
            let ids = try JourneysActions.decodeGroupPage(reply)
            let people = try requests.people.people(ids, in: requests.baseEntity(of: segmentId))
            return MemberPage(people: people, total: nil, hasMore: ids.count >= size)
        }
    }

    public func changeMembers(of segmentId: String, groupId: String, add: [String], remove: [String])
        throws(SegmentServiceError) -> MemberChangeOutcome {
        try JourneysErrors.mapped { () throws(DataverseError) in
            try changeIds(JourneysActions.addMembers, segmentId: segmentId, groupId: groupId, ids: add)
            try changeIds(JourneysActions.removeMembers, segmentId: segmentId, groupId: groupId, ids: remove)
        }
        // The actions answer nothing documented [D]: the outcome says what was sent, not counts.
        return MemberChangeOutcome()
    }

    /// MembersList answers every member at once [D, no paging documented]; a page is cut from it.
    public func currentMembers(of segment: Segment, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage {
        let window = try members(of: segment, from: page.skip, count: page.size)
        return MemberPage(people: window.people, total: window.total, hasMore: window.hasMore)
    }

    // MARK: the outbound-shaped calls, over groups and MembersList

    public func members(of segment: Segment, skip: Int, take: Int) throws(SegmentServiceError) -> (total: Int, contacts: [Contact]) {
        let window = try members(of: segment, from: skip, count: take)
        return (window.total, window.people)
    }

    private func members(of segment: Segment, from skip: Int, count: Int) throws(SegmentServiceError)
        -> (people: [Contact], total: Int, hasMore: Bool) {
        try JourneysErrors.mapped { () throws(DataverseError) in
            let list = try JourneysActions.decodeMembersList(
                try client.action(JourneysActions.membersList, fields: JourneysActions.segmentBody(segment.id)))
            let slice = Array(list.ids.dropFirst(max(0, skip)).prefix(max(0, count)))
            let base = list.base.map(BaseEntity.init(logicalName:)) ?? segment.baseEntity
            let people = try requests.people.people(slice, in: base)
            return (people, list.total ?? list.ids.count, skip + slice.count < list.ids.count)
        }
    }

    /// Include groups' ids less the Exclude groups' (exclusion wins [D]).
    public func memberIds(of segmentId: String) throws(SegmentServiceError) -> [String] {
        let groups = try groups(of: segmentId)
        return try JourneysErrors.mapped { () throws(DataverseError) in
            var included: [String] = []
            var seen = Set<String>()
            var excluded = Set<String>()
            for group in groups {
                let ids = try requests.allGroupIds(segmentId: segmentId, groupId: group.id)
                if group.role == .exclude { excluded.formUnion(ids); continue }
                for id in ids where seen.insert(id).inserted { included.append(id) }
            }
            return included.filter { !excluded.contains($0) }
        }
    }

    /// The first Include group, made when the segment has none.
    public func updateMembers(of segmentId: String, add: [String], remove: [String]) throws(SegmentServiceError) {
        var include = try groups(of: segmentId).first { $0.role == .include }
        if include == nil { include = try createGroup(in: segmentId, MemberGroupDraft(name: "Members", role: .include)) }
        guard let include else { return }
        _ = try changeMembers(of: segmentId, groupId: include.id, add: add, remove: remove)
    }

    public func addMembers(of segmentId: String, matching query: String) throws(SegmentServiceError) -> Int {
        throw .invalidRequest("journeys segments take members by id only; to select people by a query, make the segment dynamic or mixed")
    }
}
