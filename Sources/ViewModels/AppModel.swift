import Foundation
import Segments

/// The whole program's state, without a terminal: the list, the detail, the screen on top of it
/// (editor, members, new-segment form), the contact picker, a dialog, help, toasts and quitting.
/// Keys arrive as `KeyChord`s and go to whatever is on top; the key map of that context turns
/// them into actions; every change asks for a frame through `onChange`.
@MainActor
public final class AppModel {
    /// A full pane over the list that holds edits until they are saved.
    public enum Screen {
        case editor(SegmentEditorModel)
        case members(MembersModel)
        case form(NewSegmentFormModel)
    }

    public let list: SegmentListModel
    public let detail: SegmentDetailModel
    public let work: BackgroundWork
    public let keyMap: KeyMap
    public let statusChanges: StatusChanges
    /// Who is signed in, and whether the service is busy or unreachable.
    public let connection: ConnectionModel
    let service: any SegmentService
    let scheduler: any Scheduler
    let drafts: DraftStore?

    public private(set) var isDetailOpen = false
    public internal(set) var isHelpVisible = false
    public internal(set) var wantsQuit = false
    /// Advances while requests are in flight or segments are moving, to animate spinners.
    public private(set) var spinnerTick = 0

    public internal(set) var screen: Screen?
    public internal(set) var picker: ContactPickerModel?
    public internal(set) var dialog: ConfirmDialog?
    /// The `/` prompt while it is open.
    public internal(set) var filterPrompt: TextBuffer?
    /// A short-lived message about an outcome ("Segment 'X' is live").
    public private(set) var toast: String?
    /// A failed action's message; stays until dismissed with Esc.
    public internal(set) var actionError: String?
    /// Keys typed while a screen is opening (the editor waits for the full segment); they are
    /// replayed into it once it is open, so fast typing is never sent to the list instead.
    var typeahead: [KeyChord]?
    /// Keys typed for the list while its rows belong to an older query; replayed once the new
    /// first page is in, so "/name Enter e" edits the segment found, not the one selected before.
    var listTypeahead: [KeyChord] = []
    /// Counts editor openings, so that the answer to one given up cannot open the editor.
    var editorOpenings = 0
    private var toastGeneration = 0
    public static let toastSeconds: TimeInterval = 4

    public var onChange: (@MainActor () -> Void)?
    /// Puts text on the user's clipboard (the terminal does it, through OSC 52); nil where there
    /// is no terminal to ask.
    public var onCopy: (@MainActor (String) -> Void)?

    public init(service: any SegmentService, keyMap: KeyMap = KeyMap(), pageSize: Int = 50,
                scheduler: any Scheduler = MainQueueScheduler(), drafts: DraftStore? = nil) {
        let work = BackgroundWork()
        self.work = work
        self.keyMap = keyMap
        self.service = service
        self.scheduler = scheduler
        self.drafts = drafts
        self.list = SegmentListModel(service: service, work: work, query: SegmentListQuery(pageSize: pageSize))
        self.detail = SegmentDetailModel(service: service, work: work)
        self.statusChanges = StatusChanges(service: service, work: work, scheduler: scheduler)
        self.connection = ConnectionModel(service: service, work: work, scheduler: scheduler)
        list.onChange = { [weak self] in self?.listChanged() }
        list.onLoaded = { [weak self] rows in rows.forEach { self?.statusChanges.watchIfMoving($0) } }
        detail.onChange = { [weak self] in self?.changed() }
        detail.onLoaded = { [weak self] segment in self?.list.update(segment) }
        work.onChange = { [weak self] in self?.changed() }
        connection.onChange = { [weak self] in self?.changed() }
        connection.onRecovered = { [weak self] in self?.list.reload() }
        statusChanges.onSegment = { [weak self] segment in self?.segmentArrived(segment) }
        statusChanges.onToast = { [weak self] text in self?.show(toast: text) }
        statusChanges.onError = { [weak self] error in self?.show(error: error.description) }
    }

    /// Loads the first page, and offers to restore a draft left by a lost terminal.
    public func start() {
        list.reload()
        connection.start()
        offerDraftIfAny()
    }

    public var isBusy: Bool { work.isBusy }
    public var isReadOnly: Bool { keyMap.isReadOnly }
    /// Spinners turn while work is in flight or a segment is on its way to Live or Stopped.
    public var isAnimating: Bool { isBusy || statusChanges.isWatching }

    /// The error to show in the status bar, newest source first.
    public var visibleError: SegmentServiceError? { detail.lastError ?? list.lastError }

    /// Whose keys are in force.
    public var context: KeyContext {
        if dialog != nil { return .dialog }
        if picker != nil { return .picker }
        switch screen {
        case .editor: return .editor
        case .members: return .members
        case .form: return .form
        case nil: return .list
        }
    }

    /// Whether typed characters go into a text field (so Ctrl-Z is undo there, not suspend).
    public var isEditingText: Bool {
        if filterPrompt != nil || picker != nil { return true }
        if let dialog { return dialog.requiredText != nil }
        switch screen {
        case .editor(let editor): return !editor.isReadOnly
        case .form: return true
        default: return false
        }
    }

