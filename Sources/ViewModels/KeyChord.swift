/// A key as the key map sees it. The terminal layer translates its own key events into these, so
/// that bindings, help and every intent can be tested without a terminal.
public enum KeyChord: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case control(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl- or Alt-arrow (or Alt-b/Alt-f): a word to the left or right.
    case wordLeft, wordRight
    case function(Int)
    /// Several characters that arrived at once (a paste), for a text field to insert in one go.
    case text(String)

    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .wordLeft: return "Ctrl-←"
        case .wordRight: return "Ctrl-→"
        case .function(let n): return "F\(n)"
        case .text(let text): return text
        }
    }

    /// The same words without arrows, for terminals that draw ASCII only.
    public var asciiDescription: String {
        switch self {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .wordLeft: return "Ctrl-Left"
        case .wordRight: return "Ctrl-Right"
        default: return description
        }
    }
}

extension KeyChord {
    /// What the key types into a text field when no table binds it: a character or a paste;
    /// nil for every other key.
    public var insertableText: String? {
        switch self {
        case .character(let c): return String(c)
        case .text(let text): return text
        default: return nil
        }
    }
}
