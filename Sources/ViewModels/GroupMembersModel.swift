import Foundation
import Segments

/// The static member groups of a journeys segment, Include and Exclude side by side, each group
/// paged on its own, with member changes staged until saved and groups created, renamed and
/// deleted (at most `MemberGroup.maximumCount`).
///
/// Saving sends each group's additions and removals in calls of at most the service's
/// `maxIdsPerCall` ids (1,000 on journeys), then reads the groups again. The add and remove
/// actions are idempotent, so what someone else changed meanwhile stays changed.
@MainActor
public final class GroupMembersModel {
    public nonisolated static let pageSize = 50

    /// One group as the screen shows it: a page of its members and where the cursor is.
    public struct GroupView: Equatable, Sendable {
        public var group: MemberGroup
        public var people: [Contact] = []
        /// 1-based, as the journeys actions count pages.
        public var page = 1
        public var hasMore = false
        public var selectedIndex = 0
        public var isLoading = false
    }

    /// The one-line question for a group's name (create or rename).
    public struct Prompt: Equatable, Sendable {
        public enum Purpose: Equatable, Sendable {
            case create(MemberGroup.Role)
            case rename(groupId: String)
        }
        public var purpose: Purpose
        public var buffer: TextBuffer

        public var title: String {
            switch purpose {
            case .create(let role): return "New \(role.label) group, name:"
            case .rename: return "Rename the group to:"
            }
        }
    }

    public private(set) var segment: Segment
    public internal(set) var groups: [GroupView] = []
    /// The side the keys act on.
    public internal(set) var focusedRole: MemberGroup.Role = .include
    /// Which group of each side is shown, as an index among that side's groups.
    public internal(set) var shownIndex: [MemberGroup.Role: Int] = [.include: 0, .exclude: 0]
    public internal(set) var staged: StagedGroups
    public internal(set) var prompt: Prompt?
    public var isLoading: Bool { loads.isLoading }
    public internal(set) var isSaving = false
    public internal(set) var lastError: SegmentServiceError?
    public internal(set) var notice: String?
    public let isAppReadOnly: Bool

    private let loads: LatestLoad
    let service: any SegmentService
    let work: BackgroundWork
    var onChange: (@MainActor () -> Void)?
    var onSaved: (@MainActor (Segment, String) -> Void)?
    /// `X`: the app asks before a group and its members go.
    var onAskDelete: (@MainActor (MemberGroup) -> Void)?

    public init(segment: Segment, service: any SegmentService, work: BackgroundWork, readOnly: Bool = false,
                staged: StagedGroups = StagedGroups()) {
        self.segment = segment
        self.service = service
        self.work = work
        self.isAppReadOnly = readOnly
        self.staged = staged
        self.loads = LatestLoad(work: work)
        self.groups = segment.groups.map { GroupView(group: $0) }
        refreshLockNotice()
    }

    private func refreshLockNotice() {
        if segment.status.locksContent {
            notice = "This segment is \(segment.status.label.lowercased()); stop it to change its members or groups."
        }
    }

    /// The service refuses member and group changes while a segment is live or moving.
    public var canChange: Bool { !isAppReadOnly && !segment.status.locksContent }
    public var isDirty: Bool { !staged.isEmpty }

    /// The groups of one side, in the service's order, with their indexes in `groups`.
    public func side(_ role: MemberGroup.Role) -> [(index: Int, view: GroupView)] {
        groups.indices.filter { groups[$0].group.role == role }.map { ($0, groups[$0]) }
    }

    /// The index in `groups` of the group shown on a side, if the side has any.
    public func shownGroupIndex(_ role: MemberGroup.Role) -> Int? {
        let entries = side(role)
        guard !entries.isEmpty else { return nil }
        return entries[min(shownIndex[role] ?? 0, entries.count - 1)].index
    }

    /// The group the keys act on.
    public var focusedGroup: GroupView? { shownGroupIndex(focusedRole).map { groups[$0] } }

