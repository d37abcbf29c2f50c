import Segments
import TerminalKit
import ViewModels

/// The segment editor: each field labelled, with its text field, the service's message under it,
/// and in a conflict the service's version beside the user's.
@MainActor
struct EditorPane {
    let model: SegmentEditorModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        var title = "Edit: " + theme.sanitizer(model.base.name)
        if model.isReadOnly { title += " (live, read-only)" }
        if model.isDirty { title += " *" }
        let inner = PaneBox.draw(on: canvas, in: rect, title: title, theme: theme)
        guard inner.rows >= 4 else { return }
        var row = inner.row
        let bottom = inner.row + inner.rows
        // The notice line (read-only hint, conflict, refusal) sits on top where it is seen.
        if let notice = model.notice {
            let style: Style = model.lastError != nil || !model.unresolvedConflicts.isEmpty ? .warning : .accent
            row += PaneBox.paragraph(notice, on: canvas, row: row, column: inner.column, width: inner.columns, maxRows: 2,
                                     style: style, theme: theme)
        } else if model.isSaving {
            canvas.draw("Saving…", row: row, column: inner.column, width: inner.columns, style: .dim)
            row += 1
        }
        let fields = model.fields
        let fixedRows: [SegmentEditorModel.Field: Int] = [.name: 1, .refresh: 1]
        // Rows left for the multi-line fields after labels, messages and the single-line name.
        let extras = fields.reduce(0) { total, field in
            total + 1 + (model.issues[field] != nil ? 1 : 0) + (model.conflicts[field] != nil ? 2 : 0)
                + (field == .query && model.queryIssuePosition != nil ? 2 : 0)
        }
        let flexible = fields.filter { fixedRows[$0] == nil }
        let available = max(flexible.count, bottom - row - extras - fields.compactMap { fixedRows[$0] }.reduce(0, +))
        for field in fields {
            guard row < bottom else { break }
            let focused = field == model.focus
            let fieldRow = FieldRowView(label: field.rawValue, isFocused: focused, theme: theme)
            let labelWidth = fieldRow.drawLabel(on: canvas, row: row, column: inner.column, width: inner.columns)
            if let conflict = model.conflicts[field] {
                let state = conflict.resolved ? "settled" : "conflict: Ctrl-O keep yours, Ctrl-T take the service's"
                let x = inner.column + labelWidth + 2
                canvas.draw(state, row: row, column: x, width: max(0, inner.column + inner.columns - x),
                            style: conflict.resolved ? .dim : .warning)
            }
            row += 1
            let height: Int
            if let fixed = fixedRows[field] {
                height = fixed
            } else {
                height = max(1, field == .query ? available - available / 3 : (flexible.count > 1 ? available / 3 : available))
            }
            let fieldRect = Rect(row: row, column: inner.column + 2, rows: min(height, bottom - row), columns: inner.columns - 2)
            TextFieldView(buffer: model.buffer(field), isFocused: focused && !model.isReadOnly, theme: theme)
                .draw(on: canvas, in: fieldRect, style: model.isReadOnly ? .dim : .plain)
            row += fieldRect.rows
            if let conflict = model.conflicts[field], row + 1 < bottom {
                canvas.draw("service's version:", row: row, column: inner.column + 2, width: inner.columns - 2, style: .dim)
                let flat = conflict.theirs.replacingOccurrences(of: "\n", with: " ")
                canvas.draw(TextWidth.truncate(theme.sanitizer(flat), toWidth: inner.columns - 4, ellipsis: theme.ellipsis),
                            row: row + 1, column: inner.column + 4, width: inner.columns - 4, style: .accent)
                row += 2
            }
            if let issue = model.issues[field], row < bottom {
                row += fieldRow.drawIssue(issue, marker: "✗ ", on: canvas, row: row, column: inner.column + 2, width: inner.columns - 2)
                if field == .query, let position = model.queryIssuePosition, row + 1 < bottom {
                    // The line the service found fault with, and a caret under the place.
                    let caret = Self.caretLines(model.text(.query), at: position, width: inner.columns - 4)
                    canvas.draw(theme.sanitizer(caret.line), row: row, column: inner.column + 4, width: inner.columns - 4, style: .plain)
                    canvas.draw(caret.marker, row: row + 1, column: inner.column + 4, width: inner.columns - 4, style: .error)
                    row += 2
                }
            }
        }
    }

    /// The line of `text` holding character `position` (from 0), scrolled so that the place shows
    /// within `width`, and a line with `^` under it.
    nonisolated static func caretLines(_ text: String, at position: Int, width: Int) -> (line: String, marker: String) {
        let characters = Array(text)
        let at = min(max(0, position), characters.count)
        var start = at
        while start > 0, characters[start - 1] != "\n" { start -= 1 }
        var end = at
        while end < characters.count, characters[end] != "\n" { end += 1 }
        var from = start
        // Keep a few characters of context to the left when the place is far along the line.
        while TextWidth.of(String(characters[from..<at])) > max(0, width - 8) { from += 1 }
        let line = String(characters[from..<end])
        let column = TextWidth.of(String(characters[from..<at]))
        return (line, String(repeating: " ", count: column) + "^")
    }
}
