extension SegmentService {
    /// Reads every page of `query` in order, by each page's continuation, handing each to `body`
    /// as it arrives (scripts stream, rather than hold a whole organisation in memory).
    public func forEachPage(
        _ query: SegmentListQuery, _ body: (SegmentPage) throws -> Void
    ) throws {
        var page = try firstPage(query)
        while true {
            try body(page)
            guard let next = page.next else { return }
            page = try nextPage(next)
        }
    }
}

extension SegmentService {
    /// Every id one group holds, read page by page with `groupMembers` until a short page or
    /// the total (journeys' pages carry none). Scripts compare a group before and after a change.
    public func groupMemberIds(of segmentId: String, groupId: String, pageSize: Int = 5_000) throws(SegmentServiceError) -> [String] {
        var ids: [String] = []
        var page = 1
        while true {
            let found = try groupMembers(of: segmentId, groupId: groupId, page: MemberPageRequest(page: page, size: pageSize))
            ids += found.people.map { $0.id.lowercased() }
            if !found.hasMore || found.people.isEmpty || (found.total.map { ids.count >= $0 } ?? false) { return ids }
            page += 1
        }
    }
}

extension SegmentService {
    /// `segment`'s groups, each with a size: the service's where it gave one, else counted with
    /// `countGroupMembers` up to `bound` (journeys gives none: JSS §3). The detail and `show` say
    /// the sizes this way.
    public func groupsWithSizes(of segment: Segment, upTo bound: Int = GroupCount.defaultBound) throws(SegmentServiceError) -> [MemberGroup] {
        var groups = segment.groups
        for index in groups.indices where groups[index].size == nil {
            groups[index] = groups[index].counted(try countGroupMembers(of: segment.id, groupId: groups[index].id, upTo: bound))
        }
        return groups
    }
}