    /// A group's staged additions first (they are on no page yet), then its page with removals marked.
    /// The group in focus shows only the rows its search matches, while there is one.
    public func rows(of view: GroupView) -> [MemberRow] {
        let changes = staged.changes(in: view.group.id)
        let all = changes.additions.map { MemberRow(contact: $0, mark: .added) }
            + view.people.map { MemberRow(contact: $0, mark: staged.isRemoved($0.id, in: view.group.id) ? .removed : .none) }
        guard let search, view.group.id == focusedGroup?.group.id else { return all }
        return search.apply(to: all)
    }

    /// `/`: the search over the group in focus, while there is one (GroupMembersModel+Search).
    public internal(set) var search: MembersSearch?

    public var draft: EditDraft {
        var draft = EditDraft(kind: .members, segmentId: segment.id, segmentName: segment.name, segmentType: segment.type,
                              etag: segment.etag)
        draft.groupChanges = staged.byGroup.map { EditDraft.GroupChanges(groupId: $0.key, changes: $0.value) }
            .sorted { $0.groupId < $1.groupId }
        draft.added = draft.groupChanges?.flatMap(\.added) ?? []
        draft.removed = draft.groupChanges?.flatMap(\.removed) ?? []
        return draft
    }

    // MARK: loading

    /// Reads the segment and its groups, then the first page of every group (at most ten).
    public func load() {
        let id = segment.id
        lastError = nil
        let pages = Dictionary(groups.map { ($0.group.id, $0.page) }, uniquingKeysWith: { first, _ in first })
        loads.run({ [service] () throws(SegmentServiceError) -> (Segment, [GroupView]) in
            let fresh = try service.segment(id: id)
            let found = fresh.groups.isEmpty ? try service.groups(of: id) : fresh.groups
            var views: [GroupView] = []
            for group in found {
                let page = pages[group.id] ?? 1
                let reply = try service.groupMembers(of: id, groupId: group.id, page: MemberPageRequest(page: page, size: Self.pageSize))
                views.append(GroupView(group: group, people: reply.people, page: page, hasMore: reply.hasMore))
            }
            return (fresh, views)
        }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let (fresh, views)):
                self.segment = fresh
                let selections = Dictionary(self.groups.map { ($0.group.id, $0.selectedIndex) }, uniquingKeysWith: { a, _ in a })
                self.groups = views.map { view in
                    var view = view
                    view.selectedIndex = selections[view.group.id] ?? 0
                    return view
                }
                for index in self.groups.indices { self.clampSelection(index) }
                self.refreshLockNotice()
            case .failure(let error):
                self.lastError = error
                self.notice = "Could not read the groups: " + error.description
            }
            self.changed()
        }
        changed()
    }

    /// Reads another page of one group.
    private func loadPage(_ page: Int, ofGroupAt index: Int) {
        let id = segment.id
        let groupId = groups[index].group.id
        groups[index].isLoading = true
        changed()
        work.run({ [service] () throws(SegmentServiceError) in
            try service.groupMembers(of: id, groupId: groupId, page: MemberPageRequest(page: page, size: Self.pageSize))
        }) { [weak self] result in
            guard let self, let at = self.groups.firstIndex(where: { $0.group.id == groupId }) else { return }
            self.groups[at].isLoading = false
            switch result {
            case .success(let reply):
                self.groups[at].people = reply.people
                self.groups[at].page = page
                self.groups[at].hasMore = reply.hasMore
                self.groups[at].selectedIndex = self.staged.changes(in: groupId).additions.count
                self.clampSelection(at)
            case .failure(let error):
                self.lastError = error
                self.notice = "Could not read the group: " + error.description
            }
            self.changed()
        }
    }

    // MARK: moving

    public func moveSelection(by delta: Int) {
        guard let index = shownGroupIndex(focusedRole) else { return }
        groups[index].selectedIndex += delta
        clampSelection(index)
        changed()
    }

    private func clampSelection(_ index: Int) {
        let count = rows(of: groups[index]).count
        groups[index].selectedIndex = min(max(0, groups[index].selectedIndex), max(0, count - 1))
    }

    public func nextPage() {
        guard let index = shownGroupIndex(focusedRole), groups[index].hasMore, !groups[index].isLoading else { return }
        loadPage(groups[index].page + 1, ofGroupAt: index)
    }

    public func previousPage() {
        guard let index = shownGroupIndex(focusedRole), groups[index].page > 1, !groups[index].isLoading else { return }
        loadPage(groups[index].page - 1, ofGroupAt: index)
    }

    /// Tab: the other side (Include ↔ Exclude).
    public func switchSide() {
        focusedRole = focusedRole == .include ? .exclude : .include
        changed()
    }

    /// `]` and `[`: the next or previous group of the focused side.
    public func cycleGroup(by delta: Int) {
        let count = side(focusedRole).count
        guard count > 1 else { return }
        shownIndex[focusedRole] = ((shownIndex[focusedRole] ?? 0) + delta + count) % count
        changed()
    }

    // MARK: staging

    func refuseChange() -> Bool {
        guard !canChange else { return false }
        notice = isAppReadOnly ? "Read-only: members cannot be changed."
            : "A \(segment.status.label.lowercased()) segment's members cannot change; stop it first."
        changed()
        return true
    }

    /// Whether `a` may open the contact picker now; says why not otherwise.
    public func canAdd() -> Bool {
        guard !refuseChange() else { return false }
        guard focusedGroup != nil else {
            notice = "No \(focusedRole.label) group yet: c creates one."
            changed()
            return false
        }
        return true
    }

    /// The ids on the focused group's page, so the picker can show them as members already.
    public var focusedMemberIds: Set<String> { Set(focusedGroup?.people.map(\.id) ?? []) }

    /// Stages `contacts` for the focused group.
    public func add(_ contacts: [Contact]) {
        guard !refuseChange(), let index = shownGroupIndex(focusedRole) else { return }
        staged.add(contacts, to: groups[index].group.id, currentMembers: Set(groups[index].people.map(\.id)))
        notice = nil
        changed()
    }

    public func toggleRemovalOfSelected() {
        guard !refuseChange(), let index = shownGroupIndex(focusedRole) else { return }
        let rows = rows(of: groups[index])
        guard rows.indices.contains(groups[index].selectedIndex) else { return }
        staged.toggleRemoval(of: rows[groups[index].selectedIndex].contact, in: groups[index].group.id)
        clampSelection(index)
        changed()
    }

    public func undo() {
        guard staged.undo() else { return }
        groups.indices.forEach(clampSelection)
        changed()
    }

    public func redo() {
        guard staged.redo() else { return }
        groups.indices.forEach(clampSelection)
        changed()
    }

    // MARK: saving

    public func save() {
        guard !isSaving, !refuseChange() else { return }
        guard !staged.isEmpty else {
            notice = "Nothing to save."
            return changed()
        }
        let id = segment.id
        let limit = service.capabilities.maxIdsPerCall
        let plans = groups.compactMap { view -> (String, [String], [String])? in
            let changes = staged.changes(in: view.group.id)
            guard !changes.isEmpty else { return nil }
            return (view.group.id, changes.additions.map(\.id), changes.removals.map(\.id))
        }
        isSaving = true
        lastError = nil
        changed()
        work.run({ [service] () throws(SegmentServiceError) -> (Segment, String) in
            var added = 0, removed = 0
            for (groupId, add, remove) in plans {
                for batch in StagedGroups.batches(of: add, limit: limit) {
                    let outcome = try service.changeMembers(of: id, groupId: groupId, add: batch, remove: [])
                    added += outcome.added ?? batch.count
                }
                for batch in StagedGroups.batches(of: remove, limit: limit) {
                    let outcome = try service.changeMembers(of: id, groupId: groupId, add: [], remove: batch)
                    removed += outcome.removed ?? batch.count
                }
            }
            let fresh = try service.segment(id: id)
            let groupsWord = plans.count == 1 ? "1 group" : "\(plans.count) groups"
            return (fresh, "Saved members of '\(fresh.name)': +\(added) −\(removed) in \(groupsWord)")
        }) { [weak self] result in
            guard let self else { return }
            self.isSaving = false
            switch result {
            case .success(let (fresh, summary)):
                self.staged = StagedGroups()
                self.notice = nil
                self.segment = fresh
                self.load()
                self.onSaved?(fresh, summary)
            case .failure(let error):
                // Calls that went through stay done; reading again shows what the service holds.
                self.lastError = error
                self.notice = "Not saved: " + error.description
            }
            self.changed()
        }
    }

    func changed() { onChange?() }
}
