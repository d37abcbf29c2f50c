import Dataverse
import Segments

/// The whole program's state, without a terminal: the list, the detail, focus, help, quitting.
/// Keys arrive as `KeyChord`s; the key map turns them into actions; every change asks for a frame
/// through `onChange`.
@MainActor
public final class AppModel {
    public let list: SegmentListModel
    public let detail: SegmentDetailModel
    public let work: BackgroundWork
    public let keyMap: KeyMap

    public private(set) var isDetailOpen = false
    public private(set) var isHelpVisible = false
    public private(set) var wantsQuit = false
    /// Advances while requests are in flight, to animate the spinner.
    public private(set) var spinnerTick = 0

    public var onChange: (@MainActor () -> Void)?

    public init(service: any SegmentService, keyMap: KeyMap = KeyMap(), pageSize: Int = 50) {
        let work = BackgroundWork()
        self.work = work
        self.keyMap = keyMap
        self.list = SegmentListModel(service: service, work: work, query: SegmentListQuery(pageSize: pageSize))
        self.detail = SegmentDetailModel(service: service, work: work)
        list.onChange = { [weak self] in self?.listChanged() }
        detail.onChange = { [weak self] in self?.changed() }
        detail.onLoaded = { [weak self] segment in self?.list.update(segment) }
        work.onChange = { [weak self] in self?.changed() }
    }

    /// Loads the first page.
    public func start() { list.reload() }

    public var isBusy: Bool { work.isBusy }

    /// The error to show in the status bar, newest source first.
    public var visibleError: DataverseError? { detail.lastError ?? list.lastError }

    public func handle(_ chord: KeyChord) {
        if isHelpVisible {
            // Any key closes the help; only its own key or Esc is swallowed.
            isHelpVisible = false
            changed()
            if chord == .escape || keyMap.action(for: chord) == .toggleHelp { return }
        }
        guard let action = keyMap.action(for: chord) else { return }
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
            if visibleError != nil {
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
        case .quit:
            wantsQuit = true
            changed()
        }
    }

    /// Called by the run loop on a timer while busy.
    public func tick() {
        guard isBusy else { return }
        spinnerTick &+= 1
        changed()
    }

    private func listChanged() {
        // The detail follows the selection while it is open.
        if isDetailOpen, let selected = list.selected, selected.id != detail.segment?.id {
            detail.show(selected)
        }
        changed()
    }

    private func changed() { onChange?() }
}
