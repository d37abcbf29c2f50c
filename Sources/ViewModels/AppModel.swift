import Foundation
import Keys
import Segments

/// The whole program's state, without a terminal: the list, the detail, the screen on top of it
/// (editor, members, new-segment form), the contact picker, a dialog, help, toasts and quitting.
/// Keys arrive as `Key`s and go to whatever is on top; the key map of that context turns
/// them into actions; every change asks for a frame through `onChange`.
@MainActor
public final class AppModel {
    /// A full pane over the list that holds edits until they are saved.
    public enum Screen {
        case editor(SegmentEditorModel)
        case members(MembersModel)
        /// Journeys: the Include and Exclude groups of a static or mixed segment.
        case groups(GroupMembersModel)
        /// Who is in a segment now, of any kind.
        case currentMembers(CurrentMembersModel)
        case form(NewSegmentFormModel)
        /// `H`: who changed a segment, what and when.
        case history(SegmentHistoryModel)
    }

    public let list: SegmentListModel
    public let detail: SegmentDetailModel
    public let work: BackgroundWork
    public let keyMap: KeyMap
    public let statusChanges: StatusChanges
    /// Who is signed in, and whether the service is busy or unreachable.
    public let connection: ConnectionModel
    /// Keeps the list, the detail and the segment of an open screen true by themselves.
    public let live: LiveRefresh
    let service: any SegmentService
    let scheduler: any Scheduler
    let drafts: DraftStore?

    public private(set) var isDetailOpen = false
    public internal(set) var isHelpVisible = false
    /// Whose table the help shows (the context in focus when it opened), and how far it is scrolled.
    public internal(set) var helpContext: KeyContext = .list
    public internal(set) var helpOffset = 0
    /// The suspend key was pressed; the run loop hands the terminal to the shell and clears it.
    public var wantsSuspend = false
    public internal(set) var wantsQuit = false
    /// Advances while requests are in flight or segments are moving, to animate spinners.
    public private(set) var spinnerTick = 0

    public internal(set) var screen: Screen?
    public internal(set) var picker: ContactPickerModel?
    public internal(set) var dialog: ConfirmDialog?
    /// The `/` prompt while it is open.
    public internal(set) var filterPrompt: TextBuffer?
    /// The filter when the prompt opened, which Esc puts back.
    var filterBeforePrompt: String?
    /// Counts filter edits, so that only the last of a burst of typing reaches the service.
    var filterGeneration = 0
    var lastRouted: RoutedKey?
    /// A short-lived message about an outcome ("Segment 'X' is live").
    public private(set) var toast: String?
    /// A failed action's message; stays until dismissed with Esc.
    public internal(set) var actionError: String?
    /// Keys typed while a screen is opening (the editor waits for the full segment); they are
    /// replayed into it once it is open, so fast typing is never sent to the list instead.
    var typeahead: [Key]?
    /// Keys typed for the list while its rows belong to an older query; replayed once the new
    /// first page is in, so "/name Enter e" edits the segment found, not the one selected before.
    var listTypeahead: [Key] = []
    /// Counts editor openings, so that the answer to one given up cannot open the editor.
    var editorOpenings = 0
    private var toastGeneration = 0
    public static let toastSeconds: TimeInterval = 4

    /// The zone the history's times are shown in (tests fix it, for screens that do not move).
    public var historyTimeZone: TimeZone = .current

    public var onChange: (@MainActor () -> Void)?
    /// Puts text on the user's clipboard (the terminal does it, through OSC 52); nil where there
    /// is no terminal to ask.
    public var onCopy: (@MainActor (String) -> Void)?

    /// `refreshInterval`: seconds between live refreshes (0, the default here, turns them off;
    /// the program passes the profile's or `--refresh`, 10 unless told).
    public init(service: any SegmentService, keyMap: KeyMap = KeyMap(), pageSize: Int = 50,
                scheduler: any Scheduler = MainQueueScheduler(), drafts: DraftStore? = nil,
                refreshInterval: TimeInterval = 0, now: @escaping @MainActor () -> Date = Date.init) {
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
        self.live = LiveRefresh(list: list, service: service, scheduler: scheduler, interval: refreshInterval, now: now)
        list.onChange = { [weak self] in self?.listChanged() }
        list.onLoaded = { [weak self] rows in
            self?.connection.noteAnswer()
            rows.forEach { self?.statusChanges.watchIfMoving($0) }
        }
        detail.onChange = { [weak self] in self?.changed() }
        detail.onLoaded = { [weak self] segment in self?.list.update(segment) }
        work.onChange = { [weak self] in self?.changed() }
        connection.onChange = { [weak self] in self?.changed() }
        connection.onRecovered = { [weak self] in
            // The list is read again if the outage left it with an error or without rows; one
            // that has just answered (the answer that ended the outage) is left where it is.
            guard let self, self.list.lastError != nil || self.list.rows.isEmpty else { return }
            self.list.reload()
        }
        wireLiveRefresh()
        statusChanges.onSegment = { [weak self] segment in self?.segmentArrived(segment) }
        statusChanges.onToast = { [weak self] text in self?.show(toast: text) }
        statusChanges.onError = { [weak self] error in self?.show(error: error.description) }
        statusChanges.onActionFailed = { [weak self] text in self?.show(error: text) }
    }

