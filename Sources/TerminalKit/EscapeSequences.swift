import Keys

/// Sequences ncurses leaves undecoded, folded into the keys they are. They arrive as Esc and
/// plain characters when the terminal sends another variant than its terminfo entry names (tmux
/// sends End as ESC [ 4 ~ to a program that believes it runs in an xterm), and would otherwise
/// close a pane and type the rest. Alt-b and Alt-f, sent as two bytes, become word jumps as in
/// readline. A mouse report split over a slow link outlasts the escape delay the same way and is
/// dropped whole: its final `m` would otherwise open the members.
public enum EscapeSequences {
    static let table: [(String, Key)] = [
        ("[1;5D", .wordLeft), ("[1;5C", .wordRight), ("[1;3D", .wordLeft), ("[1;3C", .wordRight),
        ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home),
        ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end),
        ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
        ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left),
        ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left),
        ("b", .wordLeft), ("f", .wordRight),
    ]

    /// `keys` read together, with every undecoded sequence folded or dropped.
    public static func fold(_ keys: [Key]) -> [Key] {
        var result: [Key] = []
        var index = 0
        while index < keys.count {
            if keys[index] == .escape, let length = mouseReportLength(in: keys, after: index) {
                index += 1 + length
                continue
            }
            if keys[index] == .escape, let (key, length) = sequence(in: keys, after: index) {
                result.append(key)
                index += 1 + length
                continue
            }
            result.append(keys[index])
            index += 1
        }
        return result
    }

    /// A mouse report (`ESC [ < b ; x ; y M` or `m`) that ncurses could not decode.
    private static func mouseReportLength(in keys: [Key], after index: Int) -> Int? {
        var text = ""
        for key in keys[(index + 1)...].prefix(20) {
            guard case .character(let c) = key else { return nil }
            text.append(c)
            if c == "M" || c == "m" { break }
        }
        guard text.wholeMatch(of: /\[<[0-9]+;[0-9]+;[0-9]+[Mm]/) != nil else { return nil }
        return text.count
    }

    /// The longest sequence that the characters after the Esc start with.
    private static func sequence(in keys: [Key], after index: Int) -> (Key, Int)? {
        var text = ""
        for key in keys[(index + 1)...].prefix(5) {
            guard case .character(let c) = key else { break }
            text.append(c)
        }
        return table.filter { text.hasPrefix($0.0) }.max { $0.0.count < $1.0.count }.map { ($0.1, $0.0.count) }
    }
}
