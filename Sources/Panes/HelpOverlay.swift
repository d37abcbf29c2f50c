import TerminalKit
import ViewModels

/// The key bindings in force where the user is, read from the key map itself so that help cannot
/// drift. When one column does not fit the height, the bindings flow into two.
@MainActor
struct HelpOverlay {
    let keyMap: KeyMap
    let context: KeyContext
    let theme: Theme

    func draw(on canvas: any Canvas, in area: Rect) {
        let rows = keyMap.bindings(in: context).map { (keys: $0.keysLabel(ascii: theme.isASCII), help: $0.help) }
        guard !rows.isEmpty else { return }
        let keysWidth = (rows.map { TextWidth.of($0.keys) }.max() ?? 0) + 2
        let helpWidth = rows.map { TextWidth.of($0.help) }.max() ?? 0
        let columnWidth = keysWidth + helpWidth
        let fitsOne = rows.count + 4 <= area.rows - 2
        let columnCount = fitsOne ? 1 : 2
        let perColumn = (rows.count + columnCount - 1) / columnCount
        let width = min(area.columns - 2, columnWidth * columnCount + 2 * (columnCount - 1) + 4)
        let height = min(area.rows - 2, perColumn + 4)
        guard width > 10, height > 4 else { return }
        let box = PaneBox.centred(rows: height, columns: width, in: area)
        let inner = PaneBox.draw(on: canvas, in: box, title: context.title + (keyMap.isReadOnly ? " (read-only)" : ""), theme: theme)
        let stride = columnWidth + 2
        for (index, entry) in rows.enumerated() {
            let columnIndex = index / perColumn
            let row = inner.row + 1 + index % perColumn
            guard row < inner.row + inner.rows else { continue }
            let column = inner.column + columnIndex * stride
            let available = inner.column + inner.columns - column
            guard available > 0 else { continue }
            canvas.draw(entry.keys, row: row, column: column, width: min(keysWidth, available), style: .accent)
            canvas.draw(entry.help, row: row, column: column + keysWidth, width: max(0, min(helpWidth, available - keysWidth)),
                        style: .plain)
        }
    }
}
