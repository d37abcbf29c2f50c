/// Colours written by people: `[theme]` in config.toml gives a role a look such as
/// `"bold white on blue"`, `"245"` or `"203 underline"`: colour names or xterm numbers (0–255),
/// `on` before the background, and the attributes bold, dim, underline and reverse.
extension Theme {
    public struct SpecError: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The role a config key names (`status_bar` for `.statusBar`).
    public static func role(named name: String) -> Style.Role? {
        Style.Role.allCases.first { configName(of: $0) == name }
    }

    public static func configName(of role: Style.Role) -> String {
        var name = ""
        var previousWasLower = false
        for character in "\(role)" {
            if character.isUppercase, previousWasLower { name.append("_") }
            previousWasLower = character.isLowercase
            name += character.lowercased()
        }
        return name
    }

    public static let colorNames: [String: Int16] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "grey": 8, "gray": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
        "default": Appearance.defaultColor,
    ]

    public static func appearance(parsing spec: String) throws(SpecError) -> Appearance {
        var look = Appearance()
        var foregroundSet = false
        var nextIsBackground = false
        for word in spec.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            if word == "on" {
                guard !nextIsBackground else { throw SpecError("'on' twice in a row in \"\(spec)\"") }
                nextIsBackground = true
                continue
            }
            switch word {
            case "bold": look.attributes.insert(.bold); continue
            case "dim": look.attributes.insert(.dim); continue
            case "underline": look.attributes.insert(.underline); continue
            case "reverse": look.attributes.insert(.reverse); continue
            default: break
            }
            guard let color = colorNames[word] ?? Int16(word).flatMap({ (0...255).contains($0) ? $0 : nil }) else {
                throw SpecError("'\(word)' in \"\(spec)\" is neither a colour (a name such as blue, or 0 to 255) "
                    + "nor bold, dim, underline or reverse")
            }
            if nextIsBackground {
                look.background = color
                nextIsBackground = false
            } else {
                guard !foregroundSet else { throw SpecError("two text colours in \"\(spec)\"; write 'on' before the background") }
                look.foreground = color
                foregroundSet = true
            }
        }
        if nextIsBackground { throw SpecError("\"\(spec)\" ends with 'on'; name the background colour after it") }
        return look
    }

    /// This theme with some roles' looks replaced. A look whose colours this terminal cannot show
    /// (256-colour numbers on an 8-colour terminal) keeps the built-in colours and takes only its
    /// attributes; a monochrome theme takes only attributes anyway.
    public func customised(with overrides: [Style.Role: Appearance]) -> Theme {
        var theme = self
        let limit: Int16 = colors == .extended ? 256 : 8
        for (role, look) in overrides {
            let fits = look.foreground < limit && look.background < limit
            if fits {
                theme.palette[role] = look
            } else {
                var kept = palette[role] ?? Appearance()
                kept.attributes = look.attributes
                theme.palette[role] = kept
            }
        }
        return theme
    }
}
