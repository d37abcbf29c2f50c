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
    /// The API counts the journeys using each segment (journeys): show them in a column.
    var showsJourneys = false

    func draw(on canvas: any Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let columns = SegmentColumns(width: rect.columns, journeys: showsJourneys)
        canvas.fill(row: rect.row, column: rect.column, width: rect.columns, style: .header)
        let header = columns.headerCells(sortedBy: model.query.sortKey, descending: model.query.descending, ascii: theme.isASCII)
        canvas.draw(columns.line(header, ellipsis: theme.ellipsis), row: rect.row, column: rect.column,
                    width: rect.columns, style: .header)
        let bodyRows = rect.rows - 1
        guard bodyRows > 0 else { return }

        if model.count == 0 {
            let message: String
            if !model.hasLoadedOnce { message = model.lastError == nil ? "Loading segments…" : "Could not load segments." }
            else if model.query.nameContains != nil { message = "No segment matches the filter." }
            else { message = "No segments yet." }
            canvas.draw(" " + message, row: rect.row + 1, column: rect.column, width: rect.columns, style: .dim)
            return
        }
        let visible = model.visibleRange
        for (offset, index) in visible.prefix(bodyRows).enumerated() {
            let row = rect.row + 1 + offset
            let isSelected = index == model.selectedIndex
            let mark = model.row(at: index).flatMap { model.mark(of: $0.id) }
            let style = Self.style(selected: isSelected, mark: mark)
            if isSelected { canvas.fill(row: row, column: rect.column, width: rect.columns, style: style) }
            guard let segment = model.row(at: index) else {
                // Its page is on the way; the key that brought it here did not wait for it.
                canvas.draw(" " + (theme.isASCII ? "loading..." : "loading…"), row: row, column: rect.column, width: rect.columns,
                            style: isSelected ? style : .dim)
                continue
            }
            var cells = SegmentColumns.cells(for: segment, sanitizer: theme.sanitizer)
            if segment.status.isTransitional, !spinnerFrame.isEmpty, let status = cells[.status] {
                cells[.status] = spinnerFrame + " " + status
            }
            canvas.draw(columns.line(cells, ellipsis: theme.ellipsis), row: row, column: rect.column, width: rect.columns, style: style)
            if !isSelected, mark == nil, let status = columns.offset(of: .status), let statusStyle = Self.style(for: segment.status) {
                let text = TextWidth.truncate(cells[.status] ?? "", toWidth: status.width, ellipsis: theme.ellipsis)
                canvas.draw(text, row: row, column: rect.column + status.start, width: status.width, style: statusStyle)
            }
        }
    }

    /// A row the live refresh found changed is bold in the accent colour for a few seconds; one
    /// gone from the service is dimmed and underlined until it is taken out.
    static func style(selected: Bool, mark: RowMark?) -> Style {
        switch (mark, selected) {
        case (nil, false): return .plain
        case (nil, true): return .selection
        case (.changed?, false): return Style(.accent, bold: true)
        case (.changed?, true): return Style(.selection, bold: true, reverse: true)
        case (.deleted?, false): return Style(.dim, underline: true)
        case (.deleted?, true): return Style(.selection, reverse: true, underline: true)
        }
    }

    /// Status at a glance: live is good news, error bad, the moving ones draw the eye.
    static func style(for status: SegmentStatus) -> Style? {
        switch status {
        case .live, .liveEditable, .liveWithWarnings: return .success
        case .error: return .error
        case .goingLive, .stopping: return .accent
        case .expired, .stopped, .deleted: return .dim
        case .draft, .unknown: return nil
        }
    }
}
