import Foundation
import Segments

/// Drafts: unsaved work written when the terminal goes away, and offered back at the next start
/// with Restore focused; throwing one away is asked twice.
extension AppModel {
    /// Writes the screen's unsaved work, if any, to the drafts folder. The run loop calls it on
    /// SIGHUP and SIGTERM (an SSH link dropping), where nobody is left to ask.
    @discardableResult
    public func saveDraftIfNeeded() -> Bool {
        guard let drafts, let draft = unsavedDraft else { return false }
        do {
            try drafts.save(draft)
            return true
        } catch {
            return false
        }
    }

    func offerDraftIfAny() {
        guard let draft = drafts?.load() else { return }
        let when = draft.savedAt.formatted(date: .abbreviated, time: .shortened)
        dialog = ConfirmDialog(
            title: "Restore unsaved edits",
            message: "segtui ended on \(when) with \(draft.summary) unsaved. Restore it?",
            confirmLabel: "Restore", cancelLabel: "Discard", purpose: .restoreDraft(draft), confirmFocused: true)
        changed()
    }

    /// Discarding a draft cannot be taken back, so it is asked again, with Keep focused.
    func askDiscardDraft(_ draft: EditDraft) {
        dialog = ConfirmDialog(title: "Discard unsaved edits", message: "Throw away \(draft.summary) for good?",
                               confirmLabel: "Discard", cancelLabel: "Keep it", purpose: .discardDraft(draft))
        changed()
    }

    /// Opens the draft's screen. Edits start from the draft's base (its ETag), so a save still
    /// detects and merges what changed on the service since.
    ///
    /// The draft leaves the disk only once its screen is open: if the segment cannot be read, or
    /// another screen was opened while it loaded, the draft is kept for the next start.
    func restore(_ draft: EditDraft) {
        switch draft.kind {
        case .create:
            drafts?.discard()
            openForm(restoring: draft)
        case .edit, .members:
            guard let id = draft.segmentId else { return }
            work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id) }) { [weak self] result in
                guard let self else { return }
                if case .success = result, self.screen != nil {
                    return self.show(error: "Did not restore \(draft.summary): another screen was opened meanwhile. "
                        + "It is offered again at the next start.")
                }
                switch result {
                case .success(var segment):
                    self.drafts?.discard()
                    if draft.kind == .members, let changes = draft.groupChanges {
                        let staged = Dictionary(changes.map { ($0.groupId, $0.changes) }, uniquingKeysWith: { first, _ in first })
                        self.openGroups(segment, staged: StagedGroups(staged))
                        return
                    }
                    if draft.kind == .members {
                        let staged = StagedMembers(additions: draft.added.map(\.contact), removals: draft.removed.map(\.contact))
                        self.openMembers(segment, staged: staged)
                        return
                    }
                    if let base = draft.base {
                        segment.name = base.name
                        segment.description = base.description.isEmpty ? nil : base.description
                        segment.query = base.query.isEmpty ? nil : base.query
                        // The refresh the edit began from, so that a save sends only what the user changed.
                        if let refresh = base.refresh { segment.refresh = RefreshText.parse(refresh) }
                        segment.etag = draft.etag
                    }
                    self.openEditor(segment, mine: draft.mine)
                case .failure(let error):
                    self.show(error: "Cannot restore \(draft.summary) (it is offered again at the next start): " + error.description)
                }
            }
        }
    }
}
