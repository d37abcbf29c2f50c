import CNCurses

/// Measures and cuts text by the columns it occupies on a terminal, never by bytes or scalars.
///
/// Widths come from `wcwidth` for each scalar, which is what ncurses itself uses to place
/// characters, so a width measured here is the width ncurses draws: combining marks 0, East Asian
/// wide and emoji 2. Scalars that `Sanitizer` would replace count as their replacement (a control
/// character as its caret form, an unprintable scalar as U+FFFD). Works without a terminal.
public enum TextWidth {
    /// Where `pad` puts the spaces.
    public enum Alignment: Sendable {
        case leading, trailing
    }

    /// Columns taken by `text` when drawn.
    public static func of(_ text: String) -> Int {
        if let ascii = printableASCIICount(text) { return ascii }
        var total = 0
        for scalar in text.unicodeScalars { total += of(scalar) }
        return total
    }

    /// Columns taken by one grapheme cluster: the sum over its scalars, as ncurses counts it.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        var total = 0
        for scalar in character.unicodeScalars { total += of(scalar) }
        return total
    }

    /// Columns taken by one scalar once sanitised.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        if let visible = Sanitizer.visibleForm(of: scalar) { return visible.utf8.count }
        if Sanitizer.isRemoved(scalar) { return 0 }
        let width = Int(tk_wcwidth(wchar_t(bitPattern: value)))
        // wcwidth says -1 for what the C library cannot print; Sanitizer draws U+FFFD instead.
        return width < 0 ? 1 : width
    }

    /// The longest prefix of `text` that fits in `width` columns. A wide character that would
    /// straddle the limit is left out whole; nothing is added to make up the difference.
    public static func clip(_ text: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if let ascii = printableASCIICount(text) {
            return ascii <= width ? text : String(text.utf8.prefix(width))!
        }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let next = used + of(text[index])
            if next > width { break }
            used = next
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` made exactly `width` columns wide: clipped if longer, filled with spaces if shorter.
    public static func pad(_ text: String, toWidth width: Int, alignment: Alignment = .leading) -> String {
        guard width > 0 else { return "" }
        let clipped = clip(text, toWidth: width)
        let missing = width - of(clipped)
        guard missing > 0 else { return clipped }
        let spaces = String(repeating: " ", count: missing)
        switch alignment {
        case .leading: return clipped + spaces
        case .trailing: return spaces + clipped
        }
    }

    /// `text` if it fits in `width` columns; otherwise as much of it as fits followed by
    /// `ellipsis` (use `Theme.ellipsis`, which is "~" in ASCII mode), within `width` columns.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let mark = of(ellipsis)
        if mark >= width { return clip(ellipsis, toWidth: width) }
        return clip(text, toWidth: width - mark) + ellipsis
    }

    /// The column count when every byte is printable ASCII (the common case, with no lookups).
    private static func printableASCIICount(_ text: String) -> Int? {
        var count = 0
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return nil }
            count += 1
        }
        return count
    }
}

extension String {
    /// Columns this text takes on a terminal; see `TextWidth`.
    public var displayWidth: Int { TextWidth.of(self) }
}
