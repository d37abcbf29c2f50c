/// What the mouse did, at which cell of the screen (0-based). Only presses of the first button
/// and the wheel are asked for: enough to pick a row and scroll, and the terminal's own
/// selection keeps working with Shift held.
public struct MouseEvent: Hashable, Sendable, CustomStringConvertible {
    public enum Action: Hashable, Sendable {
        case press, wheelUp, wheelDown
    }

    public var action: Action
    public var row: Int
    public var column: Int

    public init(_ action: Action, row: Int, column: Int) {
        self.action = action
        self.row = row
        self.column = column
    }

    public var description: String {
        switch action {
        case .press: return "click at \(row),\(column)"
        case .wheelUp: return "wheel up at \(row),\(column)"
        case .wheelDown: return "wheel down at \(row),\(column)"
        }
    }
}
