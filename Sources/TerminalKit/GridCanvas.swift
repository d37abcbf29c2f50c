/// A canvas kept in memory as a grid of cells, for tests (golden screens) and screenshots.
///
/// It places and clips text by the same rule as `NcursesCanvas`, and a wide character takes its
/// cell plus the next one, marked as a continuation, as it does on a terminal.
public final class GridCanvas: Canvas {
    /// One cell of the grid.
    public struct Cell: Hashable, Sendable {
        /// What is drawn here; a space for a blank cell and for the right half of a wide character.
        public var character: Character
        public var style: Style
        /// True for the cells that the wide character to their left covers.
        public var isContinuation: Bool

        /// An empty cell: a space in the plain style.
        public static let blank = Cell(character: " ", style: .plain, isContinuation: false)
    }

    public private(set) var size: Size
    /// How many times `present()` was called: one per frame made visible.
    public private(set) var frameCount = 0
    private var cells: [Cell]
    private let sanitizer: Sanitizer

    /// A blank grid of `size`. With `asciiOnly`, text is folded to ASCII as an ASCII-mode
    /// terminal would show it.
    public init(size: Size, asciiOnly: Bool = false) {
        self.size = Size(rows: max(0, size.rows), columns: max(0, size.columns))
        self.cells = Array(repeating: .blank, count: self.size.rows * self.size.columns)
        self.sanitizer = Sanitizer(lineBreaks: .visible, tabs: .visible, asciiOnly: asciiOnly)
    }

    /// A blank grid of `rows` by `columns`.
    public convenience init(rows: Int, columns: Int, asciiOnly: Bool = false) {
        self.init(size: Size(rows: rows, columns: columns), asciiOnly: asciiOnly)
    }

    /// Changes the size, as a terminal resize does; the content is blanked.
    public func resize(to newSize: Size) {
        size = Size(rows: max(0, newSize.rows), columns: max(0, newSize.columns))
        cells = Array(repeating: .blank, count: size.rows * size.columns)
    }

    public func erase() {
        for index in cells.indices { cells[index] = .blank }
    }

    @discardableResult
    public func draw(_ text: String, row: Int, column: Int, width: Int?, style: Style) -> Int {
        guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return 0 }
        let available = min(width ?? Int.max, size.columns - column)
        let fitted = CellFitting.fit(text, width: available, sanitizer: sanitizer)
        var x = column
        for character in fitted.text {
            let columns = TextWidth.of(character)
            put(Cell(character: character, style: style, isContinuation: false), row: row, column: x)
            for extra in 1..<max(1, columns) {
                put(Cell(character: " ", style: style, isContinuation: true), row: row, column: x + extra)
            }
            x += columns
        }
        return fitted.width
    }

    public func fill(row: Int, column: Int, width: Int, style: Style) {
        guard width > 0 else { return }
        draw(String(repeating: " ", count: width), row: row, column: column, width: width, style: style)
    }

    public func present() {
        frameCount += 1
    }

    /// The cell at `row`, `column`, or nil outside the grid.
    public func cell(row: Int, column: Int) -> Cell? {
        guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return nil }
        return cells[row * size.columns + column]
    }

    /// The style of the cell at `row`, `column`, or nil outside the grid.
    public func style(row: Int, column: Int) -> Style? {
        cell(row: row, column: column)?.style
    }

    /// Each row as text, a wide character once (it looks as wide as the two cells it covers).
    public func lines(trimmingTrailingSpaces: Bool = true) -> [String] {
        (0..<size.rows).map { row in
            var line = ""
            for column in 0..<size.columns {
                let cell = cells[row * size.columns + column]
                if !cell.isContinuation { line.append(cell.character) }
            }
            guard trimmingTrailingSpaces else { return line }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The whole screen as text, rows joined with newlines, trailing spaces trimmed.
    public var text: String { lines().joined(separator: "\n") }

    /// Each row with one mark per column chosen from its cell's style (a wide character's two
    /// cells get two marks), for golden tests of where styles fall.
    public func styleLines(_ mark: (Style) -> Character) -> [String] {
        (0..<size.rows).map { row in
            String((0..<size.columns).map { mark(cells[row * size.columns + $0].style) })
        }
    }

    /// Writes one cell, blanking what is left of a wide character it overwrites half of, as the
    /// terminal does.
    private func put(_ cell: Cell, row: Int, column: Int) {
        guard column >= 0, column < size.columns else { return }
        let index = row * size.columns + column
        let old = cells[index]
        if old.isContinuation && !cell.isContinuation && column > 0 {
            blankWideCharacter(endingBefore: column, row: row)
        }
        if !old.isContinuation {
            // The cells that `old` covered to its right are orphaned now.
            var next = column + 1
            while next < size.columns, cells[row * size.columns + next].isContinuation {
                cells[row * size.columns + next] = Cell(character: " ", style: old.style, isContinuation: false)
                next += 1
            }
        }
        cells[index] = cell
    }

    private func blankWideCharacter(endingBefore column: Int, row: Int) {
        var start = column - 1
        while start > 0, cells[row * size.columns + start].isContinuation { start -= 1 }
        for x in start..<column {
            let index = row * size.columns + x
            cells[index] = Cell(character: " ", style: cells[index].style, isContinuation: false)
        }
    }
}
