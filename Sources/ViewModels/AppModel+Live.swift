import Foundation
import Segments

/// The live refresh as the app sees it: what is on screen to keep true, and where a change found
/// on the service goes (the list's row, the detail, the notice of an open editor or members screen).
extension AppModel {
    func wireLiveRefresh() {
        live.focus = { [weak self] in self?.liveFocus ?? .none }
        live.onChange = { [weak self] in self?.changed() }
        live.onDetailChanged = { [weak self] fresh in
            guard let self else { return }
            self.list.merge(changed: [fresh], scheduler: self.scheduler)
            if self.isDetailOpen { self.detail.replace(fresh) }
        }
        live.onScreenSegmentChanged = { [weak self] fresh in self?.screenSegmentChanged(fresh) }
    }

    /// What a tick reads: the list (and the detail) while they are on screen; the segment of an
    /// editor or members screen while one is open; nothing under a form, the contact picker or
    /// the history.
    var liveFocus: LiveRefresh.Focus {
        switch screen {
        case .editor(let editor): return .segment(editor.base)
        case .members(let members): return .segment(members.segment)
        case .groups(let groups): return .segment(groups.segment)
        case .currentMembers, .form, .history: return .none
        case nil:
            guard picker == nil else { return .none }
            // A detail still loading has no version of its own yet; its answer is fresh anyway.
            let shown = isDetailOpen && !detail.isLoading ? detail.segment : nil
            return .list(detail: shown)
        }
    }

    /// The segment of the open screen changed on the service: say so now, before the save (the
    /// save's three-way merge still settles the text itself).
    func screenSegmentChanged(_ fresh: Segment) {
        list.merge(changed: [fresh], scheduler: scheduler)
        let base: Segment
        let notify: (String) -> Void
        switch screen {
        case .editor(let editor):
            base = editor.base
            notify = { editor.show(notice: $0) }
        case .members(let members):
            base = members.segment
            notify = { members.show(notice: $0) }
        case .groups(let groups):
            base = groups.segment
            notify = { groups.show(notice: $0) }
        default:
            return
        }
        guard base.id == fresh.id, base.etag != fresh.etag else { return }
        let what = Self.remoteChanges(from: base, to: fresh)
        let saveKey = keyMap.keyName(of: .save, in: context) ?? "Saving"
        let summary = what.isEmpty ? "it was saved again" : what.joined(separator: "; ")
        notify("Changed on the service since you opened it: \(summary). Your edits are kept; \(saveKey) merges them.")
    }

    /// The fields that differ, in words: "name now 'Spring'", "status now Live", "query".
    nonisolated static func remoteChanges(from old: Segment, to new: Segment) -> [String] {
        var what: [String] = []
        if old.name != new.name { what.append("name now '\(new.name)'") }
        if old.status != new.status { what.append("status now \(new.status.label)") }
        if (old.description ?? "") != (new.description ?? "") { what.append("description") }
        if (old.query ?? "") != (new.query ?? "") { what.append("query") }
        if old.refresh != new.refresh { what.append("refresh") }
        if old.groups != new.groups { what.append("member groups") }
        if old.size != new.size, let size = new.size { what.append("members now \(size)") }
        return what
    }
}
