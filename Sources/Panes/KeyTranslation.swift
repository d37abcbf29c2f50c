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
        case .insert, .resize, .unknown: return nil
        }
    }

    /// Keys read together, as chords. Esc directly followed by b or f (Alt-b, Alt-f, sent as two
    /// bytes by terminals) becomes a word jump, as in readline.
    static func chords(for keys: [Key]) -> [KeyChord] {
        var result: [KeyChord] = []
        var index = 0
        while index < keys.count {
            if keys[index] == .escape, index + 1 < keys.count, case .character(let c) = keys[index + 1], c == "b" || c == "f" {
                result.append(c == "b" ? .wordLeft : .wordRight)
                index += 2
                continue
            }
            if let chord = chord(for: keys[index]) { result.append(chord) }
            index += 1
        }
        return result
    }
}
