import TerminalKit
import ViewModels

/// The controller of the context the help was opened over, read from its rows so that help
/// cannot drift: keys, what they do, and why a key cannot act now (dimmed). The rows flow into
/// two columns when one does not fit the height; when two do not fit either (40x12), one column
/// scrolls (↓ ↑ PgDn PgUp), so that every key can be reached.
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

    private struct Entry {
        var keys: String
        var help: String
        var reason: String?
        var enabled: Bool { reason == nil }
    }

    func draw(on canvas: any Canvas, in area: Rect) {
        let entries = rows.map { row in
            Entry(keys: row.binding.keysLabel(ascii: theme.isASCII), help: row.binding.help,
                  reason: row.disabledReason.map { " (" + theme.sanitizer($0) + ")" })
        }
        guard !entries.isEmpty else { return }
        let keysWidth = (entries.map { TextWidth.of($0.keys) }.max() ?? 0) + 2
        let fitsOne = entries.count + 4 <= area.rows - 2
        // One column has room for the reasons too; two columns are sized by the help alone.
        let helpWidth = entries.map { TextWidth.of($0.help + (fitsOne ? $0.reason ?? "" : "")) }.max() ?? 0
        let columnWidth = keysWidth + helpWidth
        let halves = (entries.count + 1) / 2
        let fitsTwo = halves + 4 <= area.rows - 2 && columnWidth * 2 + 2 + 4 <= area.columns - 2
        let columnCount = !fitsOne && fitsTwo ? 2 : 1
        let perColumn = columnCount == 2 ? halves : entries.count
        let width = min(area.columns - 2, columnWidth * columnCount + 2 * (columnCount - 1) + 4)
        let height = min(area.rows - (fitsOne || fitsTwo ? 2 : 0), perColumn + 4)
        guard width > 10, height > 4 else { return }
        let box = PaneBox.centred(rows: height, columns: width, in: area)
        let inner = PaneBox.draw(on: canvas, in: box, title: title, theme: theme)
        let scrolls = !fitsOne && !fitsTwo
        let visible = max(1, inner.rows - 2)
        let first = scrolls ? min(max(0, offset), max(0, entries.count - visible)) : 0
        let shown = scrolls ? Array(entries.dropFirst(first).prefix(visible)) : entries
        let stride = columnWidth + 2
        for (index, entry) in shown.enumerated() {
            let column = inner.column + (index / perColumn) * stride
            let row = inner.row + 1 + index % perColumn
            let available = inner.column + inner.columns - column
            guard row < inner.row + inner.rows, available > 0 else { continue }
            canvas.draw(entry.keys, row: row, column: column, width: min(keysWidth, available), style: entry.enabled ? .accent : .dim)
            // The reason follows the help where the column has room; the table's width is the
            // help's, so that a reason never pushes the rows into one scrolling column.
            let room = max(0, min(columnCount == 1 ? inner.columns : helpWidth, available - keysWidth))
            let full = entry.help + (entry.reason ?? "")
            let text = TextWidth.of(full) <= room ? full : entry.help
            canvas.draw(text, row: row, column: column + keysWidth, width: room, style: entry.enabled ? .plain : .dim)
        }
        if scrolls {
            let arrows = theme.isASCII ? "Down/Up" : "↓↑"
            let more = "\(first + 1)-\(min(entries.count, first + visible)) of \(entries.count), \(arrows) scroll"
            canvas.draw(more, row: inner.row + inner.rows - 1, column: inner.column, width: inner.columns, style: .dim)
        }
    }
}
