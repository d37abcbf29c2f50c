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
