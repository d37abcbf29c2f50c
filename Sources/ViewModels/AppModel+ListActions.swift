import Foundation
import Segments

/// The list's own intents: filter, sort, go live or stop, delete, quit, and the dialogs before them.
extension AppModel {
    // MARK: filter and sort

    /// `/`: a prompt whose text filters the list as it is typed, after a pause in typing.
    func openFilter() {
        filterBeforePrompt = list.query.nameContains
        filterPrompt = TextBuffer(list.query.nameContains ?? "", maxLength: 100)
        changed()
    }

    /// The prompt's controller: Enter keeps the filter, Esc puts back the one the prompt opened
    /// on (none for a new filter: Esc clears what was typed); other actions edit the text.
    func performFilter(_ action: AppAction) {
        if membersSearchIsOpen, case .members(let members) = screen { return members.performSearch(action) }
        if membersSearchIsOpen, case .groups(let groups) = screen { return groups.performSearch(action) }
        guard filterPrompt != nil else { return }
        switch action {
        case .confirm:
            applyFilterNow()
            filterPrompt = nil
        case .close:
            filterPrompt = nil
            filterGeneration += 1
            setFilter(filterBeforePrompt)
        default:
            editFilter { _ = $0.perform(action) }
        }
        changed()
    }

    func editFilter(_ change: (inout TextBuffer) -> Void) {
        guard var prompt = filterPrompt else { return }
        let before = prompt.text
        change(&prompt)
        filterPrompt = prompt
        changed()
        guard prompt.text != before else { return }
        // Debounced: only the last text of a burst of typing goes to the service, and the list
        // drops answers to older queries.
        filterGeneration += 1
        let expected = filterGeneration
        scheduler.schedule(after: Self.filterDebounce) { [weak self] in
            guard let self, expected == self.filterGeneration else { return }
            self.applyFilterNow()
        }
    }

    private func applyFilterNow() {
        filterGeneration += 1
        guard let prompt = filterPrompt else { return }
        let text = prompt.text.trimmingCharacters(in: .whitespaces)
        setFilter(text.isEmpty ? nil : text)
    }

    private func setFilter(_ text: String?) {
        var query = list.query
        query.nameContains = text
        if query != list.query { list.apply(query) }
    }

    /// Esc in the list with nothing else to dismiss.
    func clearFilter() {
        var query = list.query
        query.nameContains = nil
        query.status = nil
        query.type = nil
        list.apply(query)
        show(toast: "Filter cleared")
    }

    public nonisolated static let filterDebounce: TimeInterval = 0.25

    /// `f`: all statuses, then each status in turn, as `segtui list --status` filters.
    func cycleStatusFilter() {
        var query = list.query
        query.status = Self.next(after: query.status, in: Self.statusFilters)
        list.apply(query)
        show(toast: query.status.map { "Showing \($0.label) segments" } ?? "Showing every status")
    }

    /// The statuses `f` steps through, in the order a segment lives them.
    static let statusFilters: [SegmentStatus] = [.draft, .goingLive, .live, .stopping, .stopped, .error]

    /// `F`: all types, then each type in turn, as `segtui list --type` filters.
    func cycleTypeFilter() {
        var query = list.query
        query.type = Self.next(after: query.type, in: SegmentKind.known)
        list.apply(query)
        show(toast: query.type.map { "Showing \($0.label) segments" } ?? "Showing every type")
    }

    /// The value after `current` in `values`, then none, then the first again.
    static func next<Value: Equatable>(after current: Value?, in values: [Value]) -> Value? {
        guard let current, let index = values.firstIndex(of: current) else { return values.first }
        return index + 1 < values.count ? values[index + 1] : nil
    }

    func cycleSort() {
        var query = list.query
        let keys = SegmentSortKey.allCases
        let index = keys.firstIndex(of: query.sortKey) ?? 0
        query.sortKey = keys[(index + 1) % keys.count]
        // Names read best A to Z; numbers and dates biggest and newest first.
        query.descending = query.sortKey != .name && query.sortKey != .type
        list.apply(query)
        show(toast: "Sorted by \(Self.sortLabel(query))")
    }

    func reverseSort() {
        var query = list.query
        query.descending.toggle()
        list.apply(query)
        show(toast: "Sorted by \(Self.sortLabel(query))")
    }

    public static func sortLabel(_ query: SegmentListQuery) -> String {
        let names: [SegmentSortKey: String] = [.name: "name", .type: "type", .status: "status", .size: "members",
                                               .modifiedOn: "modified on"]
        return (names[query.sortKey] ?? query.sortKey.rawValue) + (query.descending ? " ↓" : " ↑")
    }

    // MARK: go live and stop

    func askToggleLive() {
        guard let segment = list.selected else { return }
        if let refusal = readOnlyRefusal() { return show(error: refusal) }
        guard let target = StatusChanges.target(for: segment.status, api: service.capabilities.api) else {
            return show(toast: "'\(segment.name)' is \(segment.status.label.lowercased()); wait until it settles")
        }
        askStatusChange(segment, to: target)
    }

