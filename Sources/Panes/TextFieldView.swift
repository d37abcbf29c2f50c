import TerminalKit
import ViewModels

/// Draws a `TextBuffer` in a rectangle: the lines around the cursor, scrolled sideways so the
/// cursor is always in view, and (when focused) the cursor as a reversed cell. Text is sanitised
/// a character at a time, so what is drawn lines up with what the buffer counts.
struct TextFieldView {
    let buffer: TextBuffer
    let isFocused: Bool
    let theme: Theme
    var placeholder: String = ""

    func draw(on canvas: any Canvas, in rect: Rect, style: Style = .plain) {
        guard !rect.isEmpty else { return }
        let lines = buffer.lines
        let location = buffer.cursorLocation
        // Keep the cursor line in view, as low as the lines before it allow.
        let firstLine = max(0, min(location.line - rect.rows + 1, lines.count - rect.rows))
        let firstLineShown = max(0, min(firstLine, location.line))
        if buffer.isEmpty, !placeholder.isEmpty {
            // After the cursor cell when focused, so the hint is read whole.
            let offset = isFocused ? 1 : 0
            canvas.draw(placeholder, row: rect.row, column: rect.column + offset, width: max(0, rect.columns - offset), style: .dim)
        }
        for offset in 0..<rect.rows {
            let index = firstLineShown + offset
            guard index < lines.count else { break }
            let cells = Array(lines[index]).map(cell)
            // An unfocused field shows its lines from the start; a focused one follows the cursor.
            let cursorColumn = isFocused && index == location.line ? location.column : nil
            let start = Self.firstVisible(cells: cells, cursor: cursorColumn, width: rect.columns)
            var column = rect.column
            let limit = rect.column + rect.columns
            for (position, text) in cells.enumerated().dropFirst(start) {
                let width = TextWidth.of(text)
                guard column + width <= limit else { break }
                let isCursor = isFocused && position == cursorColumn
                canvas.draw(text, row: rect.row + offset, column: column, width: width,
                            style: isCursor ? Style(style.role, bold: style.bold, reverse: true) : style)
                column += width
            }
            if isFocused, let cursorColumn, cursorColumn >= cells.count, column < limit {
                canvas.draw(" ", row: rect.row + offset, column: column, width: 1, style: Style(style.role, reverse: true))
            }
        }
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
