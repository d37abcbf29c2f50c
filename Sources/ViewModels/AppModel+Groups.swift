import Foundation
import Segments

/// Journeys' member screens: the static groups of a static or mixed segment, and who is in any
/// segment now; `v` goes from one to the other. Their actions are rows of the members and
/// currentMembers tables; these are their controllers.
extension AppModel {
    func openGroups(_ segment: Segment, staged: StagedGroups = StagedGroups()) {
        let groups = GroupMembersModel(segment: segment, service: service, work: work, readOnly: isReadOnly, staged: staged)
        groups.onChange = { [weak self] in self?.changed() }
        groups.onSaved = { [weak self] fresh, summary in
            self?.segmentArrived(fresh)
            self?.show(toast: summary)
        }
        groups.onAskDelete = { [weak self] group in
            guard let self else { return }
            let size = group.size.map { " and its \($0) member\($0 == 1 ? "" : "s")" } ?? " and its members"
            self.dialog = ConfirmDialog(title: "Delete group",
                                        message: "Delete the \(group.role.label) group '\(group.name)'\(size) from '\(segment.name)'?",
                                        confirmLabel: "Delete", purpose: .deleteGroup(group))
            self.changed()
        }
        screen = .groups(groups)
        groups.load()
        changed()
    }

    func openCurrentMembers(_ segment: Segment) {
        let current = CurrentMembersModel(segment: segment, service: service, work: work)
        current.onChange = { [weak self] in self?.changed() }
        screen = .currentMembers(current)
        current.load()
        changed()
    }

    /// Why an action of the groups screen cannot act now.
    func groupsReason(_ action: AppAction, _ groups: GroupMembersModel) -> String? {
        if groups.prompt != nil { return nil }
        switch action {
        case .addMembers, .markRemoval, .newGroup: return groups.changeRefusal
        case .renameGroup, .deleteGroup:
            return groups.changeRefusal ?? (groups.focusedGroup == nil ? "No \(groups.focusedRole.label) group here" : nil)
        case .save: return groups.isSaving ? "Saving…" : groups.changeRefusal
        case .toggleMembersView: return groups.isDirty ? "Save (Ctrl-S) or undo (u) the staged changes first" : nil
        default: return nil
        }
    }

    /// The groups screen's controller; while the name prompt is open, Enter and Esc answer it
    /// and text-field actions edit the name.
    func performGroups(_ groups: GroupMembersModel, _ action: AppAction) {
        if groups.prompt != nil {
            switch action {
            case .confirm: groups.acceptPrompt()
            case .close: groups.cancelPrompt()
            case .quit: requestQuit()
            default: groups.editPrompt { _ = $0.perform(action) }
            }
            return
        }
        switch action {
        case .moveDown: groups.moveSelection(by: 1)
        case .moveUp: groups.moveSelection(by: -1)
        case .pageDown: groups.nextPage()
        case .pageUp: groups.previousPage()
        case .nextField: groups.switchSide()
        case .nextGroup: groups.cycleGroup(by: 1)
        case .previousGroup: groups.cycleGroup(by: -1)
        case .addMembers:
            guard groups.canAdd() else { return }
            openPicker(existing: groups.focusedMemberIds) { [weak groups] picked in groups?.add(picked) }
        case .markRemoval: groups.toggleRemovalOfSelected()
        case .undo: groups.undo()
        case .redo: groups.redo()
        case .save: groups.save()
        case .newGroup: groups.startCreatingGroup()
        case .renameGroup: groups.startRenamingGroup()
        case .deleteGroup: groups.askDeleteGroup()
        case .toggleMembersView: openCurrentMembers(groups.segment)
        case .toggleHelp: toggleHelp()
        case .suspend: requestSuspend()
        case .filter: groups.openSearch()
        case .close:
            // Esc takes back a kept search before it closes the screen, as in the list.
            if groups.search != nil { groups.clearSearch() } else { askCloseScreen() }
        case .quit: requestQuit()
        default: break
        }
    }

    /// The who-is-in-it-now screen's controller.
    func performCurrentMembers(_ current: CurrentMembersModel, _ action: AppAction) {
        switch action {
        case .moveDown: current.moveSelection(by: 1)
        case .moveUp: current.moveSelection(by: -1)
        case .pageDown: current.nextPage()
        case .pageUp: current.previousPage()
        case .toggleMembersView: openGroups(current.segment)
        case .toggleHelp: toggleHelp()
        case .suspend: requestSuspend()
        case .close: closeScreen()
        case .quit: requestQuit()
        default: break
        }
    }
}
