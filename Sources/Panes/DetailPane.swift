import Segments
import TerminalKit
import ViewModels

/// Every field of one segment, labelled, in a box; long values wrap and the pane scrolls.
@MainActor
struct DetailPane {
    let model: SegmentDetailModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        guard rect.rows >= 3, rect.columns >= 8 else { return }
        drawBox(on: canvas, in: rect)
        let inner = Rect(row: rect.row + 1, column: rect.column + 2, rows: rect.rows - 2, columns: rect.columns - 4)
        let lines = contentLines(width: inner.columns)
        let visible = lines.dropFirst(min(model.scrollOffset, max(0, lines.count - 1))).prefix(inner.rows)
        for (offset, line) in visible.enumerated() {
            let row = inner.row + offset
            var column = inner.column
            if !line.label.isEmpty || line.isContinuation {
                column += canvas.draw(line.label, row: row, column: column, width: inner.columns, style: .accent)
            }
            canvas.draw(line.value, row: row, column: column, width: inner.column + inner.columns - column, style: line.style)
        }
    }

    private struct Line {
        var label: String
        var value: String
        var style: Style
        var isContinuation: Bool
    }

    private func contentLines(width: Int) -> [Line] {
        let fields = model.fields
        guard !fields.isEmpty else { return [] }
        let labelWidth = min(fields.map { TextWidth.of($0.label) }.max() ?? 0, max(4, width / 3)) + 2
        let valueWidth = max(1, width - labelWidth)
        var lines: [Line] = []
        for field in fields {
            let label = TextWidth.pad(TextWidth.truncate(field.label, toWidth: labelWidth - 2, ellipsis: theme.ellipsis), toWidth: labelWidth)
            let style: Style = field.value == "—" ? .dim : .plain
            let values: [String]
            if field.wraps {
                values = field.value.split(separator: "\n", omittingEmptySubsequences: false)
                    .flatMap { TextWrap.lines(theme.sanitizer(String($0)), width: valueWidth) }
            } else {
                values = [TextWidth.truncate(theme.sanitizer(field.value), toWidth: valueWidth, ellipsis: theme.ellipsis)]
            }
            for (index, value) in values.enumerated() {
                lines.append(Line(label: index == 0 ? label : String(repeating: " ", count: labelWidth),
                                  value: value, style: style, isContinuation: index > 0))
            }
        }
        if model.isLoading { lines.append(Line(label: "", value: "loading every field…", style: .dim, isContinuation: false)) }
        return lines
    }

    private func drawBox(on canvas: any Canvas, in rect: Rect) {
        let lines = theme.lines
        let inner = rect.columns - 2
        let horizontal = String(repeating: lines.horizontal, count: max(0, inner))
        canvas.draw(lines.topLeft + horizontal + lines.topRight, row: rect.row, column: rect.column, width: rect.columns, style: .border)
        for row in (rect.row + 1)..<(rect.row + rect.rows - 1) {
            canvas.draw(lines.vertical, row: row, column: rect.column, width: 1, style: .border)
            canvas.draw(lines.vertical, row: row, column: rect.column + rect.columns - 1, width: 1, style: .border)
        }
        canvas.draw(lines.bottomLeft + horizontal + lines.bottomRight, row: rect.row + rect.rows - 1, column: rect.column,
                    width: rect.columns, style: .border)
        let title = " " + theme.sanitizer(model.segment?.name ?? "Segment") + " "
        canvas.draw(TextWidth.truncate(title, toWidth: max(0, inner - 2), ellipsis: theme.ellipsis), row: rect.row,
                    column: rect.column + 2, width: max(0, inner - 2), style: .title)
    }
}
