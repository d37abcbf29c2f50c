import TerminalKit
import ViewModels

/// The bottom line: a spinner while requests run; then the `/` prompt, a failed action's message
/// (until Esc, shown even while offline), the service's message after a failed load, a toast, or the keys of the context;
/// RO in read-only mode and the position in the list on the right.
@MainActor
struct StatusBar {
    let model: AppModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(row: rect.row, column: rect.column, width: rect.columns, style: .statusBar)
        // The live refresh's words take a fixed width, so that "updated 9 s ago" becoming
        // "updated 10 s ago" redraws those cells only, never the hints beside them.
        let freshness = rect.columns >= Self.freshnessMinimumColumns ? model.live.statusText : nil
        let freshnessText = freshness.map { TextWidth.pad($0, toWidth: Self.freshnessWidth, alignment: .trailing) + "  " } ?? ""
        let position = freshnessText + (model.isReadOnly ? "RO  " : "") + positionText
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
        if let prompt = model.prompt {
            column += canvas.draw(prompt.label, row: rect.row, column: column, width: remaining, style: .statusBar)
            TextFieldView(buffer: prompt.text, isFocused: true, theme: theme)
                .draw(on: canvas, in: Rect(row: rect.row, column: column, rows: 1, columns: max(0, rect.column + leftWidth - column)),
                      style: .statusBar)
        } else if let message = model.actionError {
            // An action that failed names itself, even while the service is offline.
            drawError(message, on: canvas, row: rect.row, column: column, width: remaining)
        } else if let connection = model.connection.statusText {
            canvas.draw(TextWidth.truncate(theme.sanitizer(connection), toWidth: remaining, ellipsis: theme.ellipsis), row: rect.row,
                        column: column, width: remaining, style: Style(.warning, bold: true, reverse: true))
        } else if let message = model.visibleError?.description {
            drawError(message, on: canvas, row: rect.row, column: column, width: remaining)
        } else if let toast = model.toast {
            canvas.draw(TextWidth.truncate(theme.sanitizer(toast), toWidth: remaining, ellipsis: theme.ellipsis), row: rect.row,
                        column: column, width: remaining, style: Style(.success, bold: true, reverse: true))
        } else {
            // Whole hints only: a cut one ("q qu") reads as a different key. A hint that cannot
            // act now is dimmed, and the first such one says why when there is room.
            var reason: String?
            var first = true
            for row in model.hintRows {
                // A binding the config file emptied has no key to show.
                guard let chord = row.binding.chords.first else { continue }
                let hint = "\(theme.isASCII ? chord.asciiDescription : chord.description) \(row.binding.hint ?? "")"
                let width = TextWidth.of(hint) + (first ? 0 : 2)
                guard width <= rect.column + leftWidth - column else { break }
                if !first { column += canvas.draw("  ", row: rect.row, column: column, width: 2, style: .statusBar) }
                first = false
                let style: Style = row.disabledReason == nil ? .statusBar : Style(.dim, reverse: true)
                column += canvas.draw(hint, row: rect.row, column: column, width: TextWidth.of(hint), style: style)
                if reason == nil { reason = row.disabledReason }
            }
            if let reason {
                let text = "  (" + theme.sanitizer(reason) + ")"
                let room = rect.column + leftWidth - column
                if TextWidth.of(text) <= room {
                    canvas.draw(text, row: rect.row, column: column, width: room, style: Style(.dim, reverse: true))
                }
            }
        }
        if rect.columns > rightWidth + 10 {
            canvas.draw(position, row: rect.row, column: rect.column + rect.columns - rightWidth, width: rightWidth, style: .statusBar)
        }
    }

    private func drawError(_ message: String, on canvas: any Canvas, row: Int, column: Int, width: Int) {
        let text = theme.sanitizer(message) + "  (Esc dismisses)"
        canvas.draw(TextWidth.truncate(text, toWidth: width, ellipsis: theme.ellipsis), row: row, column: column,
                    width: width, style: Style(.error, bold: true, reverse: true))
    }

    private var positionText: String { model.list.positionText }

    /// "offline since 10:42" and "updated 59 min ago" fit.
    static let freshnessWidth = 19
    /// Narrower status bars keep their room for the keys.
    static let freshnessMinimumColumns = 80
}
