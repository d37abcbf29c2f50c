import CNCurses

/// A canvas over an ncurses window (the whole screen by default).
///
/// Text is clipped by display width here, in Swift, before ncurses sees it: ncurses' own
/// `addnstr` counts bytes, and a line that overflows would wrap into the next row. Frames are
/// drawn into the window and made visible with one `wnoutrefresh` + `doupdate`, so ncurses sends
/// only the cells that changed. Use from the main thread only, like every ncurses call.
public final class NcursesCanvas: Canvas {
    public typealias Window = UnsafeMutablePointer<WINDOW>

    private let window: Window
    private var sanitizer: Sanitizer
    private var useDefaultColors: Bool
    /// The theme that maps each `Style` to colours and attributes; setting it registers its pairs.
    public var theme: Theme {
        didSet { applyTheme() }
    }

    /// A canvas over `window` (stdscr when nil). `defaultColorsAvailable` says whether the terminal
    /// accepted `use_default_colors`; when not, the default colour becomes white on black.
    public init(window: Window? = nil, theme: Theme, defaultColorsAvailable: Bool = true) {
        guard let target = window ?? tk_stdscr() else {
            preconditionFailure("NcursesCanvas needs a started TerminalSession (stdscr is not set)")
        }
        self.window = target
        self.theme = theme
        self.useDefaultColors = defaultColorsAvailable
        self.sanitizer = Sanitizer(lineBreaks: .visible, tabs: .visible, asciiOnly: theme.isASCII)
        applyTheme()
    }

    public var size: Size {
        Size(rows: Int(getmaxy(window)), columns: Int(getmaxx(window)))
    }

    public func erase() {
        // werase, never clear: clear() makes the next doupdate repaint the whole terminal.
        werase(window)
    }

    @discardableResult
    public func draw(_ text: String, row: Int, column: Int, width: Int?, style: Style) -> Int {
        let size = self.size
        guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return 0 }
        let available = min(width ?? Int.max, size.columns - column)
        let fitted = CellFitting.fit(text, width: available, sanitizer: sanitizer)
        guard fitted.width > 0 else { return 0 }
        let look = theme.appearance(of: style)
        _ = tk_set_style(window, attributes(of: look), Int32(theme.colorPair(for: style.role)))
        // ERR is expected when the last cell of the bottom row is written: the cursor cannot move
        // on, yet the cell is drawn.
        _ = fitted.text.withCString { tk_put(window, Int32(row), Int32(column), $0) }
        _ = tk_set_style(window, tk_a_normal(), 0)
        return fitted.width
    }

    public func fill(row: Int, column: Int, width: Int, style: Style) {
        guard width > 0 else { return }
        draw(String(repeating: " ", count: width), row: row, column: column, width: width, style: style)
    }

    public func present() {
        // After endwin a refresh would take the terminal back into curses mode: a frame rendered
        // while the program is shutting down must not undo the restore.
        guard !isendwin() else { return }
        wnoutrefresh(window)
        doupdate()
    }

    private func attributes(of look: Theme.Appearance) -> attr_t {
        var result = tk_a_normal()
        if look.attributes.contains(.bold) { result |= tk_a_bold() }
        if look.attributes.contains(.reverse) { result |= tk_a_reverse() }
        if look.attributes.contains(.underline) { result |= tk_a_underline() }
        if look.attributes.contains(.dim) { result |= tk_a_dim() }
        return result
    }

    private func applyTheme() {
        sanitizer.asciiOnly = theme.isASCII
        guard theme.colors != .monochrome, has_colors() else { return }
        for entry in theme.colorPairs {
            let foreground = entry.foreground == Theme.Appearance.defaultColor && !useDefaultColors
                ? Int16(COLOR_WHITE) : entry.foreground
            let background = entry.background == Theme.Appearance.defaultColor && !useDefaultColors
                ? Int16(COLOR_BLACK) : entry.background
            init_pair(entry.pair, foreground, background)
        }
    }
}
