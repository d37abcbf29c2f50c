import TerminalKit
import ViewModels

/// The key bindings in force, read from the key map itself so that help cannot drift.
@MainActor
struct HelpOverlay {
    let keyMap: KeyMap
    let theme: Theme

    func draw(on canvas: any Canvas, in area: Rect) {
        let rows = keyMap.bindings.map { (keys: $0.keysLabel, help: $0.help) }
        let keysWidth = (rows.map { TextWidth.of($0.keys) }.max() ?? 0) + 2
        let helpWidth = rows.map { TextWidth.of($0.help) }.max() ?? 0
        let width = min(area.columns - 2, keysWidth + helpWidth + 4)
        let height = min(area.rows - 2, rows.count + 4)
        guard width > 10, height > 4 else { return }
        let box = Rect(row: area.row + (area.rows - height) / 2, column: area.column + (area.columns - width) / 2, rows: height, columns: width)
        let lines = theme.lines
        let horizontal = String(repeating: lines.horizontal, count: width - 2)
        canvas.draw(lines.topLeft + horizontal + lines.topRight, row: box.row, column: box.column, width: width, style: .border)
        for row in (box.row + 1)..<(box.row + height - 1) {
            canvas.fill(row: row, column: box.column, width: width, style: .plain)
            canvas.draw(lines.vertical, row: row, column: box.column, width: 1, style: .border)
            canvas.draw(lines.vertical, row: row, column: box.column + width - 1, width: 1, style: .border)
        }
        canvas.draw(lines.bottomLeft + horizontal + lines.bottomRight, row: box.row + height - 1, column: box.column, width: width, style: .border)
        canvas.draw(" Keys ", row: box.row, column: box.column + 2, width: width - 4, style: .title)
        for (index, entry) in rows.prefix(height - 4).enumerated() {
            let row = box.row + 2 + index
            canvas.draw(entry.keys, row: row, column: box.column + 2, width: keysWidth, style: .accent)
            canvas.draw(entry.help, row: row, column: box.column + 2 + keysWidth, width: width - 4 - keysWidth, style: .plain)
        }
    }
}
