/// The one rule both canvases use to turn text into cells, so that a golden screen taken on the
/// grid is what ncurses puts on the terminal.
enum CellFitting {
    /// The part of `text` that is drawn in at most `width` columns, and the columns it takes.
    ///
    /// The text is sanitised again (a canvas must never send a raw control character), clusters of
    /// width zero are dropped (ncurses would fold them into the neighbouring cell, even one on the
    /// previous line), and a wide character that would straddle the limit is left out whole.
    static func fit(_ text: String, width: Int, sanitizer: Sanitizer) -> (text: String, width: Int) {
        guard width > 0 else { return ("", 0) }
        let clean = sanitizer.sanitize(text)
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let count = min(clean.utf8.count, width)
            return (count == clean.utf8.count ? clean : String(clean.utf8.prefix(count))!, count)
        }
        var fitted = ""
        var used = 0
        for character in clean {
            let columns = TextWidth.of(character)
            if columns == 0 { continue }
            if used + columns > width { break }
            fitted.append(character)
            used += columns
        }
        return (fitted, used)
    }
}
