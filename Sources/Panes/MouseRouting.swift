import Keys
import TerminalKit
import ViewModels

/// Turns a click or wheel turn at a screen cell into an intent, from the same layout the frame
/// was drawn with: the list's rows under its column header, the detail beside or below it.
@MainActor
struct MouseRouting {
    let model: AppModel

    func handle(_ event: MouseEvent, screen size: Size) {
        let layout = ScreenLayout(size: size, detailOpen: model.isDetailOpen)
        guard !layout.isTooSmall else { return }
        if model.screen != nil || model.picker != nil {
            switch event.action {
            case .wheelUp: model.wheel(overScreen: false)
            case .wheelDown: model.wheel(overScreen: true)
            case .press: break  // fields and buttons are reached by keys
            }
            return
        }
        if layout.list.contains(row: event.row, column: event.column) {
            switch event.action {
            case .wheelUp: model.wheel(overList: false)
            case .wheelDown: model.wheel(overList: true)
            case .press:
                let line = event.row - layout.list.row - 1  // the first row is the column header
                let index = model.list.scrollOffset + line
                guard line >= 0, index < model.list.count else { return }
                model.click(listRow: index)
            }
        } else if let detail = layout.detail, detail.contains(row: event.row, column: event.column) {
            switch event.action {
            case .wheelUp: model.wheel(overDetail: false)
            case .wheelDown: model.wheel(overDetail: true)
            case .press: break
            }
        }
    }
}
