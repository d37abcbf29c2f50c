import TerminalKit
import ViewModels

/// A confirmation in a box: the question, the name to type when one is required, and the two
/// buttons, the focused one reversed (Cancel when the dialog opens, or the name field, or Restore),
/// and under the field why Enter did not confirm.
@MainActor
struct DialogPane {
    let dialog: ConfirmDialog
    let theme: Theme

    func draw(on canvas: any Canvas, in area: Rect) {
        let width = min(64, area.columns - 4)
        let fixedRows = (dialog.requiredText != nil ? 2 : 0) + (dialog.problem != nil ? 1 : 0) + 5
        var textLines = TextWrap.lines(theme.sanitizer(dialog.message), width: width - 4)
        // However long the message, the name field and the buttons keep their rows: the text is
        // cut to the rows left, its last line ending in an ellipsis.
        let room = max(1, area.rows - fixedRows)
        if textLines.count > room {
            textLines = Array(textLines.prefix(room))
            textLines[room - 1] = TextWidth.clip(textLines[room - 1], toWidth: width - 5) + theme.ellipsis
        }
        let height = textLines.count + fixedRows
        let rect = PaneBox.centred(rows: height, columns: width, in: area)
        let inner = PaneBox.draw(on: canvas, in: rect, title: dialog.title, theme: theme)
        guard inner.rows >= 3 else { return }
        var row = inner.row + 1
        for line in textLines where row < inner.row + inner.rows {
            canvas.draw(line, row: row, column: inner.column, width: inner.columns, style: .plain)
            row += 1
        }
        if dialog.requiredText != nil {
            row += 1
            let label = "Name: "
            canvas.draw(label, row: row, column: inner.column, width: inner.columns, style: .accent)
            TextFieldView(buffer: dialog.typed, isFocused: dialog.isFieldFocused, theme: theme)
                .draw(on: canvas, in: Rect(row: row, column: inner.column + TextWidth.of(label), rows: 1,
                                           columns: inner.columns - TextWidth.of(label)), style: .plain)
            if let problem = dialog.problem {
                // Under the field it is about, not in the status bar far below.
                row += 1
                canvas.draw(theme.sanitizer(problem), row: row, column: inner.column, width: inner.columns, style: .error)
            }
        }
        let cancel = "[ \(dialog.cancelLabel) ]"
        let confirm = "[ \(dialog.confirmLabel) ]"
        let buttonsRow = inner.row + inner.rows - 1
        let total = TextWidth.of(cancel) + 2 + TextWidth.of(confirm)
        var column = inner.column + max(0, inner.columns - total)
        column += canvas.draw(cancel, row: buttonsRow, column: column, width: TextWidth.of(cancel),
                              style: dialog.focus == .cancel ? .selection : .plain)
        column += 2
        canvas.draw(confirm, row: buttonsRow, column: column, width: TextWidth.of(confirm),
                    style: dialog.isConfirmFocused ? (dialog.canConfirm ? Style(.warning, bold: true, reverse: true) : .dim) : .plain)
    }
}
