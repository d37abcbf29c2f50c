import Segments

/// The segment list: selection, scroll window, a bounded window of loaded pages, and the last error.
///
/// A list may hold 100,000 segments while Dataverse pages only forwards (`@odata.nextLink`, no
/// `$skip`) and counts only to 5000. So the list is read by two chains of pages: one from the top
/// in the list's order, one from the end in the reversed order (what `G` reads). Each page keeps
/// the link that fetched it; only pages near the selection keep their rows, and a dropped page is
/// fetched again by its link. Keys never wait: rows not loaded yet are placeholders (`row(at:)`
/// is nil) while their page loads in the background. Replies to an older query are dropped.
///
/// Positions: when the length is known (a count under the cap, a chain that reached the end, or
/// the two chains meeting) every row has its absolute index. Otherwise the list is either read
/// from the top, or, after `G`, anchored at its end: indices then count from the end, and the
/// selection keeps its distance from the end while pages above it arrive.
@MainActor
public final class SegmentListModel {
    public internal(set) var selectedIndex = 0
    /// Index of the first row in view.
    public internal(set) var scrollOffset = 0
    /// How many rows the pane can show; the pane reports it when the layout changes.
    public private(set) var viewportRows = 20
    public private(set) var query: SegmentListQuery
    /// `@odata.count` as the service sent it (Dataverse stops counting at 5000).
    public internal(set) var totalCount: Int?
    /// The number of segments, once known (see the type's comment).
    public internal(set) var knownLength: Int?
    public private(set) var hasLoadedOnce = false
    public internal(set) var lastError: SegmentServiceError?

    var head: PageChain
    /// The chain from the end; created by the first need of the last rows.
    var tail: PageChain?
    /// While the length is unknown: the list is shown from its end (after `G`).
    var anchoredAtEnd = false
    /// Placeholder rows shown past the loaded frontier while the length is unknown.
    var slack = 0
    /// A reload is in flight: no page is fetched for the state it replaces.
    var isReloading = false
    /// The rows on screen belong to an older query (a new filter or order is on its way, or the
    /// first page has not come): keys meant for rows must wait, or they would act on the wrong one.
    public private(set) var isAwaitingQuery = true
    /// A query applied while a request of the list was in flight: it goes once nothing is, so
    /// typing in the filter keeps one request in flight and sends only the latest text.
    var queryWaiting = false
    /// The list's requests started and not answered yet, those whose answers will be dropped included.
    var requestsInFlight = 0
    var generation = 0
    /// Rows the live refresh found changed or deleted on the service, shown marked for a while.
    public internal(set) var marks: [String: RowMark] = [:]
    /// Counts marks set, so that a mark's expiry does not clear a newer mark of the same row.
    var markSerials: [String: Int] = [:]

    let service: any SegmentService
    let work: BackgroundWork
    /// Called when anything visible changed.
    public var onChange: (@MainActor () -> Void)?
    /// Called with rows as they arrive (so segments on their way to Live are watched).
    var onLoaded: (@MainActor ([Segment]) -> Void)?

    /// Rows beyond the viewport, either way, that are fetched before they are needed.
    nonisolated public static let prefetchDistance = 15
    /// Pages whose rows stay in memory, around the selection.
    nonisolated public static let windowPages = 20
    /// Dataverse stops counting here; a count this high says only "at least".
    nonisolated public static let countCap = 5000

    public init(service: any SegmentService, work: BackgroundWork, query: SegmentListQuery = SegmentListQuery()) {
        self.service = service
        self.work = work
        self.query = query
        self.head = PageChain(query: query)
    }

    // MARK: reading

    /// Rows the list has, placeholders included: the known length, or what is loaded plus a page
    /// of placeholders where more exist.
    public var count: Int {
        guard hasLoadedOnce else { return 0 }
        if let knownLength { return knownLength }
        if anchoredAtEnd, let tail { return tail.known + slack }
        return head.known + slack
    }

    /// The segment at `index`, or nil for a row whose page is still loading.
    public func row(at index: Int) -> Segment? {
        guard index >= 0, index < count else { return nil }
        if let length = knownLength {
            // Where the chains overlap either may hold the row.
            if index < head.known, let row = head.row(at: index) { return row }
            return tail?.row(at: length - 1 - index)
        }
        if anchoredAtEnd { return tail?.row(at: count - 1 - index) }
        return head.row(at: index)
    }

