import CNCurses
import Foundation

/// Decides how each `Style.Role` looks on this terminal, and which characters are safe to draw.
///
/// Three colour levels: 256 colours, the 8 basic colours, and monochrome (when `NO_COLOR` is set,
/// `--no-color` is given, or the terminal has no colours), which uses only bold, reverse,
/// underline and dim. Independently, ASCII mode (a terminal that is not UTF-8) swaps line
/// characters, the spinner and the ellipsis for ASCII ones.
public struct Theme: Sendable {
    /// How many colours the theme may use.
    public enum Colors: Hashable, Sendable {
        case monochrome
        /// The 8 ANSI colours.
        case basic
        /// The xterm 256-colour palette.
        case extended
    }

    /// Renditions that every terminal we support can show, with or without colour.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let reverse = Attributes(rawValue: 1 << 1)
        public static let underline = Attributes(rawValue: 1 << 2)
        public static let dim = Attributes(rawValue: 1 << 3)
    }

    /// The look of one role: colour numbers (curses numbering, `defaultColor` for the terminal's
    /// own) and attributes.
    public struct Appearance: Hashable, Sendable {
        public static let defaultColor: Int16 = -1
        public var foreground: Int16
        public var background: Int16
        public var attributes: Attributes
        public init(foreground: Int16 = Appearance.defaultColor, background: Int16 = Appearance.defaultColor,
                    attributes: Attributes = []) {
            self.foreground = foreground
            self.background = background
            self.attributes = attributes
        }
        /// Whether either colour differs from the terminal's own.
        public var usesColor: Bool {
            foreground != Appearance.defaultColor || background != Appearance.defaultColor
        }
    }

    /// The characters panes draw frames and rules with.
    public struct Lines: Hashable, Sendable {
        public var horizontal, vertical: String
        public var topLeft, topRight, bottomLeft, bottomRight: String
        public var teeLeft, teeRight, teeTop, teeBottom, cross: String

        /// Box-drawing characters, for UTF-8 terminals.
        public static let unicode = Lines(
            horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
            bottomRight: "┘", teeLeft: "├", teeRight: "┤", teeTop: "┬", teeBottom: "┴", cross: "┼")
        /// `-`, `|` and `+`, for terminals that are not UTF-8.
        public static let ascii = Lines(
            horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
            bottomRight: "+", teeLeft: "+", teeRight: "+", teeTop: "+", teeBottom: "+", cross: "+")
    }

    /// How many colours this theme uses.
    public var colors: Colors
    /// Whether to draw only ASCII (lines, spinner, ellipsis, and text through `sanitizer`).
    public var isASCII: Bool
    /// The look of every role; replace entries to customise (for example from a config file).
    public var palette: [Style.Role: Appearance]

    /// The built-in palette for `colors`.
    public init(colors: Colors, ascii: Bool = false) {
        self.colors = colors
        self.isASCII = ascii
        switch colors {
        case .monochrome: palette = Theme.monochromePalette
        case .basic: palette = Theme.basicPalette
        case .extended: palette = Theme.extendedPalette
        }
    }

    /// The theme for a terminal with `colorCount` colours (curses' `COLORS`), unless colour was
    /// turned off by the user.
    public static func forTerminal(colorCount: Int, noColor: Bool, ascii: Bool) -> Theme {
        if noColor || colorCount < 8 { return Theme(colors: .monochrome, ascii: ascii) }
        return Theme(colors: colorCount >= 256 ? .extended : .basic, ascii: ascii)
    }

    /// Whether the user asked for no colour: `NO_COLOR` set to anything but the empty string
    /// (see no-color.org), or `--no-color` among the arguments.
    public static func noColorRequested(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        arguments: [String] = CommandLine.arguments
    ) -> Bool {
        if let value = environment["NO_COLOR"], !value.isEmpty { return true }
        return arguments.contains("--no-color")
    }

    /// How `style` looks: its role's appearance plus the style's own bold, reverse and underline.
    /// A role with its own background colour is already highlighted, so the style's `reverse`
    /// is not applied on top of it (it would swap the highlight into something unreadable).
    public func appearance(of style: Style) -> Appearance {
        var look = palette[style.role] ?? Appearance()
        if style.bold { look.attributes.insert(.bold) }
        if style.underline { look.attributes.insert(.underline) }
        if style.reverse && look.background == Appearance.defaultColor { look.attributes.insert(.reverse) }
        if colors == .monochrome {
            look.foreground = Appearance.defaultColor
            look.background = Appearance.defaultColor
        }
        return look
    }

    /// The curses colour pair number for `role`: 0 (the terminal's colours) when the role uses no
    /// colour or the theme is monochrome, otherwise a fixed number from 1 upwards.
    public func colorPair(for role: Style.Role) -> Int16 {
        guard colors != .monochrome, palette[role]?.usesColor == true,
              let index = Style.Role.allCases.firstIndex(of: role) else { return 0 }
        return Int16(index + 1)
    }

    /// The colour pairs to register with curses (`init_pair`) before drawing with this theme.
    public var colorPairs: [(pair: Int16, foreground: Int16, background: Int16)] {
        Style.Role.allCases.compactMap { role in
            let pair = colorPair(for: role)
            guard pair != 0, let look = palette[role] else { return nil }
            return (pair, look.foreground, look.background)
        }
    }

    /// Frames of the busy indicator, one per tick: braille dots, or `|/-\` in ASCII mode.
    public var spinnerFrames: [String] {
        isASCII ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    }

    /// What marks text cut short (see `TextWidth.truncate`).
    public var ellipsis: String { isASCII ? "~" : "…" }

    /// The line characters for frames and rules.
    public var lines: Lines { isASCII ? .ascii : .unicode }

    /// The sanitiser matching this terminal: ASCII only in ASCII mode.
    public var sanitizer: Sanitizer { Sanitizer(asciiOnly: isASCII) }

    private static let monochromePalette: [Style.Role: Appearance] = [
        .normal: Appearance(),
        .header: Appearance(attributes: .bold),
        .selection: Appearance(attributes: .reverse),
        .dim: Appearance(attributes: .dim),
        .accent: Appearance(attributes: .underline),
        .warning: Appearance(attributes: .bold),
        .error: Appearance(attributes: [.bold, .underline]),
        .success: Appearance(),
        .statusBar: Appearance(attributes: .reverse),
        .title: Appearance(attributes: .bold),
        .border: Appearance(),
    ]

    private static let basicPalette: [Style.Role: Appearance] = [
        .normal: Appearance(),
        .header: Appearance(foreground: Int16(COLOR_CYAN), attributes: .bold),
        .selection: Appearance(attributes: .reverse),
        .dim: Appearance(attributes: .dim),
        .accent: Appearance(foreground: Int16(COLOR_CYAN)),
        .warning: Appearance(foreground: Int16(COLOR_YELLOW), attributes: .bold),
        .error: Appearance(foreground: Int16(COLOR_RED), attributes: .bold),
        .success: Appearance(foreground: Int16(COLOR_GREEN)),
        .statusBar: Appearance(attributes: .reverse),
        .title: Appearance(attributes: .bold),
        .border: Appearance(foreground: Int16(COLOR_BLUE)),
    ]

    // Numbers in the xterm 256-colour palette (a property of the terminal, not of curses).
    private static let extendedPalette: [Style.Role: Appearance] = [
        .normal: Appearance(),
        .header: Appearance(foreground: 75, attributes: .bold),
        .selection: Appearance(foreground: 231, background: 25),
        .dim: Appearance(foreground: 245),
        .accent: Appearance(foreground: 117),
        .warning: Appearance(foreground: 214, attributes: .bold),
        .error: Appearance(foreground: 203, attributes: .bold),
        .success: Appearance(foreground: 114),
        .statusBar: Appearance(foreground: 252, background: 238),
        .title: Appearance(attributes: .bold),
        .border: Appearance(foreground: 240),
    ]
}
