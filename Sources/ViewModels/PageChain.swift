import Segments

/// One direction of paging through the list: the pages fetched so far in the order the service
/// sent them, each with the continuation that fetched it. Continuations are small and all are
/// kept; rows are kept only for pages near the selection, so that a dropped page can be fetched
/// again by its own link (keyset paging has no `$skip` to jump with).
struct PageChain {
    struct Page {
        /// How this page is fetched again; nil for the first page, which is the query itself.
        let continuation: PageContinuation?
        /// Nil while dropped from memory.
        var rows: [Segment]?
        /// Rows the page holds (also while dropped), so that later pages keep their offsets.
        var count: Int
        /// Offset of the page's first row in this chain's order.
        var start: Int
    }

    /// What to ask the service for.
    enum Request: Sendable {
        case first(SegmentListQuery)
        case next(PageContinuation)

        var continuation: PageContinuation? {
            if case .next(let continuation) = self { return continuation }
            return nil
        }
    }

    /// The query in this chain's direction (the reversed one for the chain from the end).
    let query: SegmentListQuery
    private(set) var pages: [Page] = []
    /// Continuation of the page after the last one; nil before the first page and at the end.
    private(set) var next: PageContinuation?
    /// The last page said there is none after it.
    private(set) var isExhausted = false
    /// The page whose request is in flight (one a chain, so that replies land in order).
    var loading: Int?

    init(query: SegmentListQuery) {
        self.query = query
    }

    /// Rows this chain has seen (resident or not): its frontier.
    var known: Int { pages.last.map { $0.start + $0.count } ?? 0 }

    var residentRowCount: Int { pages.reduce(0) { $0 + ($1.rows?.count ?? 0) } }

    /// The request for page `index`: a dropped page by its own link, the next one by the last link.
    func request(forPage index: Int) -> Request? {
        if index < pages.count {
            return pages[index].continuation.map(Request.next) ?? .first(query)
        }
        guard index == pages.count, !isExhausted else { return nil }
        if pages.isEmpty { return .first(query) }
        return next.map(Request.next)
    }

    /// Index of the page holding `offset`, if the chain has reached it.
    func pageIndex(containing offset: Int) -> Int? {
        guard offset >= 0, offset < known else { return nil }
        var low = 0
        var high = pages.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if pages[middle].start <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func row(at offset: Int) -> Segment? {
        guard let index = pageIndex(containing: offset), let rows = pages[index].rows else { return nil }
        let within = offset - pages[index].start
        return rows.indices.contains(within) ? rows[within] : nil
    }

    func isResident(page index: Int) -> Bool { pages.indices.contains(index) && pages[index].rows != nil }

    /// Stores a reply for page `index`; returns whether it extended the frontier.
    @discardableResult
    mutating func store(page index: Int, _ page: SegmentPage, fetchedWith continuation: PageContinuation?) -> Bool {
        if index == pages.count {
            pages.append(Page(continuation: continuation, rows: page.segments, count: page.segments.count, start: known))
            next = page.next
            isExhausted = page.next == nil
            return true
        }
        guard pages.indices.contains(index) else { return false }
        if index == pages.count - 1 {
            // The last page may have grown since; take it whole and its link with it.
            pages[index].rows = page.segments
            next = page.next
            isExhausted = page.next == nil
            setCount(page.segments.count, ofPage: index)
        } else {
            // A row deleted before this page since it was first read slides the next page's
            // first row in: keep the page's length so that no row shows twice.
            let rows = Array(page.segments.prefix(pages[index].count))
            pages[index].rows = rows
            setCount(rows.count, ofPage: index)
        }
        return false
    }

    /// Drops the rows of pages outside `offsets`, keeping the frontier page (where the two chains
    /// are seen to meet).
    mutating func drop(outside offsets: ClosedRange<Int>?) {
        for index in pages.indices where pages[index].rows != nil && index != pages.count - 1 {
            let page = pages[index]
            if let offsets, page.start <= offsets.upperBound, page.start + page.count > offsets.lowerBound { continue }
            pages[index].rows = nil
        }
    }

    func offset(of id: String) -> Int? {
        for page in pages {
            if let within = page.rows?.firstIndex(where: { $0.id == id }) { return page.start + within }
        }
        return nil
    }

    /// The frontier page's rows with their offsets (for seeing where the chains meet).
    var frontierRows: [(offset: Int, segment: Segment)] {
        guard let last = pages.last, let rows = last.rows else { return [] }
        return rows.enumerated().map { (last.start + $0.offset, $0.element) }
    }

    /// Removes a row; returns its offset. Later rows move up by one.
    mutating func remove(id: String) -> Int? {
        for index in pages.indices {
            guard let within = pages[index].rows?.firstIndex(where: { $0.id == id }) else { continue }
            pages[index].rows?.remove(at: within)
            let offset = pages[index].start + within
            setCount(pages[index].count - 1, ofPage: index)
            return offset
        }
        return nil
    }

    /// Inserts a row at `offset` into the resident page holding it (or at the end of the last
    /// page); later rows move down by one. Returns false where that page is not in memory.
    mutating func insert(_ segment: Segment, at offset: Int) -> Bool {
        guard let index = offset == known ? (pages.isEmpty ? nil : pages.count - 1) : pageIndex(containing: offset),
              pages[index].rows != nil
        else { return false }
        let within = offset - pages[index].start
        pages[index].rows?.insert(segment, at: within)
        setCount(pages[index].count + 1, ofPage: index)
        return true
    }

    /// Replaces a row with `transform` of it; returns whether the row was resident.
    mutating func replace(id: String, _ transform: (Segment) -> Segment) -> Bool {
        for index in pages.indices {
            guard var rows = pages[index].rows, let within = rows.firstIndex(where: { $0.id == id }) else { continue }
            rows[within] = transform(rows[within])
            pages[index].rows = rows
            return true
        }
        return false
    }

    /// Resident rows in this chain's order.
    var residentRows: [Segment] { pages.flatMap { $0.rows ?? [] } }

    private mutating func setCount(_ count: Int, ofPage index: Int) {
        let delta = count - pages[index].count
        guard delta != 0 else { return }
        pages[index].count = count
        for later in (index + 1)..<pages.count { pages[later].start += delta }
    }
}