    /// Indices of the rows in view.
    public var visibleRange: Range<Int> { scrollOffset..<min(count, scrollOffset + viewportRows) }

    public var selected: Segment? { row(at: selectedIndex) }
    /// More rows exist past what the list knows of.
    public var hasMore: Bool { knownLength == nil }
    public var isLoadingPage: Bool { isReloading || head.loading != nil || tail?.loading != nil }
    public var serviceName: String { service.displayName }
    /// Which segment API is in use, for the header ("Real-time journeys", "Outbound").
    public var apiLabel: String { service.capabilities.api.label }

    /// Loaded rows in list order (a window of the list, not all of it).
    public var rows: [Segment] {
        let top = head.residentRows
        let seen = Set(top.map(\.id))
        return top + (tail?.residentRows.reversed().filter { !seen.contains($0.id) } ?? [])
    }

    /// Rows held in memory now, both chains.
    public var residentRowCount: Int { head.residentRowCount + (tail?.residentRowCount ?? 0) }

    /// Where the selection is, for the status bar: "12/340", "12/5000+" while the end is unknown,
    /// "last" or "12 from end" while anchored at an end of unknown distance.
    public var positionText: String {
        guard count > 0 else { return "0/0" }
        if let knownLength { return "\(selectedIndex + 1)/\(knownLength)" }
        if anchoredAtEnd {
            let fromEnd = count - 1 - selectedIndex
            return fromEnd == 0 ? "last" : "\(fromEnd) from end"
        }
        // The service's capped count (5000 on Dataverse) says more than what is loaded so far.
        return "\(selectedIndex + 1)/\(max(head.known, totalCount ?? 0))+"
    }

    // MARK: loading

    /// Loads the first page again, keeping the selected segment selected when it is in that page
    /// (or selecting `id`, a segment just created).
    public func reload(selecting id: String? = nil) {
        generation += 1
        let expected = generation
        let query = self.query
        let keepId = id ?? selected?.id
        // Replies to the pages in flight will be dropped: nothing is loading for the old chains.
        head.loading = nil
        tail?.loading = nil
        isReloading = true
        // This request carries the newest query: none is left waiting.
        queryWaiting = false
        lastError = nil
        changed()
        requestsInFlight += 1
        work.run({ [service] () throws(SegmentServiceError) in try service.firstPage(query) }) { [weak self] result in
            guard let self, !self.answerLanded(), expected == self.generation else { return }
            self.isReloading = false
            self.isAwaitingQuery = false
            switch result {
            case .success(let page):
                self.head = PageChain(query: query)
                self.head.store(page: 0, page, fetchedWith: nil)
                self.tail = nil
                self.anchoredAtEnd = false
                self.totalCount = page.totalCount
                self.knownLength = nil
                self.slack = query.pageSize
                self.hasLoadedOnce = true
                self.learnLength(from: page, side: .head)
                self.selectedIndex = keepId.flatMap { self.head.offset(of: $0) } ?? 0
                self.scrollOffset = 0
                self.clampSelection()
                self.onLoaded?(page.segments)
                self.ensurePages()
            case .failure(let error):
                self.lastError = error
            }
            self.changed()
        }
    }

    /// Runs a new query (filter or order) from the first page; while a request of the list is in
    /// flight it waits for the answer (the latest of several queries wins).
    public func apply(_ newQuery: SegmentListQuery) {
        query = newQuery
        isAwaitingQuery = true
        guard requestsInFlight == 0 else {
            queryWaiting = true
            changed()
            return
        }
        reload()
    }

    /// Counts an answer in; when a query is waiting, the answer is to an older one and is dropped
    /// (true), and the last answer to land sends the waiting query.
    func answerLanded() -> Bool {
        requestsInFlight -= 1
        guard queryWaiting else { return false }
        if requestsInFlight == 0 { reload() }
        return true
    }

    /// Drops a deleted segment's row; the selection stays at the same place in the list.
    public func remove(id: String) {
        let fromHead = head.remove(id: id)
        let fromTail = tail?.remove(id: id)
        guard fromHead != nil || fromTail != nil else { return }
        if let length = knownLength { knownLength = max(0, length - 1) }
        if let count = totalCount { totalCount = max(0, count - 1) }
        clampSelection()
        changed()
    }

