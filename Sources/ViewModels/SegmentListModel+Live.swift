import Foundation
import Segments

/// How a row changed on the service while it was on screen; the list pane draws it marked for a
/// few seconds.
public enum RowMark: Sendable, Equatable {
    /// Changed (updated in place) or new (inserted in order).
    case changed
    /// Gone from the service or out of the list's filter: removed when the mark expires.
    case deleted
}

/// The live refresh's side of the list: what changed on the service is merged into the loaded
/// window in place, never by reading the list again, and the selection stays on its segment.
extension SegmentListModel {
    /// Seconds a mark stays on a row.
    nonisolated public static let markSeconds: TimeInterval = 3

    /// The rows on screen belong to the current query and nothing is about to replace them.
    public var acceptsLiveChanges: Bool { hasLoadedOnce && !isReloading && !isAwaitingQuery && !queryWaiting }

    /// A request of the list itself (a page, a reload) is in flight: the user's own work goes first.
    public var isFetching: Bool { requestsInFlight > 0 }

    /// The newest modification among the loaded rows: where `changed(since:)` starts.
    public var newestModification: Date? { rows.compactMap(\.modifiedOn).max() }

    /// Ids of the loaded rows in view, for the versions check.
    public var visibleIds: [String] { visibleRange.compactMap { row(at: $0)?.id } }

    public func mark(of id: String) -> RowMark? { marks[id] }

    /// Merges rows that changed on the service: a loaded row is replaced where it stands, a row
    /// not loaded is inserted in order when its place is inside the loaded window (elsewhere its
    /// page brings it). Returns the ids marked.
    @discardableResult
    public func merge(changed segments: [Segment], scheduler: any Scheduler) -> [String] {
        guard acceptsLiveChanges else { return [] }
        var marked: [String] = []
        for segment in segments {
            if let old = loadedRow(id: segment.id) {
                // The same version again (the question overlaps the mark): nothing to show. Without
                // tags (services that send none), the same modification time says the same.
                let same = segment.etag.map { $0 == old.etag } ?? (old.modifiedOn != nil && old.modifiedOn == segment.modifiedOn)
                if same { continue }
                replaceLoaded(segment)
                marked.append(segment.id)
            } else if query.matches(segment), insertInOrder(segment) {
                marked.append(segment.id)
            }
        }
        for id in marked { setMark(.changed, on: id, scheduler: scheduler) }
        if !marked.isEmpty {
            clampSelection()
            changed()
        }
        return marked
    }

    /// Marks rows that are gone (deleted, or out of the filter); each is removed when its mark expires.
    public func markDeleted(_ ids: [String], scheduler: any Scheduler) {
        let loaded = ids.filter { loadedRow(id: $0) != nil && marks[$0] != .deleted }
        guard !loaded.isEmpty else { return }
        for id in loaded { setMark(.deleted, on: id, scheduler: scheduler) }
        changed()
    }

    /// Takes a row out, keeping the selection on its segment (or, for the selected row itself,
    /// on the row that takes its place) and the rows in view where they are.
    func removeLive(id: String) {
        guard acceptsLiveChanges, let index = index(of: id) else { return }
        _ = head.remove(id: id)
        _ = tail?.remove(id: id)
        if let length = knownLength { knownLength = max(0, length - 1) }
        if let count = totalCount { totalCount = max(0, count - 1) }
        if index < selectedIndex { selectedIndex -= 1 }
        if index < scrollOffset { scrollOffset -= 1 }
        clampSelection()
        ensurePages()
        changed()
    }

    private func setMark(_ mark: RowMark, on id: String, scheduler: any Scheduler) {
        marks[id] = mark
        let serial = (markSerials[id] ?? 0) + 1
        markSerials[id] = serial
        scheduler.schedule(after: Self.markSeconds) { [weak self] in
            guard let self, self.markSerials[id] == serial else { return }
            let expired = self.marks.removeValue(forKey: id)
            self.markSerials[id] = nil
            if expired == .deleted { self.removeLive(id: id) } else { self.changed() }
        }
    }

    private func loadedRow(id: String) -> Segment? {
        index(of: id).flatMap { row(at: $0) }
    }

    /// Replaces a loaded row with the service's copy, keeping list labels the copy lacks.
    private func replaceLoaded(_ segment: Segment) {
        let merge = { (old: Segment) -> Segment in
            var merged = segment
            merged.labels = old.labels.merging(segment.labels) { _, fresh in fresh }
            return merged
        }
        _ = head.replace(id: segment.id, merge)
        _ = tail?.replace(id: segment.id, merge)
    }

    /// Inserts a new row where the list's order puts it, when that place lies between loaded
    /// rows (or at the end of a list read to its end). Only from the top: a list shown from its
    /// end has not read the rows the new one would sit among.
    private func insertInOrder(_ segment: Segment) -> Bool {
        guard knownLength != nil || !anchoredAtEnd else { return false }
        var previousResident = true
        var place: Int?
        scan: for page in head.pages {
            guard let rows = page.rows else {
                previousResident = false
                continue
            }
            for (within, row) in rows.enumerated() {
                guard let before = Self.precedes(segment, row, in: query) else { return false }
                if before {
                    let offset = page.start + within
                    // Its neighbour above must be loaded too, or the place is in a gap.
                    guard offset == 0 || within > 0 || previousResident else { return false }
                    place = offset
                    break scan
                }
            }
            previousResident = true
        }
        if place == nil, head.isExhausted, previousResident { place = head.known }
        guard let offset = place, head.insert(segment, at: offset) else { return false }
        if let length = knownLength { knownLength = length + 1 }
        if let count = totalCount { totalCount = count + 1 }
        if offset <= selectedIndex, count > 1 { selectedIndex += 1 }
        if offset < scrollOffset { scrollOffset += 1 }
        return true
    }

    /// Whether `a` comes before `b` in the query's order; nil where the domain cannot tell
    /// (types and statuses are ordered by the service's codes, sizes may be unknown).
    nonisolated static func precedes(_ a: Segment, _ b: Segment, in query: SegmentListQuery) -> Bool? {
        for (key, descending) in query.orderKeys {
            let order: ComparisonResult
            switch key {
            case .modifiedOn?:
                let (x, y) = (a.modifiedOn ?? .distantPast, b.modifiedOn ?? .distantPast)
                order = x == y ? .orderedSame : (x < y ? .orderedAscending : .orderedDescending)
            case .name?: order = a.name.lowercased().compare(b.name.lowercased())
            case nil: order = a.id.lowercased().compare(b.id.lowercased())
            case .type?, .status?, .size?: return nil
            }
            if order == .orderedSame { continue }
            return (order == .orderedAscending) != descending
        }
        return false
    }
}
