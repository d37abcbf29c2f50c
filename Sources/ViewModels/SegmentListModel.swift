import Dataverse
import Segments

/// The segment list: loaded rows, selection, scroll window, paging and the last error.
///
/// Rows arrive a page at a time; the next page is requested as the selection nears the end of
/// what is loaded, so the user never waits at the bottom. Replies to an older query (after a
/// reload or a new filter) are dropped, never painted over newer state.
@MainActor
public final class SegmentListModel {
    public private(set) var rows: [Segment] = []
    public private(set) var selectedIndex = 0
    /// Index of the first row in view.
    public private(set) var scrollOffset = 0
    /// How many rows the pane can show; the pane reports it when the layout changes.
    public private(set) var viewportRows = 20
    public private(set) var query: SegmentListQuery
    public private(set) var totalCount: Int?
    public private(set) var isLoadingPage = false
    public private(set) var hasLoadedOnce = false
    public private(set) var lastError: DataverseError?

    private var next: PageContinuation?
    private var generation = 0
    /// Keep following pages to the end (after `G`) so that the selection lands on the last row.
    private var followToEnd = false

    private let service: any SegmentService
    private let work: BackgroundWork
    /// Called when anything visible changed.
    public var onChange: (@MainActor () -> Void)?
    /// Called with rows as they arrive (so segments on their way to Live are watched).
    var onLoaded: (@MainActor ([Segment]) -> Void)?

    /// Start fetching the next page when the selection is this close to the last loaded row.
    public static let prefetchDistance = 15

    public init(service: any SegmentService, work: BackgroundWork, query: SegmentListQuery = SegmentListQuery()) {
        self.service = service
        self.work = work
        self.query = query
    }

    public var selected: Segment? { rows.indices.contains(selectedIndex) ? rows[selectedIndex] : nil }
    public var hasMore: Bool { next != nil }
    public var serviceName: String { service.displayName }

    /// Loads the first page again, keeping the selected segment selected when it is still there
    /// (or selecting `id`, a segment just created).
    public func reload(selecting id: String? = nil) {
        generation += 1
        let expected = generation
        let query = self.query
        let keepId = id ?? selected?.id
        isLoadingPage = true
        lastError = nil
        changed()
        work.run({ [service] () throws(DataverseError) in try service.firstPage(query) }) { [weak self] result in
            guard let self, expected == self.generation else { return }
            self.isLoadingPage = false
            switch result {
            case .success(let page):
                self.rows = page.segments
                self.next = page.next
                self.totalCount = page.totalCount
                self.hasLoadedOnce = true
                self.selectedIndex = keepId.flatMap { id in self.rows.firstIndex { $0.id == id } } ?? 0
                self.clampSelection()
                self.onLoaded?(page.segments)
                self.prefetchIfNeeded()
            case .failure(let error):
                self.lastError = error
            }
            self.changed()
        }
    }

    /// Drops a deleted segment's row; the selection stays at the same place in the list.
    public func remove(id: String) {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        rows.remove(at: index)
        if let count = totalCount { totalCount = max(0, count - 1) }
        clampSelection()
        changed()
    }

    /// Runs a new query (filter or order) from the first page.
    public func apply(_ newQuery: SegmentListQuery) {
        query = newQuery
        reload()
    }

    public func setViewport(rows count: Int) {
        let count = max(1, count)
        guard count != viewportRows else { return }
        viewportRows = count
        clampSelection()
    }

    public func moveSelection(by delta: Int) {
        followToEnd = false
        select(selectedIndex + delta)
    }

    public func pageDown() { moveSelection(by: max(1, viewportRows - 1)) }
    public func pageUp() { moveSelection(by: -max(1, viewportRows - 1)) }

    public func selectFirst() {
        followToEnd = false
        select(0)
    }

    /// Selects the last row; while more pages exist they are fetched and the selection follows.
    public func selectLast() {
        followToEnd = hasMore
        select(rows.count - 1)
    }

    /// Selects a segment by id if it is loaded.
    @discardableResult
    public func select(id: String) -> Bool {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return false }
        select(index)
        return true
    }

    /// Replaces a row with a fresher copy of the same segment (from the detail, after a write).
    public func update(_ segment: Segment) {
        guard let index = rows.firstIndex(where: { $0.id == segment.id }) else { return }
        var merged = segment
        // The detail has every column; keep the list's labels where the fresh copy has none.
        merged.labels = rows[index].labels.merging(segment.labels) { _, fresh in fresh }
        rows[index] = merged
        changed()
    }

    private func select(_ index: Int) {
        let previous = selectedIndex
        selectedIndex = index
        clampSelection()
        prefetchIfNeeded()
        if previous != selectedIndex { changed() }
    }

    private func clampSelection() {
        selectedIndex = rows.isEmpty ? 0 : min(max(0, selectedIndex), rows.count - 1)
        if selectedIndex < scrollOffset { scrollOffset = selectedIndex }
        if selectedIndex >= scrollOffset + viewportRows { scrollOffset = selectedIndex - viewportRows + 1 }
        scrollOffset = max(0, min(scrollOffset, max(0, rows.count - viewportRows)))
    }

    private func prefetchIfNeeded() {
        guard let continuation = next, !isLoadingPage else { return }
        guard followToEnd || selectedIndex >= rows.count - Self.prefetchDistance else { return }
        let expected = generation
        isLoadingPage = true
        work.run({ [service] () throws(DataverseError) in try service.nextPage(continuation) }) { [weak self] result in
            guard let self, expected == self.generation else { return }
            self.isLoadingPage = false
            switch result {
            case .success(let page):
                let known = Set(self.rows.map(\.id))
                let fresh = page.segments.filter { !known.contains($0.id) }
                self.rows.append(contentsOf: fresh)
                self.onLoaded?(fresh)
                self.next = page.next
                if let count = page.totalCount { self.totalCount = count }
                if self.followToEnd {
                    self.selectedIndex = self.rows.count - 1
                    self.followToEnd = self.next != nil
                }
                self.clampSelection()
                self.prefetchIfNeeded()
            case .failure(let error):
                // Keep what is loaded; the next move near the end asks again.
                self.lastError = error
                self.followToEnd = false
            }
            self.changed()
        }
    }

    /// Forgets the last error (the user dismissed it).
    public func dismissError() {
        guard lastError != nil else { return }
        lastError = nil
        changed()
    }

    private func changed() { onChange?() }
}
