import Keys

/// Keys as people write them in config.toml: a character as itself (`"G"`, `"/"`), `"ctrl-d"`,
/// and names such as `"enter"`, `"esc"`, `"pgdn"`, `"f1"`, `"space"`. Names are not
/// case-sensitive; a single character is, since `g` and `G` are different keys.
extension Key {
    public init?(configName text: String) {
        if text.count == 1, let character = text.first, !character.isWhitespace || character == " " {
            self = .character(character)
            return
        }
        let name = text.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest == "left" { self = .wordLeft; return }
            if rest == "right" { self = .wordRight; return }
            guard rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter else { return nil }
            self = .control(letter)
            return
        }
        if name.hasPrefix("f"), let number = Int(name.dropFirst()), (1...12).contains(number) {
            self = .function(number)
            return
        }
        guard let named = Self.names[name] else { return nil }
        self = named
    }

    static let names: [String: Key] = [
        "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
        "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "del": .delete, "delete": .delete,
        "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "space": .character(" "),
    ]

    /// What config.toml accepts, for messages about a key it does not know.
    public static let namesHelp = "a single character, ctrl-LETTER, f1 to f12, or one of "
        + "enter, esc, tab, shift-tab, backspace, del, up, down, left, right, home, end, pgup, pgdn, space"
}
