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

    /// Keys read together, as chords (the session has already folded escape sequences).
    static func chords(for keys: [Key]) -> [KeyChord] { keys.compactMap(chord(for:)) }
}
