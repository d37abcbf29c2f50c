import Segments
import TerminalKit
import ViewModels

/// `H`: a segment's audit records, newest first, a heading for each (when, what, who) and its
/// changed columns as old → new. Everything from the service goes through the sanitizer.
@MainActor
struct HistoryPane {
    let model: SegmentHistoryModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        let title = "History: " + theme.sanitizer(model.segment.name)
        let inner = PaneBox.draw(on: canvas, in: rect, title: title, theme: theme)
        guard inner.rows >= 2 else { return }
        if let message = model.message {
            let style: Style = model.state == .loading ? .dim : .warning
            _ = PaneBox.paragraph(message, on: canvas, row: inner.row, column: inner.column, width: inner.columns,
                                  maxRows: inner.rows - 1, style: style, theme: theme)
        }
        let lines = model.lines
        let visible = max(0, inner.rows - 1)
        let first = min(model.scrollOffset, max(0, lines.count - 1))
        for (offset, line) in lines.dropFirst(first).prefix(visible).enumerated() {
            let row = inner.row + offset
            switch line.kind {
            case .heading:
                canvas.draw(theme.sanitizer(line.text), row: row, column: inner.column, width: inner.columns, style: .accent)
            case .change:
                let arrow = theme.isASCII ? " -> " : " → "
                let text = "  " + theme.sanitizer(line.text) + ": " + value(line.oldValue) + arrow + value(line.newValue)
                canvas.draw(TextWidth.truncate(text, toWidth: inner.columns, ellipsis: theme.ellipsis), row: row,
                            column: inner.column, width: inner.columns, style: .plain)
            }
        }
        if !lines.isEmpty {
            let footer = "\(first + 1)/\(lines.count) lines"
            canvas.draw(footer, row: inner.row + inner.rows - 1, column: inner.column, width: inner.columns, style: .dim)
        }
    }

    /// A value on one line: newlines shown as spaces, an absent one as a dash.
    private func value(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return theme.isASCII ? "-" : "—" }
        return theme.sanitizer(text.replacingOccurrences(of: "\n", with: " "))
    }
}
