import Foundation
import Segments

/// Creating, renaming and deleting a journeys segment's static groups (at most
/// `MemberGroup.maximumCount`), and the one-line prompt that asks for a group's name.
extension GroupMembersModel {
    /// `c`: asks for the name of a new group on the focused side.
    public func startCreatingGroup() {
        guard !refuseChange() else { return }
        guard groups.count < MemberGroup.maximumCount else {
            notice = "A segment holds at most \(MemberGroup.maximumCount) groups."
            return changed()
        }
        prompt = Prompt(purpose: .create(focusedRole), buffer: TextBuffer(maxLength: 100))
        changed()
    }

    /// `R`: asks for a new name for the focused group.
    public func startRenamingGroup() {
        guard !refuseChange(), let group = focusedGroup?.group else { return }
        prompt = Prompt(purpose: .rename(groupId: group.id), buffer: TextBuffer(group.name, maxLength: 100))
        changed()
    }

    /// `X`: the app asks before deleting the focused group.
    public func askDeleteGroup() {
        guard !refuseChange(), let group = focusedGroup?.group else { return }
        onAskDelete?(group)
    }

    /// Changes the name being typed (text, or a text field's action).
    public func editPrompt(_ body: (inout TextBuffer) -> Void) {
        guard var current = prompt else { return }
        body(&current.buffer)
        prompt = current
        changed()
    }

    /// Esc: the name prompt goes, nothing is sent.
    public func cancelPrompt() {
        prompt = nil
        changed()
    }

    /// Enter: sends the name typed.
    public func acceptPrompt() {
        guard let current = prompt else { return }
        let name = current.buffer.text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            notice = "A group needs a name."
            return changed()
        }
        prompt = nil
        submit(current.purpose, name: name)
        changed()
    }

    /// Says why a key did nothing, on the screen's notice line.
    public func show(notice text: String) {
        notice = text
        changed()
    }

    /// Why a change cannot be made now, if it cannot.
    public var changeRefusal: String? {
        if isAppReadOnly { return "Read-only: members cannot be changed." }
        if segment.status.locksContent {
            return "A \(segment.status.label.lowercased()) segment's members cannot change; stop it first."
        }
        return nil
    }

    private func submit(_ purpose: Prompt.Purpose, name: String) {
        let id = segment.id
        groupWrite({ [service] () throws(SegmentServiceError) -> String in
            switch purpose {
            case .create(let role):
                _ = try service.createGroup(in: id, MemberGroupDraft(name: name, role: role))
                return "Created the \(role.label) group '\(name)'"
            case .rename(let groupId):
                try service.renameGroup(in: id, groupId: groupId, to: name)
                return "Renamed the group to '\(name)'"
            }
        }, selectingLastOf: { if case .create(let role) = purpose { return role } else { return nil } }())
    }

    /// Deletes a group once the user confirmed it.
    func deleteGroup(_ group: MemberGroup) {
        let id = segment.id
        staged.drop(group.id)
        groupWrite({ [service] () throws(SegmentServiceError) -> String in
            try service.deleteGroup(in: id, groupId: group.id)
            return "Deleted the group '\(group.name)'"
        }, selectingLastOf: nil)
    }

    private func groupWrite(_ body: @escaping @Sendable () throws(SegmentServiceError) -> String,
                            selectingLastOf role: MemberGroup.Role?) {
        isSaving = true
        changed()
        work.run(body) { [weak self] result in
            guard let self else { return }
            self.isSaving = false
            switch result {
            case .success(let message):
                self.notice = message
                if let role {
                    self.focusedRole = role
                    // The new group comes last on its side once the groups are read again.
                    self.shownIndex[role] = self.side(role).count
                }
                self.load()
            case .failure(let error):
                self.lastError = error
                self.notice = "Not done: " + error.description
            }
            self.changed()
        }
    }
}
