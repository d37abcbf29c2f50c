import Foundation
import Segments

/// `H` in the detail: the history screen and its controller.
extension AppModel {
    /// Lines a page of history moves.
    static let historyPage = 10

    func openHistory() {
        guard isDetailOpen, let segment = detail.segment ?? list.selected else { return }
        let history = SegmentHistoryModel(segment: segment, service: service, work: work, timeZone: historyTimeZone)
        history.onChange = { [weak self] in self?.changed() }
        screen = .history(history)
        history.load()
        changed()
    }

    /// The history's controller.
    func performHistory(_ history: SegmentHistoryModel, _ action: AppAction) {
        switch action {
        case .moveDown: history.scroll(by: 1)
        case .moveUp: history.scroll(by: -1)
        case .pageDown: history.scroll(by: Self.historyPage)
        case .pageUp: history.scroll(by: -Self.historyPage)
        case .reload: history.load()
        case .toggleHelp: toggleHelp()
        case .suspend: requestSuspend()
        case .close: closeScreen()
        case .quit: requestQuit()
        default: break
        }
    }
}
