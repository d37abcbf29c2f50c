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
