/// A key press or terminal event. The terminal layer decodes ncurses' `get_wch` results into
/// these and the key map binds the same values, so that bindings, help and every intent can be
/// tested without a terminal, and nothing translates between two key types.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case control(Character)  // Ctrl-A … Ctrl-Z as their lowercase letter
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl- or Alt-arrow (or Alt-b/Alt-f, which terminals send for the same word jumps): a word
    /// to the left or right.
    case wordLeft, wordRight
    case function(Int)
    /// Several characters that arrived at once (a paste), for a text field to insert in one go.
    case text(String)
    case resize
    /// A click or wheel turn, only when the session was started with `mouse`.
    case mouse(MouseEvent)
    case unknown(Int32)

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
        case .insert: return "Ins"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .wordLeft: return "Ctrl-←"
        case .wordRight: return "Ctrl-→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .text(let text): return text
        case .resize: return "Resize"
        case .mouse(let event): return "\(event)"
        case .unknown(let code): return "key \(code)"
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

extension Key {
    /// What the key types into a text field when no table binds it: a character or a paste;
    /// nil for every other key.
    public var insertableText: String? {
        switch self {
        case .character(let c): return String(c)
        case .text(let text): return text
        default: return nil
        }
    }

    /// Whether the key map may see it: false for what the terminal reports that no one binds
    /// (a resize, a click, which the run loop handles itself; Ins; codes nobody knows).
    public var isBindable: Bool {
        switch self {
        case .insert, .resize, .mouse, .unknown: return false
        default: return true
        }
    }
}
