import Segments
import TerminalKit
import ViewModels

/// A journeys segment's static groups: Include on the left, Exclude on the right, each side
/// showing one of its groups a page at a time, staged additions (+) and removals (−) marked.
@MainActor
struct GroupsPane {
    let model: GroupMembersModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        var title = "Groups: " + theme.sanitizer(model.segment.name)
        if model.isDirty { title += " *" }
        let inner = PaneBox.draw(on: canvas, in: rect, title: title, theme: theme)
        guard inner.rows >= 6, inner.columns >= 20 else { return }
        var row = inner.row
        var summary = "\(model.groups.count) of \(MemberGroup.maximumCount) groups"
        if !model.staged.isEmpty {
            summary += "  staged: +\(model.staged.additionCount) −\(model.staged.removalCount) (Ctrl-S saves, u undoes)"
        }
        if model.isSaving { summary += "  saving…" } else if model.isLoading { summary += "  loading…" }
        canvas.draw(summary, row: row, column: inner.column, width: inner.columns, style: .accent)
        row += 1
        if let prompt = model.prompt {
            let used = canvas.draw(prompt.title + " ", row: row, column: inner.column, width: inner.columns, style: .accent)
            TextFieldView(buffer: prompt.buffer, isFocused: true, theme: theme)
                .draw(on: canvas, in: Rect(row: row, column: inner.column + used, rows: 1, columns: max(1, inner.columns - used)))
            row += 1
        } else if let notice = model.notice {
            let style: Style = model.lastError != nil ? .warning : .dim
            row += PaneBox.paragraph(notice, on: canvas, row: row, column: inner.column, width: inner.columns, maxRows: 2,
                                     style: style, theme: theme)
        }
        let footerRow = inner.row + inner.rows - 1
        let left = (inner.columns - 3) / 2
        let body = Rect(row: row, column: inner.column, rows: footerRow - row, columns: inner.columns)
        drawSide(.include, on: canvas, in: Rect(row: body.row, column: body.column, rows: body.rows, columns: left))
        for line in body.row..<(body.row + body.rows) {
            canvas.draw(theme.lines.vertical, row: line, column: body.column + left + 1, width: 1, style: .border)
        }
        drawSide(.exclude, on: canvas, in: Rect(row: body.row, column: body.column + left + 3, rows: body.rows,
                                                 columns: inner.columns - left - 3))
        canvas.draw("Tab side  [ ] group  c new  R rename  X delete  v who is in it now", row: footerRow,
                    column: inner.column, width: inner.columns, style: .dim)
    }

    private func drawSide(_ role: MemberGroup.Role, on canvas: any Canvas, in rect: Rect) {
        guard rect.rows >= 2, rect.columns >= 4 else { return }
        let focused = model.focusedRole == role
        let groups = model.side(role)
        guard let index = model.shownGroupIndex(role) else {
            canvas.draw((focused ? "▸ " : "  ") + role.label + ": no group", row: rect.row, column: rect.column, width: rect.columns,
                        style: focused ? .selection : .dim)
            if model.canChange {
                canvas.draw("  c creates one", row: rect.row + 1, column: rect.column, width: rect.columns, style: .dim)
            }
            return
        }
        let view = model.groups[index]
        let position = groups.firstIndex { $0.index == index }.map { $0 + 1 } ?? 1
        var heading = (focused ? "▸ " : "  ") + role.label + ": " + theme.sanitizer(view.group.name)
        if let size = view.group.size { heading += " (\(size))" }
        if groups.count > 1 { heading += " \(position)/\(groups.count)" }
        if focused { canvas.fill(row: rect.row, column: rect.column, width: rect.columns, style: .selection) }
        canvas.draw(TextWidth.truncate(heading, toWidth: rect.columns, ellipsis: theme.ellipsis), row: rect.row,
                    column: rect.column, width: rect.columns, style: focused ? .selection : .header)
        let rows = model.rows(of: view)
        let listTop = rect.row + 1
        let visible = max(0, rect.rows - 2)
        if rows.isEmpty, !view.isLoading, !model.isLoading {
            canvas.draw("  No members." + (model.canChange ? " a adds contacts." : ""), row: listTop, column: rect.column,
                        width: rect.columns, style: .dim)
        }
        let first = max(0, min(view.selectedIndex - visible + 1, rows.count - visible))
        for (offset, at) in (first..<min(rows.count, first + visible)).enumerated() {
            let item = rows[at]
            let (mark, style): (String, Style)
            switch item.mark {
            case .added: (mark, style) = ("+", .success)
            case .removed: (mark, style) = ("−", .error)
            case .none: (mark, style) = (" ", .plain)
            }
            let name = item.contact.fullName.isEmpty ? item.contact.id : item.contact.fullName
            var line = mark + " " + theme.sanitizer(name)
            if let email = item.contact.email, rect.columns > 40 { line += "  " + theme.sanitizer(email) }
            let selected = focused && at == view.selectedIndex
            if selected { canvas.fill(row: listTop + offset, column: rect.column, width: rect.columns, style: .selection) }
            canvas.draw(TextWidth.truncate(line, toWidth: rect.columns, ellipsis: theme.ellipsis), row: listTop + offset,
                        column: rect.column, width: rect.columns, style: selected ? .selection : style)
        }
        var footer = "page \(view.page)"
        if view.hasMore { footer += "  PgDn next" }
        if view.page > 1 { footer += "  PgUp previous" }
        if view.isLoading { footer += "  loading…" }
        canvas.draw(footer, row: rect.row + rect.rows - 1, column: rect.column, width: rect.columns, style: .dim)
    }
}
