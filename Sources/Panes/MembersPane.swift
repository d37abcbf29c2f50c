import Segments
import TerminalKit
import ViewModels

/// The members of a static segment: name and email a line, staged additions (+) and removals (−)
/// marked until saved, and where the page is.
@MainActor
struct MembersPane {
    let model: MembersModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        var title = "Members: " + theme.sanitizer(model.segment.name)
        if model.isDirty { title += " *" }
        let inner = PaneBox.draw(on: canvas, in: rect, title: title, theme: theme)
        guard inner.rows >= 3 else { return }
        var row = inner.row
        let staged = model.staged
        var summary = "\(model.total) member\(model.total == 1 ? "" : "s")"
        if !staged.isEmpty { summary += "  staged: +\(staged.additions.count) −\(staged.removals.count) (Ctrl-S saves, u undoes)" }
        if model.isSaving { summary += "  saving…" } else if model.isLoading { summary += "  loading…" }
        canvas.draw(summary, row: row, column: inner.column, width: inner.columns, style: .accent)
        row += 1
        if let notice = model.notice {
            row += PaneBox.paragraph(notice, on: canvas, row: row, column: inner.column, width: inner.columns, maxRows: 2,
                                     style: .warning, theme: theme)
        }
        let nameWidth = max(10, min(36, inner.columns / 2))
        canvas.draw("  " + TextWidth.pad("Name", toWidth: nameWidth) + "  Email", row: row, column: inner.column, width: inner.columns,
                    style: .header)
        row += 1
        let rows = model.rows
        let search = model.search.flatMap { $0.text.isEmpty ? nil : $0 }
        let footerRows = 1
        let visible = max(0, inner.row + inner.rows - row - footerRows)
        let first = max(0, min(model.selectedIndex - visible + 1, rows.count - visible))
        if rows.isEmpty, !model.isLoading {
            let empty = search.map { "  No member on this page matches '\(theme.sanitizer($0.text))'." }
                ?? "  No members yet." + (model.canChange ? " a adds contacts." : "")
            canvas.draw(empty, row: row, column: inner.column, width: inner.columns, style: .dim)
        }
        for (offset, index) in (max(0, first)..<min(rows.count, max(0, first) + visible)).enumerated() {
            let item = rows[index]
            let mark: String
            let style: Style
            switch item.mark {
            case .added: (mark, style) = ("+", .success)
            case .removed: (mark, style) = ("−", .error)
            case .none: (mark, style) = (" ", .plain)
            }
            let name = TextWidth.pad(TextWidth.truncate(theme.sanitizer(item.contact.fullName), toWidth: nameWidth,
                                                         ellipsis: theme.ellipsis), toWidth: nameWidth)
            let line = mark + " " + name + "  " + theme.sanitizer(item.contact.email ?? "")
            let selected = index == model.selectedIndex
            if selected { canvas.fill(row: row + offset, column: inner.column, width: inner.columns, style: .selection) }
            canvas.draw(line, row: row + offset, column: inner.column, width: inner.columns, style: selected ? .selection : style)
        }
        let pageEnd = model.skip + model.page.count
        var footer = model.total == 0 ? "" : "members \(model.skip + 1)–\(pageEnd) of \(model.total)"
            + (model.hasNextPage ? "  PgDn next page" : "") + (model.hasPreviousPage ? "  PgUp previous" : "")
        if let search { footer = "\(rows.count) match '\(theme.sanitizer(search.text))'  " + footer }
        canvas.draw(footer,
                    row: inner.row + inner.rows - 1, column: inner.column, width: inner.columns, style: .dim)
    }
}