    func askStatusChange(_ segment: Segment, to target: SegmentStatus) {
        let goingLive = target == .goingLive
        dialog = ConfirmDialog(
            title: goingLive ? "Go live" : "Stop segment",
            message: goingLive
                ? "Take \(DialogName.quoted(segment.name)) live? The service starts evaluating it and marketing can use it."
                : "Stop \(DialogName.quoted(segment.name))? Journeys using it stop getting new members.",
            confirmLabel: goingLive ? "Go live" : "Stop",
            purpose: .changeStatus(segment, to: target))
        changed()
    }

    // MARK: delete

    func askDelete() {
        guard let segment = list.selected else { return }
        if let refusal = readOnlyRefusal() { return show(error: refusal) }
        let live = segment.status == .live || segment.status == .liveEditable
        dialog = ConfirmDialog(
            title: "Delete segment",
            message: live
                ? "\(DialogName.quoted(segment.name)) is live. Type its name to delete it for good."
                : "Delete \(DialogName.quoted(segment.name)) for good? This cannot be undone.",
            confirmLabel: "Delete", purpose: .delete(segment), requiredText: live ? segment.name : nil)
        changed()
    }

    private func delete(_ segment: Segment) {
        let id = segment.id
        let etag = segment.etag
        work.run({ [service] () throws(SegmentServiceError) in try service.delete(id: id, ifMatch: etag) }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success:
                self.list.remove(id: id)
                // The detail follows the selection onto the row that took the deleted one's place.
                if self.detail.segment?.id == id {
                    if self.isDetailOpen, let next = self.list.selected { self.detail.show(next) } else { self.detail.clear() }
                }
                self.show(toast: "Deleted '\(segment.name)'")
            case .failure(.conflict):
                self.deleteMetChange(segment)
            case .failure(let error):
                self.show(error: "Not deleted: " + error.description)
            }
        }
    }

    /// A 412 on delete: the row is read again. When only its status moved on (a Stopping one
    /// that has stopped since), the question is asked again about the row as it is now;
    /// when its content changed, the user is told to look first.
    private func deleteMetChange(_ seen: Segment) {
        let id = seen.id
        work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id) }) { [weak self] result in
            guard let self else { return }
            guard case .success(let fresh) = result else {
                return self.show(error: "'\(seen.name)' changed on the service since you saw it; it was not deleted. Look again and retry.")
            }
            self.segmentArrived(fresh)
            self.statusChanges.watchIfMoving(fresh)
            let sameContent = fresh.name == seen.name && fresh.type == seen.type && fresh.query == seen.query
                && fresh.description == seen.description
            if sameContent, !fresh.status.isTransitional, self.dialog == nil, self.list.selected?.id == id {
                self.show(toast: "'\(fresh.name)' is \(fresh.status.label.lowercased()) now; asking again")
                self.askDelete()
            } else {
                self.show(error: "'\(seen.name)' changed on the service since you saw it; it was not deleted. Look again and retry.")
            }
        }
    }

    /// Reads one segment again and shows it (after a refusal, so the row is the service's truth).
    func refreshRow(id: String) {
        work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id) }) { [weak self] result in
            if case .success(let fresh) = result { self?.segmentArrived(fresh) }
        }
    }

    // MARK: dialogs

    /// The dialog's controller (its name field's actions included).
    func performDialog(_ action: AppAction) {
        guard var current = dialog else { return }
        let outcome = current.perform(action)
        dialog = outcome == .pending ? current : nil
        if outcome == .confirmed { carryOut(current.purpose) }
        if outcome == .cancelled, case .restoreDraft(let draft) = current.purpose { askDiscardDraft(draft) }
        if outcome == .cancelled, case .discardDraft = current.purpose {
            show(toast: "The draft is kept; it is offered again at the next start")
        }
        changed()
    }

    private func carryOut(_ purpose: ConfirmDialog.Purpose) {
        switch purpose {
        case .changeStatus(let segment, let target): statusChanges.request(segment, to: target)
        case .delete(let segment): delete(segment)
        case .deleteGroup(let group): if case .groups(let groups)? = screen { groups.deleteGroup(group) }
        case .discardScreen: closeScreen()
        case .quit: quitNow()
        case .restoreDraft(let draft): restore(draft)
        case .discardDraft:
            drafts?.discard()
            show(toast: "Draft discarded")
        }
    }

    // MARK: quitting

    /// Quits at once unless edits would be lost; then asks first (Cancel focused).
    func requestQuit() {
        if let draft = unsavedDraft {
            dialog = ConfirmDialog(title: "Unsaved edits", message: "Quit and lose \(draft.summary)?",
                                   confirmLabel: "Quit and discard", cancelLabel: "Keep editing", purpose: .quit)
            changed()
            return
        }
        quitNow()
    }

    func quitNow() {
        wantsQuit = true
        changed()
    }

    func readOnlyRefusal() -> String? {
        isReadOnly ? "Read-only mode: segtui was started with --read-only." : nil
    }
}
