import Dataverse

/// The group operations on outbound, which has none: a static segment's one list is presented as
/// the Include group `OutboundGroup.id`, and everything else is refused (`capabilities` says so).
extension OutboundSegmentService {
    public func groups(of segmentId: String) throws(SegmentServiceError) -> [MemberGroup] {
        try segment(id: segmentId).groups
    }

    public func createGroup(in segmentId: String, _ draft: MemberGroupDraft) throws(SegmentServiceError) -> MemberGroup {
        throw .invalidRequest("outbound segments have no groups")
    }

    public func renameGroup(in segmentId: String, groupId: String, to name: String) throws(SegmentServiceError) {
        throw .invalidRequest("outbound segments have no groups")
    }

    public func deleteGroup(in segmentId: String, groupId: String) throws(SegmentServiceError) {
        throw .invalidRequest("outbound segments have no groups")
    }

    /// The one group is the static segment's member list: its size is the member fetch's count.
    public func countGroupMembers(of segmentId: String, groupId: String, upTo bound: Int) throws(SegmentServiceError) -> GroupCount {
        try Self.checkGroup(groupId)
        return try OutboundErrors.mapped { () throws(DataverseError) in
            let read = try requests.countMembers(of: segmentId, upTo: bound)
            return GroupCount(count: read.count, isLowerBound: !read.complete)
        }
    }

    public func groupMembers(of segmentId: String, groupId: String, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage {
        try Self.checkGroup(groupId)
        return try currentMembers(of: Self.placeholder(segmentId), page: page)
    }

    /// Outbound queues member changes and counts nothing, so the outcome says nothing either.
    public func changeMembers(of segmentId: String, groupId: String, add: [String], remove: [String])
        throws(SegmentServiceError) -> MemberChangeOutcome {
        try Self.checkGroup(groupId)
        try updateMembers(of: segmentId, add: add, remove: remove)
        return MemberChangeOutcome()
    }

    /// Outbound evaluates members of every kind with the segment's query name.
    public func currentMembers(of segment: Segment, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage {
        let found = try members(of: segment, skip: page.skip, take: page.size)
        return MemberPage(people: found.contacts, total: found.total, hasMore: page.skip + found.contacts.count < found.total)
    }

    private static func checkGroup(_ groupId: String) throws(SegmentServiceError) {
        guard groupId == OutboundGroup.id else { throw .notFound("outbound segments have one group, '\(OutboundGroup.id)'") }
    }

    /// Enough of a segment to read its members: the query name follows from the id.
    private static func placeholder(_ segmentId: String) -> Segment {
        Segment(id: segmentId, name: "", type: .static, status: .draft)
    }
}
