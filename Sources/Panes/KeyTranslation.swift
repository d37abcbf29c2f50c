import TerminalKit
import ViewModels

/// Terminal key events as the key map knows them; nil for events that are not keys (a resize).
enum KeyTranslation {
    static func chord(for key: Key) -> KeyChord? {
        switch key {
        case .character(let c): return .character(c)
        case .control(let c): return .control(c)
        case .enter: return .enter
        case .escape: return .escape
        case .tab: return .tab
        case .backTab: return .backTab
        case .backspace: return .backspace
        case .delete: return .delete
        case .up: return .up
        case .down: return .down
        case .left: return .left
        case .right: return .right
        case .controlLeft: return .wordLeft
        case .controlRight: return .wordRight
        case .home: return .home
        case .end: return .end
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .function(let n): return .function(n)
        case .insert, .resize, .unknown, .mouse: return nil
        }
    }

    /// Keys read together, as chords. Esc directly followed by b or f (Alt-b, Alt-f, sent as two
    /// bytes by terminals) becomes a word jump, as in readline.
    static func chords(for keys: [Key]) -> [KeyChord] {
        var result: [KeyChord] = []
        var index = 0
        while index < keys.count {
            if keys[index] == .escape, let length = mouseReportLength(in: keys, after: index) {
                index += 1 + length
                continue
            }
            if keys[index] == .escape, let (chord, length) = escapeSequence(in: keys, after: index) {
                result.append(chord)
                index += 1 + length
                continue
            }
            if let chord = chord(for: keys[index]) { result.append(chord) }
            index += 1
        }
        return result
    }

    /// Sequences ncurses leaves undecoded when the terminal sends another variant than its
    /// terminfo entry names (tmux sends End as ESC [ 4 ~ to a program that believes it runs in an
    /// xterm): they arrive as Esc and plain characters, and would otherwise close the pane.
    static let sequences: [(String, KeyChord)] = [
        ("[1;5D", .wordLeft), ("[1;5C", .wordRight), ("[1;3D", .wordLeft), ("[1;3C", .wordRight),
        ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home),
        ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end),
        ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
        ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left),
        ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left),
        ("b", .wordLeft), ("f", .wordRight),
    ]

    /// A mouse report (`ESC [ < b ; x ; y M` or `m`) that ncurses could not decode because it
    /// arrived split over a slow link: dropped whole, or its final `m` would open the members.
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

    private static func escapeSequence(in keys: [Key], after index: Int) -> (KeyChord, Int)? {
        var text = ""
        for key in keys[(index + 1)...].prefix(5) {
            guard case .character(let c) = key else { break }
            text.append(c)
        }
        // The longest sequence that the following characters start with.
        return sequences.filter { text.hasPrefix($0.0) }.max { $0.0.count < $1.0.count }.map { ($0.1, $0.0.count) }
    }
}