    /// Loads the first page, and offers to restore a draft left by a lost terminal.
    public func start() {
        list.reload()
        connection.start()
        live.start()
        offerDraftIfAny()
    }

    public var isBusy: Bool { work.isBusy }
    public var isReadOnly: Bool { keyMap.isReadOnly }
    /// What the service can do, so that screens show only what the API has.
    public var capabilities: SegmentCapabilities { service.capabilities }
    /// Spinners turn while work is in flight or a segment is on its way to Live or Stopped.
    public var isAnimating: Bool { isBusy || statusChanges.isWatching }

    /// The error to show in the status bar, newest source first.
    public var visibleError: SegmentServiceError? { detail.lastError ?? list.lastError }

    /// Whose keys are in force.
    public var context: KeyContext {
        if isHelpVisible { return .help }
        if dialog != nil { return .dialog }
        if picker != nil { return .picker }
        switch screen {
        case .editor: return .editor
        // The `/` prompt has one table, over the list or over the members (of the group in focus).
        case .members(let members): return members.search?.isEditing == true ? .filter : .members
        case .groups(let groups): return groups.search?.isEditing == true ? .filter : .groups
        case .currentMembers: return .currentMembers
        case .form: return .form
        case .history: return .history
        case nil: return filterPrompt != nil ? .filter : (isDetailOpen ? .detail : .list)
        }
    }

    /// Whether typed characters go into a text field (so Ctrl-Z is undo there, not suspend).
    public var isEditingText: Bool {
        if filterPrompt != nil || picker != nil || membersSearchIsOpen { return true }
        if let dialog { return dialog.requiredText != nil }
        switch screen {
        case .editor(let editor): return !editor.isReadOnly
        case .form: return true
        case .groups(let groups): return groups.prompt != nil
        default: return false
        }
    }

    /// The members' `/` prompt has the keys.
    var membersSearchIsOpen: Bool { picker == nil && dialog == nil && openMembersSearch?.isEditing == true }

    /// The search of the members screen on top (outbound's members, or the group in focus).
    private var openMembersSearch: MembersSearch? {
        switch screen {
        case .members(let members): return members.search
        case .groups(let groups): return groups.search
        default: return nil
        }
    }

    /// The `/` prompt in the status bar, over the list or the members: its label and its text.
    public var prompt: (label: String, text: TextBuffer)? {
        if let filterPrompt { return ("Filter by name: ", filterPrompt) }
        if membersSearchIsOpen, let search = openMembersSearch { return ("Search members: ", search.buffer) }
        return nil
    }

    /// Unsaved work on the screen, if any.
    public var unsavedDraft: EditDraft? {
        switch screen {
        case .editor(let editor): return editor.isDirty ? editor.draft : nil
        case .members(let members): return members.isDirty ? members.draft : nil
        case .groups(let groups): return groups.isDirty ? groups.draft : nil
        case .currentMembers, .history: return nil
        case .form(let form): return form.hasContent ? form.draft : nil
        case nil: return nil
        }
    }

    /// The list's and the detail's controller: what their actions do.
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
        case .closeDetail, .dismiss:
            if actionError != nil {
                actionError = nil
                changed()
            } else if visibleError != nil {
                list.dismissError()
                if detail.lastError != nil, let selected = list.selected { detail.show(selected) }
            } else if isDetailOpen {
                isDetailOpen = false
                detail.clear()
                changed()
            } else if list.query.nameContains != nil || list.query.status != nil || list.query.type != nil {
                clearFilter()
            }
        case .scrollDetailDown: if isDetailOpen { detail.scroll(by: 3) }
        case .scrollDetailUp: if isDetailOpen { detail.scroll(by: -3) }
        case .reload:
            list.reload()
            if isDetailOpen, let selected = list.selected { detail.show(selected) }
        case .toggleHelp: toggleHelp()
        case .suspend: requestSuspend()
        case .quit: requestQuit()
        case .filter: openFilter()
        case .filterByStatus: cycleStatusFilter()
        case .filterByType: cycleTypeFilter()
        case .cycleSort: cycleSort()
        case .reverseSort: reverseSort()
        case .toggleLive: askToggleLive()
        case .edit: openEditor()
        case .openMembers: openMembers()
        case .newSegment: openForm()
        case .delete: askDelete()
        case .copyId: copySelected(asJSON: false)
        case .copyJSON: copySelected(asJSON: true)
        case .showHistory: openHistory()
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
