import Foundation
import Segments

/// The list's own intents: filter, sort, go live or stop, delete, quit, and the dialogs before them.
extension AppModel {
    // MARK: filter and sort

    func openFilter() {
        filterPrompt = TextBuffer(list.query.nameContains ?? "", maxLength: 100)
        changed()
    }

    /// The `/` prompt: Enter filters through the service, Esc leaves the filter as it was.
    func handleFilter(_ chord: KeyChord) {
        guard var prompt = filterPrompt else { return }
        switch chord {
        case .escape, .control("c"):
            filterPrompt = nil
        case .enter:
            filterPrompt = nil
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            var query = list.query
            query.nameContains = text.isEmpty ? nil : text
            if query != list.query { list.apply(query) }
        default:
            guard prompt.handle(chord) else { return }
            filterPrompt = prompt
        }
        changed()
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
        guard let target = StatusChanges.target(for: segment.status) else {
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
                self.show(error: "'\(segment.name)' changed on the service since you saw it; it was not deleted. Look again and retry.")
                self.refreshRow(id: id)
            case .failure(let error):
                self.show(error: "Not deleted: " + error.description)
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

    func handleDialog(_ chord: KeyChord, action: AppAction?) {
        guard var current = dialog else { return }
        let outcome = current.handle(chord, action: action)
        dialog = outcome == .pending ? current : nil
        if outcome == .confirmed { carryOut(current.purpose) }
        if outcome == .cancelled, case .restoreDraft = current.purpose { drafts?.discard() }
        changed()
    }

    private func carryOut(_ purpose: ConfirmDialog.Purpose) {
        switch purpose {
        case .changeStatus(let segment, let target): statusChanges.request(segment, to: target)
        case .delete(let segment): delete(segment)
        case .discardScreen: closeScreen()
        case .quit: quitNow()
        case .restoreDraft(let draft): restore(draft)
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
