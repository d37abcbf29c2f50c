import Foundation
import Segments

/// One line of the members pane: a member, a staged addition, or a member staged for removal.
public struct MemberRow: Equatable, Sendable {
    public enum Mark: Equatable, Sendable { case none, added, removed }
    public var contact: Contact
    public var mark: Mark
}

/// The members of a static segment, a page at a time, with changes staged until saved.
///
/// Saving reads the service's current member ids and applies the staged additions and removals
/// to them (a three-way merge: what the user saw, what they changed, what is there now), then
/// sends them with `msdyncrm_SegmentMembersUpdate` in batches of at most 20,000 ids.
@MainActor
public final class MembersModel {
    public nonisolated static let pageSize = 50

    public private(set) var segment: Segment
    public private(set) var page: [Contact] = []
    public private(set) var total = 0
    public private(set) var skip = 0
    public private(set) var selectedIndex = 0
    public private(set) var staged: StagedMembers
    public var isLoading: Bool { loads.isLoading }
    public private(set) var isSaving = false
    public private(set) var lastError: SegmentServiceError?
    public private(set) var notice: String?
    /// The app is read-only: members can be read but not changed.
    public let isAppReadOnly: Bool

    private let loads: LatestLoad
    private let service: any SegmentService
    private let work: BackgroundWork
    var onChange: (@MainActor () -> Void)?
    var onSaved: (@MainActor (Segment, String) -> Void)?

    public init(segment: Segment, service: any SegmentService, work: BackgroundWork, readOnly: Bool = false,
                staged: StagedMembers = StagedMembers()) {
        self.segment = segment
        self.service = service
        self.work = work
        self.loads = LatestLoad(work: work)
        self.isAppReadOnly = readOnly
        self.staged = staged
        if segment.status.locksContent {
            notice = "This segment is \(segment.status.label.lowercased()); stop it to change its members."
        }
    }

    /// The service refuses member changes while a segment is live.
    public var canChange: Bool { !isAppReadOnly && !segment.status.locksContent }

    /// The rows shown: staged additions first (they are on no page yet), then the page with
    /// removals marked; only those the search matches while there is one.
    public var rows: [MemberRow] {
        let all = staged.additions.map { MemberRow(contact: $0, mark: .added) }
            + page.map { MemberRow(contact: $0, mark: staged.isRemoved($0.id) ? .removed : .none) }
        return search?.apply(to: all) ?? all
    }

    /// `/`: the search over the rows, while there is one.
    public private(set) var search: MembersSearch?

    /// Where the page's own rows start among those shown, after the staged additions.
    private var firstPageRow: Int { rows.prefix { $0.mark == .added }.count }

    public var selectedRow: MemberRow? { rows.indices.contains(selectedIndex) ? rows[selectedIndex] : nil }
    public var hasNextPage: Bool { skip + page.count < total }
    public var hasPreviousPage: Bool { skip > 0 }
    public var isDirty: Bool { !staged.isEmpty }

    public var draft: EditDraft {
        EditDraft(kind: .members, segmentId: segment.id, segmentName: segment.name, segmentType: segment.type,
                  etag: segment.etag, added: staged.additions, removed: staged.removals)
    }

    /// The segment as the service held it when this screen read it (or saved to it).
    private var hasCurrentSegment = false

