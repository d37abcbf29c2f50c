import Segments
import TerminalKit
import ViewModels

/// The contact picker over the members or the form: a search field, then the service's answers
/// with marks; contacts that are already members are shown dimmed and cannot be marked.
@MainActor
struct PickerPane {
    let model: ContactPickerModel
    let theme: Theme

    func draw(on canvas: any Canvas, in area: Rect) {
        let rect = PaneBox.centred(rows: area.rows - 2, columns: min(76, area.columns - 4), in: area)
        let marked = model.marked.count
        let inner = PaneBox.draw(on: canvas, in: rect, title: "Add contacts" + (marked > 0 ? " (\(marked) marked)" : ""), theme: theme)
        guard inner.rows >= 4 else { return }
        let label = "Search: "
        canvas.draw(label, row: inner.row, column: inner.column, width: inner.columns, style: model.focus == .search ? .accent : .dim)
        let field = Rect(row: inner.row, column: inner.column + TextWidth.of(label), rows: 1,
                         columns: inner.columns - TextWidth.of(label))
        TextFieldView(buffer: model.query, isFocused: model.focus == .search, theme: theme,
                      placeholder: model.focus == .search ? "" : "name or email").draw(on: canvas, in: field)
        var status = model.isSearching ? "searching…" : "\(model.results.count) found"
        if let error = model.lastError { status = error.description }
        canvas.draw(theme.sanitizer(status), row: inner.row + 1, column: inner.column, width: inner.columns,
                    style: model.lastError != nil ? .error : .dim)
        let top = inner.row + 2
        let visible = inner.rows - 3
        let first = max(0, min(model.selectedIndex - visible + 1, model.results.count - visible))
        let nameWidth = max(10, min(30, inner.columns / 2 - 4))
        for (offset, index) in (first..<min(model.results.count, first + max(0, visible))).enumerated() {
            let contact = model.results[index]
            let isMember = model.existing.contains(contact.id)
            let box = isMember ? "[·]" : (model.isMarked(contact) ? "[x]" : "[ ]")
            let name = TextWidth.pad(TextWidth.truncate(theme.sanitizer(contact.fullName), toWidth: nameWidth, ellipsis: theme.ellipsis),
                                     toWidth: nameWidth)
            let line = box + " " + name + "  " + theme.sanitizer(contact.email ?? "") + (isMember ? "  (member)" : "")
            let selected = model.focus == .results && index == model.selectedIndex
            if selected { canvas.fill(row: top + offset, column: inner.column, width: inner.columns, style: .selection) }
            canvas.draw(line, row: top + offset, column: inner.column, width: inner.columns,
                        style: selected ? .selection : (isMember ? .dim : .plain))
        }
        canvas.draw("↓ results  Space mark  Enter add  Esc cancel".replacingOccurrences(of: "↓", with: theme.isASCII ? "Down" : "↓"),
                    row: inner.row + inner.rows - 1, column: inner.column, width: inner.columns, style: .dim)
    }
}