    /// Replaces a row with a fresher copy of the same segment (from the detail, after a write).
    public func update(_ segment: Segment) {
        let merge = { (old: Segment) -> Segment in
            var merged = segment
            // The detail has every column; keep the list's labels where the fresh copy has none.
            merged.labels = old.labels.merging(segment.labels) { _, fresh in fresh }
            return merged
        }
        let inHead = head.replace(id: segment.id, merge)
        let inTail = tail?.replace(id: segment.id, merge) ?? false
        if inHead || inTail { changed() }
    }

    // MARK: moving

    public func setViewport(rows count: Int) {
        let count = max(1, count)
        guard count != viewportRows else { return }
        viewportRows = count
        clampSelection()
        ensurePages()
    }

    public func moveSelection(by delta: Int) {
        guard count > 0 else { return }
        let target = selectedIndex + delta
        if knownLength == nil, anchoredAtEnd, target < 0, tail != nil {
            // Above the loaded rows from the end: more placeholders, the selection keeps its
            // distance from the end.
            preservingEndAnchor { self.slack = min(self.maximumSlack, self.slack - target) }
            select(selectedIndex + delta)
        } else if knownLength == nil, !anchoredAtEnd, target >= count {
            slack = min(maximumSlack, slack + target - count + 1)
            select(target)
        } else {
            select(target)
        }
    }

    public func pageDown() { moveSelection(by: max(1, viewportRows - 1)) }
    public func pageUp() { moveSelection(by: -max(1, viewportRows - 1)) }

    public func selectFirst() {
        guard count > 0 else { return }
        if knownLength == nil, anchoredAtEnd {
            anchoredAtEnd = false
            slack = query.pageSize
            scrollOffset = 0
        }
        select(0)
        changed()
    }

    /// Selects the last row at once; the last page is read in the reversed order (one request),
    /// never by following every page from the top.
    public func selectLast() {
        guard count > 0 else { return }
        if knownLength == nil {
            if tail == nil { tail = PageChain(query: query.reversedOrder) }
            if !anchoredAtEnd {
                anchoredAtEnd = true
                slack = query.pageSize
            }
        }
        select(count - 1)
        changed()
    }

    /// Selects a segment by id if it is loaded.
    @discardableResult
    public func select(id: String) -> Bool {
        guard let index = index(of: id) else { return false }
        select(index)
        return true
    }

    /// The index of a loaded segment.
    public func index(of id: String) -> Int? {
        if knownLength != nil || !anchoredAtEnd, let offset = head.offset(of: id) { return offset }
        guard let tail, let offset = tail.offset(of: id) else { return nil }
        if let knownLength { return knownLength - 1 - offset }
        return anchoredAtEnd ? count - 1 - offset : nil
    }

    func select(_ index: Int) {
        let previous = selectedIndex
        selectedIndex = index
        clampSelection()
        ensurePages()
        if previous != selectedIndex { changed() }
    }

    func clampSelection() {
        let count = self.count
        selectedIndex = count == 0 ? 0 : min(max(0, selectedIndex), count - 1)
        if selectedIndex < scrollOffset { scrollOffset = selectedIndex }
        if selectedIndex >= scrollOffset + viewportRows { scrollOffset = selectedIndex - viewportRows + 1 }
        scrollOffset = max(0, min(scrollOffset, max(0, count - viewportRows)))
    }

    /// Runs `body`, which may change how many rows there are, keeping the selection and the view
    /// at the same distance from the end when the list is anchored there.
    func preservingEndAnchor(_ body: () -> Void) {
        guard knownLength == nil, anchoredAtEnd else { return body() }
        let before = count
        let selectionFromEnd = before - 1 - selectedIndex
        let scrollFromEnd = before - 1 - scrollOffset
        body()
        let after = count
        selectedIndex = after - 1 - selectionFromEnd
        scrollOffset = after - 1 - scrollFromEnd
        clampSelection()
    }

    /// Placeholders past the frontier are capped, so that holding a key cannot run far from the rows.
    var maximumSlack: Int { max(query.pageSize, Self.windowPages / 2 * query.pageSize) }

    /// Forgets the last error (the user dismissed it).
    public func dismissError() {
        guard lastError != nil else { return }
        lastError = nil
        changed()
    }

    func changed() { onChange?() }
}
