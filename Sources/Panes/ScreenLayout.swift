import TerminalKit

/// Where each pane goes for a given terminal size: a header line, the body, a status line.
/// The detail sits beside the list on a wide terminal and below it on a narrow one.
public struct ScreenLayout: Equatable, Sendable {
    public static let minimum = Size(rows: 12, columns: 40)
    /// From this width on, the detail goes beside the list.
    public static let sideBySideWidth = 100

    public var header: Rect
    public var list: Rect
    public var detail: Rect?
    public var status: Rect
    public var isTooSmall: Bool

    public init(size: Size, detailOpen: Bool) {
        isTooSmall = size.rows < Self.minimum.rows || size.columns < Self.minimum.columns
        header = Rect(row: 0, column: 0, rows: 1, columns: size.columns)
        status = Rect(row: max(0, size.rows - 1), column: 0, rows: 1, columns: size.columns)
        let bodyRows = max(0, size.rows - 2)
        let body = Rect(row: 1, column: 0, rows: bodyRows, columns: size.columns)
        guard detailOpen else {
            list = body
            detail = nil
            return
        }
        if size.columns >= Self.sideBySideWidth {
            let listColumns = size.columns / 2
            list = Rect(row: body.row, column: 0, rows: body.rows, columns: listColumns)
            detail = Rect(row: body.row, column: listColumns, rows: body.rows, columns: size.columns - listColumns)
        } else {
            let listRows = max(4, body.rows * 2 / 5)
            list = Rect(row: body.row, column: 0, rows: listRows, columns: size.columns)
            detail = Rect(row: body.row + listRows, column: 0, rows: body.rows - listRows, columns: size.columns)
        }
    }

    /// Rows of segments the list shows (its first row is the column header).
    public var listViewportRows: Int { max(1, list.rows - 1) }
}
