import TerminalKit
import ViewModels

/// The bottom line: a spinner while requests run; then the `/` prompt, a failed action's message
/// (until Esc), the service's message after a failed load, a toast, or the keys of the context;
/// RO in read-only mode and the position in the list on the right.
@MainActor
struct StatusBar {
    let model: AppModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(row: rect.row, column: rect.column, width: rect.columns, style: .statusBar)
        let position = (model.isReadOnly ? "RO  " : "") + positionText
        let rightWidth = TextWidth.of(position) + 1
        let leftWidth = max(0, rect.columns - rightWidth - 1)
        var column = rect.column
        if model.isBusy {
            let frames = theme.spinnerFrames
            let frame = frames[model.spinnerTick % frames.count]
            column += canvas.draw(" " + frame + " ", row: rect.row, column: column, width: leftWidth, style: .statusBar)
        } else {
            column += canvas.draw(" ", row: rect.row, column: column, width: leftWidth, style: .statusBar)
        }
        let remaining = max(0, rect.column + leftWidth - column)
        if let prompt = model.filterPrompt {
            let label = "Filter by name: "
            column += canvas.draw(label, row: rect.row, column: column, width: remaining, style: .statusBar)
            TextFieldView(buffer: prompt, isFocused: true, theme: theme)
                .draw(on: canvas, in: Rect(row: rect.row, column: column, rows: 1, columns: max(0, rect.column + leftWidth - column)),
                      style: .statusBar)
        } else if let connection = model.connection.statusText {
            canvas.draw(TextWidth.truncate(theme.sanitizer(connection), toWidth: remaining, ellipsis: theme.ellipsis), row: rect.row,
                        column: column, width: remaining, style: Style(.warning, bold: true, reverse: true))
        } else if let message = model.actionError ?? model.visibleError?.description {
            let text = theme.sanitizer(message) + "  (Esc dismisses)"
            canvas.draw(TextWidth.truncate(text, toWidth: remaining, ellipsis: theme.ellipsis), row: rect.row, column: column,
                        width: remaining, style: Style(.error, bold: true, reverse: true))
        } else if let toast = model.toast {
            canvas.draw(TextWidth.truncate(theme.sanitizer(toast), toWidth: remaining, ellipsis: theme.ellipsis), row: rect.row,
                        column: column, width: remaining, style: Style(.success, bold: true, reverse: true))
        } else {
            // Whole hints only: a cut one ("q qu") reads as a different key.
            var hints = ""
            for binding in model.keyMap.hints(in: model.context) {
                // A binding the config file emptied has no key to show.
                guard let chord = binding.chords.first else { continue }
                let hint = "\(theme.isASCII ? chord.asciiDescription : chord.description) \(binding.hint ?? "")"
                let candidate = hints.isEmpty ? hint : hints + "  " + hint
                guard TextWidth.of(candidate) <= remaining else { break }
                hints = candidate
            }
            canvas.draw(hints, row: rect.row, column: column, width: remaining, style: .statusBar)
        }
        if rect.columns > rightWidth + 10 {
            canvas.draw(position, row: rect.row, column: rect.column + rect.columns - rightWidth, width: rightWidth, style: .statusBar)
        }
    }

    private var positionText: String { model.list.positionText }
}
