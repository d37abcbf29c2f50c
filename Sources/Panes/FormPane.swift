import Segments
import TerminalKit
import ViewModels

/// The new-segment form: name, type (a choice), description, then the query or the first members.
@MainActor
struct FormPane {
    let model: NewSegmentFormModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        let inner = PaneBox.draw(on: canvas, in: rect, title: "New segment" + (model.isCreating ? " (creating…)" : ""), theme: theme)
        guard inner.rows >= 6 else { return }
        var row = inner.row
        let bottom = inner.row + inner.rows
        if let error = model.lastError {
            row += PaneBox.paragraph("Not created: " + error.description, on: canvas, row: row, column: inner.column,
                                     width: inner.columns, maxRows: 2, style: .warning, theme: theme)
        }
        let labelWidth = 15
        for field in model.fields {
            guard row < bottom else { break }
            let focused = field == model.focus
            let fieldRow = FieldRowView(label: field.rawValue, isFocused: focused, theme: theme)
            fieldRow.drawLabel(on: canvas, row: row, column: inner.column, width: labelWidth)
            let valueRect = Rect(row: row, column: inner.column + labelWidth, rows: 1, columns: inner.columns - labelWidth)
            switch field {
            case .name:
                TextFieldView(buffer: model.name, isFocused: focused, theme: theme).draw(on: canvas, in: valueRect)
                row += 1
            case .type:
                drawChoice(model.kinds.map { ($0.label, $0 == model.type) }, focused: focused, on: canvas, in: valueRect)
                row += 1
            case .baseEntity:
                let entities: [BaseEntity] = [.contact, .lead]
                drawChoice(entities.map { ($0.label, $0 == model.baseEntity) }, focused: focused, on: canvas, in: valueRect)
                row += 1
            case .description:
                let height = min(3, bottom - row)
                TextFieldView(buffer: model.description, isFocused: focused, theme: theme)
                    .draw(on: canvas, in: Rect(row: row, column: valueRect.column, rows: height, columns: valueRect.columns))
                row += height
            case .query:
                // A mixed segment keeps a row for its members under the query.
                let below = [NewSegmentFormModel.Field.refresh, .members].filter(model.fields.contains).count
                let height = max(1, bottom - row - 2 - below)
                TextFieldView(buffer: model.query, isFocused: focused, theme: theme,
                              placeholder: "PROFILE(\(model.baseEntity.logicalName)).FILTER(…)")
                    .draw(on: canvas, in: Rect(row: row, column: valueRect.column, rows: height, columns: valueRect.columns))
                row += height
            case .refresh:
                TextFieldView(buffer: model.refresh, isFocused: focused, theme: theme, placeholder: "minutes, or off; empty: the service's default")
                    .draw(on: canvas, in: valueRect)
                row += 1
            case .members:
                let names = model.members.map { theme.sanitizer($0.fullName) }
                let text = names.isEmpty ? "none yet: Enter picks contacts" : "\(names.count): " + names.joined(separator: ", ")
                canvas.draw(TextWidth.truncate(text, toWidth: valueRect.columns, ellipsis: theme.ellipsis), row: row,
                            column: valueRect.column, width: valueRect.columns, style: focused ? .selection : .plain)
                row += 1
            }
            if row < bottom {
                row += fieldRow.drawIssue(model.issues[field], on: canvas, row: row, column: inner.column + labelWidth,
                                          width: inner.columns - labelWidth)
            }
        }
    }

    /// One line of radio buttons, the chosen one marked.
    private func drawChoice(_ options: [(label: String, chosen: Bool)], focused: Bool, on canvas: any Canvas, in rect: Rect) {
        let end = rect.column + rect.columns
        let texts = options.map { ($0.chosen ? "(•) " : "( ) ") + $0.label }
        // Where the choices do not all fit (40 columns), the chosen one alone: a choice cut in
        // half would read as another word, and the line must end inside the frame.
        let fits = TextWidth.of(texts.joined(separator: "  ")) <= rect.columns
        var column = rect.column
        for (option, text) in zip(options, texts) where fits || option.chosen {
            column += canvas.draw(text, row: rect.row, column: column, width: max(0, end - column),
                                  style: option.chosen && focused ? .selection : (option.chosen ? .accent : .plain))
            column += canvas.draw("  ", row: rect.row, column: column, width: max(0, min(2, end - column)), style: .plain)
        }
    }
}
