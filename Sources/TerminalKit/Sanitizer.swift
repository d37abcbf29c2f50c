import CNCurses
import Foundation

/// Makes untrusted text (anything a service or a file sent) safe to draw on a terminal.
///
/// - Control characters are shown, never executed, in caret notation as `cat -v` and `less` show
///   them: ESC is `^[`, BEL `^G`, DEL `^?`, and a C1 control such as U+009B (an 8-bit CSI) is
///   `M-^[`. The same notation is used in UTF-8 and ASCII mode, so a string measures the same in
///   both. Line breaks and tabs become a space or their caret form, as chosen.
/// - Bidirectional overrides, embeddings, isolates and marks (U+202A–202E, U+2066–2069, U+200E,
///   U+200F, U+061C) are removed, so text cannot reorder what is drawn after it.
/// - Scalars the C library cannot print (unassigned, noncharacters) become U+FFFD, so that ncurses,
///   the terminal and `TextWidth` agree on their width.
/// - With `simplifiesEmoji`, joiners between emoji, variation selector 16, skin-tone modifiers and
///   tag characters are removed: terminals disagree on how wide those sequences are, and a
///   disagreement shifts every cell after it. Each emoji is then drawn on its own.
/// - With `asciiOnly` (for terminals that are not UTF-8), accents are stripped, the panes' symbols
///   become their ASCII look-alikes (`asciiSymbols`), and anything else outside ASCII becomes `?`.
///
/// Everything else (accented letters, CJK, Japanese, emoji) is kept as it is.
public struct Sanitizer: Sendable {
    /// How a line break or a tab is shown.
    public enum Whitespace: Sendable {
        /// As one space, for text that is drawn on one line anyway.
        case space
        /// In caret notation (`^J`, `^M`, `^I`), for text whose exact content matters.
        case visible
    }

    /// How CR, LF, VT, FF, NEL and the Unicode line and paragraph separators are shown.
    public var lineBreaks: Whitespace
    /// How a tab is shown; tab stops mean nothing inside a cell range, so never as a tab.
    public var tabs: Whitespace
    /// Whether emoji sequences of uncertain width are split into plain emoji (see above).
    public var simplifiesEmoji: Bool
    /// Whether the output is folded to ASCII for a terminal that is not UTF-8.
    public var asciiOnly: Bool

    public init(
        lineBreaks: Whitespace = .space, tabs: Whitespace = .space,
        simplifiesEmoji: Bool = true, asciiOnly: Bool = false
    ) {
        self.lineBreaks = lineBreaks
        self.tabs = tabs
        self.simplifiesEmoji = simplifiesEmoji
        self.asciiOnly = asciiOnly
    }

    /// For names and one-line fields: breaks and tabs as spaces.
    public static let standard = Sanitizer()
    /// What the canvases apply to everything they draw, as a last line of defence: every control
    /// character visible, so that what is drawn has exactly the width `TextWidth` measured.
    public static let canvas = Sanitizer(lineBreaks: .visible, tabs: .visible)

    /// Sanitises `text`; see the type's documentation for what changes.
    public func callAsFunction(_ text: String) -> String { sanitize(text) }

    /// Sanitises `text`; see the type's documentation for what changes.
    public func sanitize(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        var output = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            if Sanitizer.isRemoved(scalar) { continue }
            if simplifiesEmoji && isUnstableEmojiPart(scalar, after: previous) { continue }
            if Sanitizer.isLineBreak(scalar) {
                switch lineBreaks {
                case .space:
                    // A CR LF pair is one break, so it becomes one space.
                    if !(scalar == "\n" && afterCarriageReturn) { output.append(" ") }
                    previous = " "
                    continue
                case .visible:
                    break
                }
            }
            if scalar == "\t" && tabs == .space {
                output.append(" ")
                previous = " "
                continue
            }
            if let visible = Sanitizer.visibleForm(of: scalar) {
                output.append(contentsOf: visible.unicodeScalars)
                previous = visible.unicodeScalars.last
                continue
            }
            let printable = scalar.isASCII || tk_wcwidth(wchar_t(bitPattern: scalar.value)) >= 0
            let kept = printable ? scalar : Unicode.Scalar(0xFFFD)!
            output.append(kept)
            previous = kept
        }
        let result = String(output)
        return asciiOnly ? Sanitizer.foldToASCII(result) : result
    }

    /// Sanitises raw bytes that should be UTF-8: invalid sequences become U+FFFD first.
    public func sanitize<Bytes: Collection>(utf8 bytes: Bytes) -> String where Bytes.Element == UInt8 {
        sanitize(String(decoding: bytes, as: UTF8.self))
    }

    /// The caret form that replaces a control character, or nil if `scalar` is not one.
    public static func visibleForm(of scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x00..<0x20: return "^" + String(UnicodeScalar(UInt8(value + 0x40)))
        case 0x7F: return "^?"
        case 0x80..<0xA0: return "M-^" + String(UnicodeScalar(UInt8(value - 0x80 + 0x40)))
        default: return nil
        }
    }

    /// Whether `scalar` is dropped whatever the options: the bidirectional controls.
    public static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private func isUnstableEmojiPart(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        switch scalar.value {
        case 0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F: return true
        case 0x200D:
            guard let previous, !previous.isASCII else { return false }
            return previous.properties.isEmoji
        default: return false
        }
    }

    private func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The symbols the panes draw, each as the ASCII character of the same width that reads as
    /// it, so that no pane has to pick its own fallback.
    static let asciiSymbols: [Unicode.Scalar: Unicode.Scalar] = [
        "▸": ">", "✗": "x", "•": "*", "·": "-", "−": "-", "–": "-", "—": "-",
        "↑": "^", "↓": "v", "←": "<", "→": ">",
    ]

    private static func foldToASCII(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.isASCII {
                output.append(scalar)
            } else if let symbol = asciiSymbols[scalar] {
                output.append(symbol)
            } else if tk_wcwidth(wchar_t(bitPattern: scalar.value)) != 0 {
                output.append("?")
            }
            // Zero-width scalars (the accents split off by decomposition) are dropped: "é" → "e".
        }
        return String(output)
    }
}