    /// Unsaved work on the screen, if any.
    public var unsavedDraft: EditDraft? {
        switch screen {
        case .editor(let editor): return editor.isDirty ? editor.draft : nil
        case .members(let members): return members.isDirty ? members.draft : nil
        case .form(let form): return form.hasContent ? form.draft : nil
        case nil: return nil
        }
    }

    /// Keys that arrived together: runs of characters go to a text field as one insertion (a
    /// paste), everything else one key at a time.
    public func handle(batch chords: [KeyChord]) {
        var run = ""
        func flush() {
            guard !run.isEmpty else { return }
            handle(run.count == 1 ? .character(run.first!) : .text(run))
            run = ""
        }
        for chord in chords {
            if isEditingText, dialog == nil, case .character(let c) = chord, c != " " || filterPrompt != nil || screen.isTextForm {
                run.append(c)
                continue
            }
            flush()
            handle(chord)
        }
        flush()
    }

    public func handle(_ chord: KeyChord) {
        if chord == .escape, connection.isThrottled {
            // Esc while the service is busy gives up the wait, and nothing else.
            connection.cancelWait()
            return
        }
        if isHelpVisible {
            // Any key closes the help; only its own key or Esc is swallowed.
            isHelpVisible = false
            changed()
            if chord == .escape || keyMap.action(for: chord, in: context) == .toggleHelp { return }
        }
        if typeahead != nil {
            if chord == .escape || chord == .control("c") {
                typeahead = nil  // the screen is no longer wanted; its reply is dropped
            } else {
                typeahead?.append(chord)
            }
            return
        }
        let action = keyMap.action(for: chord, in: context)
        if context == .list, filterPrompt == nil, list.isAwaitingQuery, action != .quit {
            listTypeahead.append(chord)
            return
        }
        if dialog != nil { return handleDialog(chord, action: action) }
        if let picker { return picker.handle(chord, action: action) }
        if filterPrompt != nil { return handleFilter(chord) }
        switch screen {
        case .editor(let editor): return handleEditor(editor, chord, action: action)
        case .members(let members): return handleMembers(members, action: action)
        case .form(let form): return handleForm(form, chord, action: action)
        case nil: break
        }
        guard let action else { return }
        perform(action)
    }

    public func perform(_ action: AppAction) {
        switch action {
        case .moveDown: list.moveSelection(by: 1)
        case .moveUp: list.moveSelection(by: -1)
        case .pageDown: list.pageDown()
        case .pageUp: list.pageUp()
        case .first: list.selectFirst()
        case .last: list.selectLast()
        case .openDetail:
            guard let selected = list.selected else { return }
            isDetailOpen = true
            detail.show(selected)
        case .closeDetail:
            if actionError != nil {
                actionError = nil
                changed()
            } else if visibleError != nil {
                list.dismissError()
                if detail.lastError != nil, let selected = list.selected { detail.show(selected) }
            } else if isDetailOpen {
                isDetailOpen = false
                detail.clear()
            }
        case .scrollDetailDown: if isDetailOpen { detail.scroll(by: 3) }
        case .scrollDetailUp: if isDetailOpen { detail.scroll(by: -3) }
        case .reload:
            list.reload()
            if isDetailOpen, let selected = list.selected { detail.show(selected) }
        case .toggleHelp:
            isHelpVisible.toggle()
            changed()
        case .quit: requestQuit()
        case .filter: openFilter()
        case .cycleSort: cycleSort()
        case .reverseSort: reverseSort()
        case .toggleLive: askToggleLive()
        case .edit: openEditor()
        case .openMembers: openMembers()
        case .newSegment: openForm()
        case .delete: askDelete()
        case .copyId: copySelected(asJSON: false)
        case .copyJSON: copySelected(asJSON: true)
        default: break
        }
    }

    /// Called by the run loop on a timer while busy or while segments move.
    public func tick() {
        guard isAnimating else { return }
        spinnerTick &+= 1
        changed()
    }

    // MARK: messages

    public func show(toast text: String) {
        toastGeneration += 1
        let expected = toastGeneration
        toast = text
        changed()
        scheduler.schedule(after: Self.toastSeconds) { [weak self] in
            guard let self, self.toastGeneration == expected else { return }
            self.toast = nil
            self.changed()
        }
    }

    public func show(error text: String) {
        actionError = text
        changed()
    }

    func segmentArrived(_ segment: Segment) {
        list.update(segment)
        if isDetailOpen, detail.segment?.id == segment.id { detail.replace(segment) }
    }

    private func listChanged() {
        if let error = list.lastError { connection.noteFailure(error) }
        if !list.isAwaitingQuery, !listTypeahead.isEmpty {
            let typed = listTypeahead
            listTypeahead = []
            // A failed load leaves nothing they were meant for.
            if list.lastError == nil { handle(batch: typed) }
        }
        // The detail follows the selection while it is open.
        if isDetailOpen, let selected = list.selected, selected.id != detail.segment?.id {
            detail.show(selected)
        }
        changed()
    }

    func changed() { onChange?() }
}

extension Optional where Wrapped == AppModel.Screen {
    /// The new-segment form takes spaces as text in its text fields.
    var isTextForm: Bool {
        if case .form? = self { return true }
        if case .editor? = self { return true }
        return false
    }
}
