import Segments
import TerminalKit
import ViewModels

/// Who is in a segment now (journeys' MembersList), names resolved, a page at a time.
@MainActor
struct CurrentMembersPane {
    let model: CurrentMembersModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        let title = "In the segment now: " + theme.sanitizer(model.segment.name)
        let inner = PaneBox.draw(on: canvas, in: rect, title: title, theme: theme)
        guard inner.rows >= 4 else { return }
        var row = inner.row
        var summary = model.total.map { "\($0) member\($0 == 1 ? "" : "s")" } ?? "members"
        summary += " · " + model.segment.type.label + " of " + model.segment.baseEntity.label.lowercased()
        if model.isLoading { summary += "  loading…" }
        canvas.draw(summary, row: row, column: inner.column, width: inner.columns, style: .accent)
        row += 1
        if let error = model.lastError {
            row += PaneBox.paragraph("Could not read the members: " + error.description, on: canvas, row: row,
                                     column: inner.column, width: inner.columns, maxRows: 2, style: .warning, theme: theme)
        }
        let nameWidth = max(10, min(36, inner.columns / 2))
        canvas.draw("  " + TextWidth.pad("Name", toWidth: nameWidth) + "  Email", row: row, column: inner.column,
                    width: inner.columns, style: .header)
        row += 1
        let visible = max(0, inner.row + inner.rows - row - 1)
        let people = model.people
        if people.isEmpty, !model.isLoading, model.lastError == nil {
            canvas.draw("  Nobody is in it now.", row: row, column: inner.column, width: inner.columns, style: .dim)
        }
        let first = max(0, min(model.selectedIndex - visible + 1, people.count - visible))
        for (offset, index) in (first..<min(people.count, first + visible)).enumerated() {
            let person = people[index]
            let shownName = person.fullName.isEmpty ? person.id : person.fullName
            let name = TextWidth.pad(TextWidth.truncate(theme.sanitizer(shownName), toWidth: nameWidth, ellipsis: theme.ellipsis),
                                     toWidth: nameWidth)
            let line = "  " + name + "  " + theme.sanitizer(person.email ?? "")
            let selected = index == model.selectedIndex
            if selected { canvas.fill(row: row + offset, column: inner.column, width: inner.columns, style: .selection) }
            canvas.draw(line, row: row + offset, column: inner.column, width: inner.columns, style: selected ? .selection : .plain)
        }
        var footer = model.positionLabel
        if model.hasMore { footer += "  PgDn next page" }
        if model.page > 1 { footer += "  PgUp previous" }
        if model.hasGroups { footer += "  v groups" }
        canvas.draw(footer, row: inner.row + inner.rows - 1, column: inner.column, width: inner.columns, style: .dim)
    }
}
