import Foundation
import Segments

/// Journeys' member screens: the static groups of a static or mixed segment, and who is in any
/// segment now; `v` goes from one to the other.
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

    func handleGroups(_ groups: GroupMembersModel, _ chord: KeyChord, action: AppAction?) {
        if groups.prompt != nil { return groups.handlePrompt(chord) }
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
        case .toggleMembersView:
            // Staged changes would be lost on the way; they are saved or undone first.
            guard !groups.isDirty else { return show(toast: "Save (Ctrl-S) or undo (u) the staged changes first") }
            openCurrentMembers(groups.segment)
        case .toggleHelp:
            isHelpVisible.toggle()
            changed()
        case .close: askCloseScreen()
        case .quit: requestQuit()
        default: break
        }
    }

    func handleCurrentMembers(_ current: CurrentMembersModel, action: AppAction?) {
        switch action {
        case .moveDown: current.moveSelection(by: 1)
        case .moveUp: current.moveSelection(by: -1)
        case .pageDown: current.nextPage()
        case .pageUp: current.previousPage()
        case .toggleMembersView:
            guard current.hasGroups else { return show(toast: "'\(current.segment.name)' has no static groups: its query decides") }
            openGroups(current.segment)
        case .toggleHelp:
            isHelpVisible.toggle()
            changed()
        case .close: closeScreen()
        case .quit: requestQuit()
        default: break
        }
    }
}
