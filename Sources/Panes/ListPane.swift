import Segments
import TerminalKit
import ViewModels

/// The segment table: a column header, then one line a segment, the selected one highlighted.
@MainActor
struct ListPane {
    let model: SegmentListModel
    let theme: Theme
    /// Drawn after the status of a segment on its way to Live or Stopped.
    var spinnerFrame: String = ""

    func draw(on canvas: any Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let columns = SegmentColumns(width: rect.columns)
        canvas.fill(row: rect.row, column: rect.column, width: rect.columns, style: .header)
        canvas.draw(columns.line(columns.headerCells, ellipsis: theme.ellipsis), row: rect.row, column: rect.column,
                    width: rect.columns, style: .header)
        let bodyRows = rect.rows - 1
        guard bodyRows > 0 else { return }

        if model.rows.isEmpty {
            let message: String
            if !model.hasLoadedOnce { message = model.lastError == nil ? "Loading segments…" : "Could not load segments." }
            else if model.query.nameContains != nil { message = "No segment matches the filter." }
            else { message = "No segments yet." }
            canvas.draw(" " + message, row: rect.row + 1, column: rect.column, width: rect.columns, style: .dim)
            return
        }
        let first = model.scrollOffset
        let last = min(model.rows.count, first + bodyRows)
        for (offset, index) in (first..<last).enumerated() {
            let row = rect.row + 1 + offset
            let isSelected = index == model.selectedIndex
            let style: Style = isSelected ? .selection : .plain
            var cells = SegmentColumns.cells(for: model.rows[index], sanitizer: theme.sanitizer)
            if model.rows[index].status.isTransitional, !spinnerFrame.isEmpty, let status = cells[.status] {
                cells[.status] = spinnerFrame + " " + status
            }
            if isSelected { canvas.fill(row: row, column: rect.column, width: rect.columns, style: style) }
            canvas.draw(columns.line(cells, ellipsis: theme.ellipsis), row: row, column: rect.column, width: rect.columns, style: style)
            if !isSelected, let status = columns.offset(of: .status), let statusStyle = Self.style(for: model.rows[index].status) {
                let text = TextWidth.truncate(cells[.status] ?? "", toWidth: status.width, ellipsis: theme.ellipsis)
                canvas.draw(text, row: row, column: rect.column + status.start, width: status.width, style: statusStyle)
            }
        }
        let shownRows = last - first
        if shownRows < bodyRows, model.hasMore {
            canvas.draw(" " + (theme.isASCII ? "..." : "…"), row: rect.row + 1 + shownRows, column: rect.column, width: rect.columns, style: .dim)
        }
    }

    /// Status at a glance: live is good news, error bad, the moving ones draw the eye.
    static func style(for status: SegmentStatus) -> Style? {
        switch status {
        case .live, .liveEditable: return .success
        case .error: return .error
        case .goingLive, .stopping: return .accent
        case .expired, .stopped: return .dim
        case .draft, .unknown: return nil
        }
    }
}
