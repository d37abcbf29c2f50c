import Foundation
import Segments

/// Opening, driving and closing the screens over the list: editor, members, new-segment form,
/// and the contact picker over the members or the form.
extension AppModel {
    // MARK: editor

    /// `e`: reads the segment's every column first, so the editor never starts from a list row
    /// that lacks the description or the query.
    func openEditor() {
        guard let selected = list.selected else { return }
        if let refusal = readOnlyRefusal() { return show(error: refusal) }
        let id = selected.id
        typeahead = []
        editorOpenings += 1
        let opening = editorOpenings
        work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id) }) { [weak self] result in
            // Only the latest opening's answer counts: one given up with Esc may land after the
            // next `e`, and must not open its segment with the keys typed for the other.
            guard let self, opening == self.editorOpenings, let typed = self.typeahead, self.screen == nil else { return }
            self.typeahead = nil
            switch result {
            case .success(let fresh):
                self.segmentArrived(fresh)
                self.openEditor(fresh)
                self.handle(batch: typed)
            case .failure(let error):
                self.show(error: "Cannot open '\(selected.name)': " + error.description)
            }
        }
    }

    func openEditor(_ segment: Segment, mine: EditDraft.Fields? = nil) {
        let stopKey = keyMap.keyName(of: .stopFromEditor, in: .editor) ?? "Stopping from the list"
        let editor = SegmentEditorModel(segment: segment, service: service, work: work, mine: mine, stopKey: stopKey)
        editor.onChange = { [weak self] in self?.changed() }
        editor.onSaved = { [weak self, weak editor] fresh in
            guard let self else { return }
            self.segmentArrived(fresh)
            self.screen = nil
            self.show(toast: "Saved '\(fresh.name)'")
            if editor?.lastSaveChangedQuery == true, fresh.status == .stopped || fresh.status == .expired {
                self.offerRepublish(fresh)
            }
        }
        screen = .editor(editor)
        changed()
    }

    /// The editor's controller; text-field actions it does not bind go to the focused field.
    func performEditor(_ editor: SegmentEditorModel, _ action: AppAction) {
        switch action {
        case .save: editor.save()
        case .nextField: editor.moveFocus(by: 1)
        case .previousField: editor.moveFocus(by: -1)
        case .undo: editor.undo()
        case .redo: editor.redo()
        case .keepMine: editor.keepMine()
        case .takeTheirs: editor.takeTheirs()
        case .toggleHelp: toggleHelp()
        case .close: askCloseScreen()
        case .quit: requestQuit()
        case .stopFromEditor:
            screen = nil
            askStatusChange(editor.base, to: .stopping)
        default:
            _ = editor.performText(action)
        }
    }

    /// A stopped segment keeps evaluating its old query until it is published again: offer it.
    func offerRepublish(_ segment: Segment) {
        guard !isReadOnly else { return }
        dialog = ConfirmDialog(
            title: "Publish again",
            message: "The query of '\(segment.name)' changed. Publish it again, so that it is evaluated with the new query?",
            confirmLabel: "Publish", cancelLabel: "Not now", purpose: .changeStatus(segment, to: .goingLive))
        changed()
    }

    // MARK: members

    func openMembers(_ segment: Segment? = nil, staged: StagedMembers = StagedMembers()) {
        guard let segment = segment ?? list.selected else { return }
        if service.capabilities.editsGroups {
            // Journeys: groups for segments that have them, who is in it now for the rest.
            return segment.type.hasStaticMembers ? openGroups(segment) : openCurrentMembers(segment)
        }
        guard segment.type == .static else {
            return show(toast: "'\(segment.name)' is \(segment.type.label.lowercased()): its query decides its members")
        }
        let members = MembersModel(segment: segment, service: service, work: work, readOnly: isReadOnly, staged: staged)
        members.onChange = { [weak self] in self?.changed() }
        members.onSaved = { [weak self] fresh, summary in
            self?.segmentArrived(fresh)
            self?.show(toast: summary)
        }
        screen = .members(members)
        members.load()
        changed()
    }

    /// The members screen's controller.
    func performMembers(_ members: MembersModel, _ action: AppAction) {
        switch action {
        case .moveDown: members.moveSelection(by: 1)
        case .moveUp: members.moveSelection(by: -1)
        case .pageDown: members.nextPage()
        case .pageUp: members.previousPage()
        case .addMembers:
            openPicker(existing: Set(members.page.map(\.id))) { [weak members] picked in members?.add(picked) }
        case .first: members.selectFirst()
        case .last: members.selectLast()
        case .markRange: members.toggleRange()
        case .markRemoval: members.toggleRemovalOfSelected()
        case .undo: members.undo()
        case .redo: members.redo()
        case .save: members.save()
        case .toggleHelp: toggleHelp()
        case .suspend: requestSuspend()
        case .filter: members.openSearch()
        case .close:
            // Esc takes back a kept search before it closes the screen, as in the list.
            if members.search != nil { members.clearSearch() } else { askCloseScreen() }
        case .quit: requestQuit()
        default: break
        }
    }

    // MARK: new segment

    func openForm(restoring draft: EditDraft? = nil) {
        if let refusal = readOnlyRefusal() { return show(error: refusal) }
        let form = NewSegmentFormModel(service: service, work: work, restoring: draft)
        form.onChange = { [weak self] in self?.changed() }
        form.onPickMembers = { [weak self, weak form] in
            self?.openPicker(existing: Set(form?.members.map(\.id) ?? [])) { picked in form?.addMembers(picked) }
        }
        form.onCreated = { [weak self] id, name in
            guard let self else { return }
            self.screen = nil
            self.list.reload(selecting: id)
            self.show(toast: "Created '\(name)'")
        }
        screen = .form(form)
        changed()
    }

    /// The new-segment form's controller; text-field actions go to the focused field.
    func performForm(_ form: NewSegmentFormModel, _ action: AppAction) {
        switch action {
        case .save: form.create()
        case .nextField: form.moveFocus(by: 1)
        case .previousField: form.moveFocus(by: -1)
        case .undo: form.undo()
        case .redo: form.redo()
        case .toggleHelp: toggleHelp()
        case .close: askCloseScreen()
        case .quit: requestQuit()
        case .confirm:
            // Enter is a new line in the query, and chooses on the other fields.
            if !form.performText(.newLine) { form.activate() }
        default:
            _ = form.performText(action)
        }
    }

    // MARK: contact picker

    func openPicker(existing: Set<String>, onPick: @escaping @MainActor ([Contact]) -> Void) {
        let picker = ContactPickerModel(service: service, work: work, scheduler: scheduler, existing: existing)
        picker.onChange = { [weak self] in self?.changed() }
        picker.onCancel = { [weak self] in
            self?.picker = nil
            self?.changed()
        }
        picker.onPick = { [weak self] contacts in
            self?.picker = nil
            onPick(contacts)
            self?.changed()
        }
        self.picker = picker
        picker.start()
        changed()
    }

    // MARK: closing

    /// Esc on a screen: closes it, asking first when edits would be lost.
    func askCloseScreen() {
        guard let draft = unsavedDraft else { return closeScreen() }
        dialog = ConfirmDialog(title: "Unsaved edits", message: "Discard \(draft.summary)?",
                               confirmLabel: "Discard", cancelLabel: "Keep editing", purpose: .discardScreen)
        changed()
    }

    func closeScreen() {
        screen = nil
        changed()
    }
}
