import TerminalKit
import ViewModels

/// The controller of the context the help was opened over, read from its rows so that help
/// cannot drift: keys, what they do, and why a key cannot act now. One column that scrolls
/// (↓ ↑ PgDn PgUp) when the rows do not fit, so that even 40x12 reaches every key.
@MainActor
struct HelpOverlay {
    let rows: [ControllerRow]
    let title: String
    let offset: Int
    let theme: Theme

    init(model: AppModel, theme: Theme) {
        self.rows = model.rows(in: model.helpContext)
        self.title = model.helpContext.title + (model.keyMap.isReadOnly ? " (read-only)" : "")
        self.offset = model.helpOffset
        self.theme = theme
    }

    func draw(on canvas: any Canvas, in area: Rect) {
        let entries = rows.map { row in
            (keys: row.binding.keysLabel(ascii: theme.isASCII),
             help: row.binding.help + (row.disabledReason.map { " (" + theme.sanitizer($0) + ")" } ?? ""),
             enabled: row.disabledReason == nil)
        }
        guard !entries.isEmpty else { return }
        let keysWidth = (entries.map { TextWidth.of($0.keys) }.max() ?? 0) + 2
        let helpWidth = entries.map { TextWidth.of($0.help) }.max() ?? 0
        let width = min(area.columns - 2, keysWidth + helpWidth + 4)
        let height = min(area.rows, entries.count + 4)
        guard width > 10, height > 4 else { return }
        let box = PaneBox.centred(rows: height, columns: width, in: area)
        let inner = PaneBox.draw(on: canvas, in: box, title: title, theme: theme)
        let visible = max(1, inner.rows - 2)
        let first = min(max(0, offset), max(0, entries.count - visible))
        for (index, entry) in entries.dropFirst(first).prefix(visible).enumerated() {
            let row = inner.row + 1 + index
            let style: Style = entry.enabled ? .plain : .dim
            canvas.draw(entry.keys, row: row, column: inner.column, width: min(keysWidth, inner.columns), style: entry.enabled ? .accent : .dim)
            canvas.draw(entry.help, row: row, column: inner.column + keysWidth, width: max(0, inner.columns - keysWidth), style: style)
        }
        if entries.count > visible {
            let more = "\(first + 1)-\(min(entries.count, first + visible)) of \(entries.count), ↓↑ scroll"
            let text = theme.isASCII ? more.replacingOccurrences(of: "↓↑", with: "Down/Up") : more
            canvas.draw(text, row: inner.row + inner.rows - 1, column: inner.column, width: inner.columns, style: .dim)
        }
    }
}
