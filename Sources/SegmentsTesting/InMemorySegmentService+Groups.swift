import Foundation
import Segments

/// One static group as the in-memory service keeps it.
struct StoredGroup: Sendable {
    var group: MemberGroup
    var ids: Set<String>
}

/// Groups, members and the lifecycle, with the rules of the journeys reference
/// (../shared/reference/journeys-segment-service.md §2.4, §3): at most ten groups, exclusion
/// wins, at most 1,000 ids a call; and outbound's one list as a single Include group.
extension InMemorySegmentService {
    static let outboundGroup = MemberGroup(id: "members", name: "Members", role: .include)

    // MARK: groups

    public func groups(of segmentId: String) throws(SegmentServiceError) -> [MemberGroup] {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: segmentId, in: state, ifMatch: nil)
            return Self.groupsWithSizes(of: state.segments[index].id, in: state)
        }
    }

    public func createGroup(in segmentId: String, _ draft: MemberGroupDraft) throws(SegmentServiceError) -> MemberGroup {
        try checkEditsGroups()
        return try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: segmentId, in: state, ifMatch: nil)
            let id = state.segments[index].id
            guard state.segments[index].type.hasStaticMembers else { throw .invalidRequest("a dynamic segment has no groups") }
            guard (state.groups[id]?.count ?? 0) < MemberGroup.maximumCount else {
                throw .refused("A segment holds at most \(MemberGroup.maximumCount) groups.")
            }
            let group = MemberGroup(id: UUID().uuidString.lowercased(), name: draft.name, role: draft.role, size: 0)
            state.groups[id, default: []].append(StoredGroup(group: group, ids: []))
            Self.touch(&state, index) { _ in }
            Self.recount(&state, id)
            return group
        }
    }

    public func renameGroup(in segmentId: String, groupId: String, to name: String) throws(SegmentServiceError) {
        try checkEditsGroups()
        try write { (state: inout State) throws(SegmentServiceError) in
            let (index, position) = try Self.group(groupId, of: segmentId, in: state)
            state.groups[state.segments[index].id]?[position].group.name = name
            Self.touch(&state, index) { _ in }
            Self.recount(&state, state.segments[index].id)
        }
    }

    public func deleteGroup(in segmentId: String, groupId: String) throws(SegmentServiceError) {
        try checkEditsGroups()
        try write { (state: inout State) throws(SegmentServiceError) in
            let (index, position) = try Self.group(groupId, of: segmentId, in: state)
            let id = state.segments[index].id
            if state.segments[index].status.locksContent { throw Self.liveRefusal }
            state.groups[id]?.remove(at: position)
            Self.touch(&state, index) { _ in }
            Self.recount(&state, id)
        }
    }

    public func groupMembers(of segmentId: String, groupId: String, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage {
        try write { (state: inout State) throws(SegmentServiceError) in
            let (index, position) = try Self.group(groupId, of: segmentId, in: state)
            let ids = state.groups[state.segments[index].id]?[position].ids ?? []
            let people = Self.people(ids, in: state)
            let slice = Array(people.dropFirst(page.skip).prefix(page.size))
            // As journeys' ListGroupMembers: no total; a short page is the last.
            return MemberPage(people: slice, total: api == .outbound ? people.count : nil,
                              hasMore: page.skip + slice.count < people.count)
        }
    }

    /// Counts as the journeys adapter does, stopping at `bound`.
    public func countGroupMembers(of segmentId: String, groupId: String, upTo bound: Int) throws(SegmentServiceError) -> GroupCount {
        try write { (state: inout State) throws(SegmentServiceError) in
            let (index, position) = try Self.group(groupId, of: segmentId, in: state)
            let count = state.groups[state.segments[index].id]?[position].ids.count ?? 0
            return count > bound ? GroupCount(count: bound, isLowerBound: true) : GroupCount(count: count)
        }
    }

    public func changeMembers(of segmentId: String, groupId: String, add: [String], remove: [String])
        throws(SegmentServiceError) -> MemberChangeOutcome {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: segmentId, in: state, ifMatch: nil)
            return try Self.change(&state, segmentId: state.segments[index].id, groupId: groupId, add: add, remove: remove)
        }
    }

    public func currentMembers(of segment: Segment, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage {
        try write { (state: inout State) throws(SegmentServiceError) in
            _ = try Self.index(of: segment.id, in: state, ifMatch: nil)
            let people = Self.people(Self.effectiveMembers(of: segment.id.lowercased(), in: state), in: state)
            let slice = Array(people.dropFirst(page.skip).prefix(page.size))
            return MemberPage(people: slice, total: people.count, hasMore: page.skip + slice.count < people.count)
        }
    }

    // MARK: lifecycle

    public func publish(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            let current = state.segments[index].status
            // Outbound's metadata allows fewer moves than journeys (an expired one stays so).
            guard api == .outbound ? current.canMove(to: .goingLive) : current.canPublish else { throw .refused("A segment that is \(current.label) cannot be published.") }
            Self.touch(&state, index) { $0.status = .goingLive }
            return .accepted
        }
    }

    /// Refused while journeys or segments use it: journeys answers with the blockers (an
    /// outcome); outbound with an error, as its service does.
    public func stop(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome {
        try write { (state: inout State) throws(SegmentServiceError) in
            let index = try Self.index(of: id, in: state, ifMatch: etag)
            let current = state.segments[index].status
            guard current.canStop else { throw .refused("A segment that is \(current.label) cannot be stopped.") }
            if let usage = state.usage[state.segments[index].id], !usage.isEmpty {
                let message = "The segment is used and cannot be stopped."
                if api == .outbound { throw .refused(message: message, blockers: usage) }
                return StatusChangeOutcome(accepted: false, message: message, blockers: usage)
            }
            Self.touch(&state, index) { $0.status = .stopping }
            return .accepted
        }
    }

    // MARK: rules shared by the calls

    private func checkEditsGroups() throws(SegmentServiceError) {
        guard capabilities.editsGroups else { throw .invalidRequest("\(api.label) segments have no groups to edit") }
    }

    static func group(_ groupId: String, of segmentId: String, in state: State) throws(SegmentServiceError) -> (Int, Int) {
        let index = try index(of: segmentId, in: state, ifMatch: nil)
        guard let position = state.groups[state.segments[index].id]?.firstIndex(where: { $0.group.id == groupId }) else {
            throw .notFound("no group \(groupId) in segment \(segmentId)")
        }
        return (index, position)
    }

    /// Adds and removes ids in one group; unknown ids and ids already there (or not there) are
    /// ignored and counted so.
    static func change(_ state: inout State, segmentId: String, groupId: String, add: [String], remove: [String])
        throws(SegmentServiceError) -> MemberChangeOutcome {
        let (index, position) = try group(groupId, of: segmentId, in: state)
        if state.segments[index].status.locksContent { throw liveRefusal }
        let limit = state.segments[index].api == .journeys ? SegmentCapabilities.journeys.maxIdsPerCall : SegmentCapabilities.outbound.maxIdsPerCall
        guard add.count <= limit, remove.count <= limit else { throw .invalidRequest("at most \(limit) ids a call") }
        let known = Set(state.contacts.map(\.id))
        var ids = state.groups[segmentId]?[position].ids ?? []
        var added = 0, removed = 0, ignored = 0
        for id in add.map({ $0.lowercased() }) {
            if known.contains(id), ids.insert(id).inserted { added += 1 } else { ignored += 1 }
        }
        for id in remove.map({ $0.lowercased() }) {
            if ids.remove(id) != nil { removed += 1 } else { ignored += 1 }
        }
        state.groups[segmentId]?[position].ids = ids
        touch(&state, index) { _ in }
        recount(&state, segmentId)
        return MemberChangeOutcome(added: added, removed: removed, ignored: ignored)
    }

    /// The query's members plus every Include group, less every Exclude group (exclusion wins).
    static func effectiveMembers(of segmentId: String, in state: State) -> Set<String> {
        let groups = state.groups[segmentId] ?? []
        var members = state.queryMembers[segmentId] ?? []
        for group in groups where group.group.role == .include { members.formUnion(group.ids) }
        for group in groups where group.group.role == .exclude { members.subtract(group.ids) }
        return members
    }

    static func groupsWithSizes(of segmentId: String, in state: State) -> [MemberGroup] {
        (state.groups[segmentId] ?? []).map { stored in
            var group = stored.group
            group.size = stored.ids.count
            return group
        }
    }

    /// People by name then id; an id with no contact keeps an empty name.
    static func people(_ ids: Set<String>, in state: State) -> [Contact] {
        let byId = Dictionary(state.contacts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.map { byId[$0] ?? Contact(id: $0, fullName: "") }.sorted { ($0.fullName, $0.id) < ($1.fullName, $1.id) }
    }

    /// Keeps the stored segment's size and groups in step with its members.
    static func recount(_ state: inout State, _ segmentId: String) {
        guard let index = state.segments.firstIndex(where: { $0.id == segmentId }) else { return }
        let segment = state.segments[index]
        if segment.type.hasStaticMembers || state.queryMembers[segmentId] != nil {
            state.segments[index].size = effectiveMembers(of: segmentId, in: state).count
        }
        state.segments[index].groups = groupsWithSizes(of: segmentId, in: state)
    }

    /// A segment as `segment(id:)` answers: with its groups and usage.
    static func complete(_ segment: Segment, in state: State) -> Segment {
        var full = segment
        full.groups = groupsWithSizes(of: segment.id, in: state)
        full.usage = state.usage[segment.id] ?? segment.usage
        return full
    }
}
