import TerminalKit

/// Breaks text into lines of at most `width` display columns, at spaces where it can and inside
/// a word only when a word is longer than a line. Line breaks in the text are kept.
enum TextWrap {
    static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result += wrapParagraph(String(paragraph), width: width)
        }
        return result
    }

    private static func wrapParagraph(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let wordWidth = TextWidth.of(word)
            let needed = currentWidth == 0 ? wordWidth : currentWidth + 1 + wordWidth
            if needed <= width {
                current = currentWidth == 0 && current.isEmpty ? word : current + " " + word
                currentWidth = needed
                continue
            }
            if !current.isEmpty || currentWidth > 0 { lines.append(current) }
            current = ""
            currentWidth = 0
            var rest = word
            while TextWidth.of(rest) > width {
                var head = TextWidth.clip(rest, toWidth: width)
                // A character wider than the whole line still gets a line of its own.
                if head.isEmpty, let first = rest.first { head = String(first) }
                lines.append(head)
                rest = String(rest.dropFirst(head.count))
            }
            current = rest
            currentWidth = TextWidth.of(rest)
        }
        lines.append(current)
        return lines
    }
}
