import TerminalKit
import ViewModels

/// Draws a `TextBuffer` in a rectangle with (when focused) the cursor as a reversed cell.
/// A multi-line field wraps long lines at the width, so a 4000-character query reads whole; a
/// one-line field scrolls sideways to keep the cursor in view. Text is sanitised a character at a
/// time, so that what is drawn lines up with what the buffer counts.
struct TextFieldView {
    let buffer: TextBuffer
    let isFocused: Bool
    let theme: Theme
    var placeholder: String = ""

    /// One screen row: a run of a logical line's characters.
    struct VisualRow: Equatable {
        var line: Int
        var start: Int
        var cells: [String]
    }

    func draw(on canvas: any Canvas, in rect: Rect, style: Style = .plain) {
        guard !rect.isEmpty else { return }
        if buffer.isEmpty, !placeholder.isEmpty {
            // After the cursor cell when focused, so the hint is read whole.
            let offset = isFocused ? 1 : 0
            canvas.draw(placeholder, row: rect.row, column: rect.column + offset, width: max(0, rect.columns - offset), style: .dim)
        }
        let location = buffer.cursorLocation
        let rows = visualRows(width: rect.columns)
        let cursorRow = Self.row(of: location, in: rows)
        // Keep the cursor's row in view; unfocused fields show their start.
        let first = isFocused ? max(0, cursorRow - rect.rows + 1) : 0
        for (offset, visual) in rows.dropFirst(first).prefix(rect.rows).enumerated() {
            let isCursorRow = isFocused && first + offset == cursorRow
            let cursorColumn = isCursorRow ? location.column - visual.start : nil
            let start = buffer.isMultiline ? 0 : Self.firstVisible(cells: visual.cells, cursor: cursorColumn, width: rect.columns)
            var column = rect.column
            let limit = rect.column + rect.columns
            for (position, text) in visual.cells.enumerated().dropFirst(start) {
                let width = TextWidth.of(text)
                guard column + width <= limit else { break }
                let isCursor = position == cursorColumn
                canvas.draw(text, row: rect.row + offset, column: column, width: width,
                            style: isCursor ? Style(style.role, bold: style.bold, reverse: true) : style)
                column += width
            }
            if let cursorColumn, cursorColumn >= visual.cells.count, column < limit {
                canvas.draw(" ", row: rect.row + offset, column: column, width: 1, style: Style(style.role, reverse: true))
            }
        }
    }

    /// The buffer's lines cut into rows of at most `width` columns (one-line fields: one row).
    func visualRows(width: Int) -> [VisualRow] {
        var rows: [VisualRow] = []
        for (index, line) in buffer.lines.enumerated() {
            let cells = Array(line).map(cell)
            guard buffer.isMultiline, width > 1 else {
                rows.append(VisualRow(line: index, start: 0, cells: cells))
                continue
            }
            var start = 0
            var current: [String] = []
            var used = 0
            for text in cells {
                let w = TextWidth.of(text)
                // Leave the last column for the cursor after a full row.
                if used + w > width - 1, !current.isEmpty {
                    // Break after the last space of the row when there is one, so words stay whole.
                    var cut = current.count
                    if let space = current.lastIndex(of: " "), space > 0 { cut = space + 1 }
                    rows.append(VisualRow(line: index, start: start, cells: Array(current[..<cut])))
                    start += cut
                    current = Array(current[cut...])
                    used = current.reduce(0) { $0 + TextWidth.of($1) }
                }
                current.append(text)
                used += w
            }
            rows.append(VisualRow(line: index, start: start, cells: current))
        }
        return rows
    }

    /// The visual row holding the cursor: the last row of its line that starts at or before it.
    static func row(of location: (line: Int, column: Int), in rows: [VisualRow]) -> Int {
        rows.lastIndex { $0.line == location.line && $0.start <= location.column } ?? 0
    }

    /// Every character as it will be drawn: control characters in their visible form.
    private func cell(_ character: Character) -> String {
        let text = theme.sanitizer(String(character))
        return text.isEmpty ? "?" : text
    }

    /// The first character to draw so that the cursor (and one cell after it) fits.
    static func firstVisible(cells: [String], cursor: Int?, width: Int) -> Int {
        guard let cursor, width > 0 else { return 0 }
        var used = 1  // the cursor cell past the end, or the margin after it
        var start = min(cursor, cells.count)
        if start < cells.count { used = TextWidth.of(cells[start]) }
        while start > 0, used + TextWidth.of(cells[start - 1]) <= width {
            used += TextWidth.of(cells[start - 1])
            start -= 1
        }
        return start
    }
}