    public func load(skip newSkip: Int = 0) {
        let segment = self.segment
        lastError = nil
        // The segment is read once, with the first page: its ETag is what the user saw, so that a
        // save can tell whether someone else changed the members since. Later pages need only it.
        let readSegment = !hasCurrentSegment
        loads.run({ [service] () throws(SegmentServiceError) in
            let fresh = readSegment ? try service.segment(id: segment.id) : segment
            let page = try service.members(of: fresh, skip: newSkip, take: Self.pageSize)
            return (fresh, page.total, page.contacts)
        }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let reply):
                self.segment = reply.0
                self.hasCurrentSegment = true
                self.total = reply.1
                self.page = reply.2
                self.skip = newSkip
                self.selectedIndex = min(self.selectedIndex, max(0, self.rows.count - 1))
            case .failure(let error):
                self.lastError = error
            }
            self.changed()
        }
        changed()
    }

    public func moveSelection(by delta: Int) {
        let next = selectedIndex + delta
        if next >= rows.count, hasNextPage, !isLoading {
            selectedIndex = firstPageRow
            load(skip: skip + Self.pageSize)
            return
        }
        if next < firstPageRow, delta < 0, selectedIndex == firstPageRow, hasPreviousPage, !isLoading {
            selectedIndex = rows.count - 1
            load(skip: max(0, skip - Self.pageSize))
            return
        }
        selectedIndex = min(max(0, next), max(0, rows.count - 1))
        changed()
    }

    public func nextPage() {
        guard hasNextPage, !isLoading else { return }
        rangeAnchor = nil
        selectedIndex = firstPageRow
        load(skip: skip + Self.pageSize)
    }

    public func previousPage() {
        guard hasPreviousPage, !isLoading else { return }
        rangeAnchor = nil
        selectedIndex = firstPageRow
        load(skip: max(0, skip - Self.pageSize))
    }

    // MARK: search

    /// `/`: opens the search prompt, on the text kept before if any.
    public func openSearch() {
        MembersSearch.open(&search)
        changed()
    }

    /// The prompt's keys: Enter keeps the search (an empty one goes), Esc drops it, the text
    /// field's actions edit it; the rows follow the text as it is typed.
    public func performSearch(_ action: AppAction) {
        keepingSelection {
            if MembersSearch.answer(action, to: &search) { rangeAnchor = nil }
        }
        changed()
    }

    /// Typed text goes into the search prompt.
    public func insertIntoSearch(_ text: String) {
        rangeAnchor = nil
        keepingSelection { MembersSearch.insert(text, into: &search) }
        changed()
    }

    /// Every row again; the selected contact stays selected.
    public func clearSearch() {
        rangeAnchor = nil
        keepingSelection { search = nil }
        changed()
    }

    /// Runs a change of the rows shown, then selects the contact selected before if it is still
    /// shown, else the first row.
    private func keepingSelection(_ change: () -> Void) {
        let id = selectedRow?.contact.id
        change()
        selectedIndex = id.flatMap { id in rows.firstIndex { $0.contact.id == id } } ?? 0
    }

    // MARK: staging

    /// Why the members cannot change now; nil when they can.
    public var changeRefusal: String? {
        guard !canChange else { return nil }
        return isAppReadOnly ? "Read-only: members cannot be changed." : "A live segment's members cannot change; stop it first."
    }

    private func refuseChange() -> Bool {
        guard let refusal = changeRefusal else { return false }
        show(notice: refusal)
        return true
    }

    /// A message on the screen about a key that could not act.
    public func show(notice text: String) {
        notice = text
        changed()
    }

    public func add(_ contacts: [Contact]) {
        guard !refuseChange() else { return }
        staged.add(contacts, currentMembers: Set(page.map(\.id)))
        notice = nil
        changed()
    }

    /// `V`: where a range starts; `d` then marks every row from it to the selection.
    public private(set) var rangeAnchor: Int?

    public func toggleRange() {
        if rangeAnchor != nil {
            rangeAnchor = nil
        } else if let row = selectedRow {
            rangeAnchor = selectedIndex
            notice = "Range from \(row.contact.fullName): move, then d marks every row between"
        }
        changed()
    }

    /// `g` and `G`: the first member, or the last (on the last page).
    public func selectFirst() {
        rangeAnchor = nil
        selectedIndex = 0
        if skip > 0, !isLoading { load(skip: 0) } else { changed() }
    }

    public func selectLast() {
        rangeAnchor = nil
        let lastSkip = max(0, (total - 1) / Self.pageSize * Self.pageSize)
        selectedIndex = Int.max
        if lastSkip != skip, !isLoading { load(skip: lastSkip) } else { clampAndChange() }
    }

    public func toggleRemovalOfSelected() {
        guard !refuseChange(), let row = selectedRow else { return }
        if let anchor = rangeAnchor {
            let range = min(anchor, selectedIndex)...max(anchor, selectedIndex)
            staged.markForRemoval(range.compactMap { rows.indices.contains($0) ? rows[$0].contact : nil })
            rangeAnchor = nil
            notice = nil
            selectedIndex = min(selectedIndex, max(0, rows.count - 1))
            return changed()
        }
        staged.toggleRemoval(of: row.contact)
        selectedIndex = min(selectedIndex, max(0, rows.count - 1))
        changed()
    }

    public func undo() {
        if staged.undo() { clampAndChange() }
    }

    public func redo() {
        if staged.redo() { clampAndChange() }
    }

    private func clampAndChange() {
        selectedIndex = min(selectedIndex, max(0, rows.count - 1))
        changed()
    }

    // MARK: saving

    public func save() {
        guard !isSaving, !refuseChange() else { return }
        guard !staged.isEmpty else {
            notice = "Nothing to save."
            changed()
            return
        }
        let staged = self.staged
        let id = segment.id
        let etag = segment.etag
        isSaving = true
        lastError = nil
        changed()
        work.run({ [service] () throws(SegmentServiceError) -> (Segment, String) in
            let before = try service.segment(id: id)
            let current = Set(try service.memberIds(of: id).map { $0.lowercased() })
            let plan = staged.plan(against: current)
            try service.updateMembers(of: id, add: plan.add, remove: plan.remove)
            let fresh = try service.segment(id: id)
            var summary = "Saved members of '\(fresh.name)': +\(plan.add.count) −\(plan.remove.count)"
            if before.etag != etag {
                summary += "; merged with changes made on the service meanwhile"
            }
            if plan.alreadyDone > 0 { summary += " (\(plan.alreadyDone) already done there)" }
            return (fresh, summary)
        }) { [weak self] result in
            guard let self else { return }
            self.isSaving = false
            switch result {
            case .success(let (fresh, summary)):
                self.segment = fresh
                self.hasCurrentSegment = true  // read just now, after the write
                self.staged = StagedMembers()
                self.notice = nil
                self.selectedIndex = 0
                self.load(skip: self.skip)
                self.onSaved?(fresh, summary)
            case .failure(let error):
                self.lastError = error
                self.notice = "Not saved: " + error.description
            }
            self.changed()
        }
    }

    private func changed() { onChange?() }
}
