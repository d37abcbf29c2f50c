import TerminalKit

/// A bordered box with a title, its inside blanked: what every pane and dialog over the list is
/// drawn in.
enum PaneBox {
    /// Draws the box and returns the rectangle inside it (one column of margin each side).
    @discardableResult
    static func draw(on canvas: any Canvas, in rect: Rect, title: String, theme: Theme) -> Rect {
        guard rect.rows >= 3, rect.columns >= 6 else { return Rect(row: rect.row, column: rect.column, rows: 0, columns: 0) }
        let lines = theme.lines
        let horizontal = String(repeating: lines.horizontal, count: rect.columns - 2)
        canvas.draw(lines.topLeft + horizontal + lines.topRight, row: rect.row, column: rect.column, width: rect.columns, style: .border)
        for row in (rect.row + 1)..<(rect.row + rect.rows - 1) {
            canvas.fill(row: row, column: rect.column, width: rect.columns, style: .plain)
            canvas.draw(lines.vertical, row: row, column: rect.column, width: 1, style: .border)
            canvas.draw(lines.vertical, row: row, column: rect.column + rect.columns - 1, width: 1, style: .border)
        }
        canvas.draw(lines.bottomLeft + horizontal + lines.bottomRight, row: rect.row + rect.rows - 1, column: rect.column,
                    width: rect.columns, style: .border)
        let heading = TextWidth.truncate(" " + title + " ", toWidth: max(0, rect.columns - 4), ellipsis: theme.ellipsis)
        canvas.draw(heading, row: rect.row, column: rect.column + 2, width: rect.columns - 4, style: .title)
        return Rect(row: rect.row + 1, column: rect.column + 2, rows: rect.rows - 2, columns: rect.columns - 4)
    }

    /// A rectangle of at most `rows` × `columns` centred in `area`.
    static func centred(rows: Int, columns: Int, in area: Rect) -> Rect {
        let height = min(rows, area.rows)
        let width = min(columns, area.columns)
        return Rect(row: area.row + (area.rows - height) / 2, column: area.column + (area.columns - width) / 2,
                    rows: height, columns: width)
    }

    /// Writes wrapped text from `row`, at most `maxRows` lines; returns the lines used.
    @discardableResult
    static func paragraph(_ text: String, on canvas: any Canvas, row: Int, column: Int, width: Int, maxRows: Int,
                          style: Style, theme: Theme) -> Int {
        let lines = TextWrap.lines(theme.sanitizer(text), width: max(1, width)).prefix(max(0, maxRows))
        for (offset, line) in lines.enumerated() {
            canvas.draw(line, row: row + offset, column: column, width: width, style: style)
        }
        return lines.count
    }
}
