/// A surface that panes draw on: a rectangle of cells addressed by row and column.
///
/// Text is clipped by display width, never by bytes: a wide character that does not fit in the
/// remaining columns is not drawn in part. Untrusted text must go through `Sanitizer` first;
/// canvases assume what they are given is printable.
public protocol Canvas: AnyObject {
    /// The drawable size in cells.
    var size: Size { get }
    /// Blanks every cell (with the default style); the next frame draws from scratch into it.
    func erase()
    /// Draws `text` starting at `column` of `row`, using at most `width` columns (to the right
    /// edge when nil). Returns the number of columns drawn.
    @discardableResult
    func draw(_ text: String, row: Int, column: Int, width: Int?, style: Style) -> Int
    /// Fills `width` columns of `row` from `column` with spaces in `style`.
    func fill(row: Int, column: Int, width: Int, style: Style)
    /// Makes the frame visible (for ncurses: one `doupdate`).
    func present()
}

extension Canvas {
    @discardableResult
    public func draw(_ text: String, row: Int, column: Int, style: Style = .plain) -> Int {
        draw(text, row: row, column: column, width: nil, style: style)
    }
}

/// A size in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
    public var description: String { "\(columns)x\(rows)" }
}

/// A rectangle of cells inside a canvas.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var rows: Int
    public var columns: Int
    public init(row: Int, column: Int, rows: Int, columns: Int) {
        self.row = row
        self.column = column
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }
    public var isEmpty: Bool { rows == 0 || columns == 0 }

    /// Whether the cell at (`row`, `column`) lies inside.
    public func contains(row: Int, column: Int) -> Bool {
        (self.row..<self.row + rows).contains(row) && (self.column..<self.column + columns).contains(column)
    }
}
