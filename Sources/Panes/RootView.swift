import TerminalKit
import ViewModels

/// Draws one whole frame from the app's state: header, list (or the screen over it), detail,
/// status bar, then the picker, a dialog and help on top. Rendering only reads state: how many
/// rows the list has reaches the list model from the resize path (`fit`), never from a frame,
/// so that a frame never starts a request.
@MainActor
public struct RootView {
    public let model: AppModel
    public let theme: Theme

    public init(model: AppModel, theme: Theme) {
        self.model = model
        self.theme = theme
    }

    public func render(on canvas: any Canvas) {
        canvas.erase()
        let size = canvas.size
        let layout = ScreenLayout(size: size, detailOpen: model.isDetailOpen)
        if layout.isTooSmall {
            let notice = "Terminal too small: \(size.columns)x\(size.rows), need \(ScreenLayout.minimum.columns)x\(ScreenLayout.minimum.rows)"
            canvas.draw(notice, row: 0, column: 0, width: size.columns, style: .warning)
            canvas.present()
            return
        }
        HeaderBar(model: model, theme: theme).draw(on: canvas, in: layout.header)
        let body = Rect(row: 1, column: 0, rows: size.rows - 2, columns: size.columns)
        switch model.screen {
        case .editor(let editor): EditorPane(model: editor, theme: theme).draw(on: canvas, in: body)
        case .members(let members): MembersPane(model: members, theme: theme).draw(on: canvas, in: body)
        case .groups(let groups): GroupsPane(model: groups, theme: theme).draw(on: canvas, in: body)
        case .currentMembers(let current): CurrentMembersPane(model: current, theme: theme).draw(on: canvas, in: body)
        case .form(let form): FormPane(model: form, theme: theme).draw(on: canvas, in: body)
        case .history(let history): HistoryPane(model: history, theme: theme).draw(on: canvas, in: body)
        case nil:
            ListPane(model: model.list, theme: theme, spinnerFrame: spinnerFrame,
                     showsJourneys: model.capabilities.api == .journeys).draw(on: canvas, in: layout.list)
            if let detailRect = layout.detail {
                DetailPane(model: model.detail, theme: theme).draw(on: canvas, in: detailRect)
            }
        }
        StatusBar(model: model, theme: theme).draw(on: canvas, in: layout.status)
        if let picker = model.picker { PickerPane(model: picker, theme: theme).draw(on: canvas, in: body) }
        if let dialog = model.dialog { DialogPane(dialog: dialog, theme: theme).draw(on: canvas, in: body) }
        if model.isHelpVisible {
            HelpOverlay(model: model, theme: theme).draw(
                on: canvas, in: Rect(row: 1, column: 0, rows: size.rows - 2, columns: size.columns))
        }
        canvas.present()
    }

    /// Tells the list how many rows the layout gives it at `size`: on start, on a resize, and
    /// when the detail opens or closes (the list then narrows or shortens).
    public static func fit(_ model: AppModel, to size: Size) {
        let layout = ScreenLayout(size: size, detailOpen: model.isDetailOpen)
        guard !layout.isTooSmall else { return }
        model.list.setViewport(rows: layout.listViewportRows)
    }

    private var spinnerFrame: String {
        let frames = theme.spinnerFrames
        return frames[model.spinnerTick % frames.count]
    }
}
