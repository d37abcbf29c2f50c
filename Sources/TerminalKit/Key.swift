/// A key press or terminal event, decoded from ncurses' `get_wch` results.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    case character(Character)
    case control(Character)  // Ctrl-A … Ctrl-Z as their lowercase letter
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// Ctrl-← / Ctrl-→ (also Alt-←/→, which terminals send for the same word jumps).
    case controlLeft, controlRight
    case function(Int)
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
        case .controlLeft: return "Ctrl-←"
        case .controlRight: return "Ctrl-→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .resize: return "Resize"
        case .mouse(let event): return "\(event)"
        case .unknown(let code): return "key \(code)"
        }
    }
}
