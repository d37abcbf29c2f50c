/// The undo and redo stacks of an editable value: text fields and staged members both walk
/// their history the same way, so they share this instead of two copies of the stack logic.
public struct UndoHistory<State: Equatable & Sendable>: Equatable, Sendable {
    private var undoStack: [State] = []
    private var redoStack: [State] = []

    public init() {}

    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Remembers `current` as the state before a new change; a new change forgets what was undone.
    public mutating func record(_ current: State) {
        undoStack.append(current)
        redoStack.removeAll()
    }

    /// Forgets what was undone without recording a step (a change merged into the last step).
    public mutating func forgetRedo() {
        redoStack.removeAll()
    }

    /// Steps `value` back one change; false when there is none.
    public mutating func undo(_ value: inout State) -> Bool {
        guard let previous = undo(from: value) else { return false }
        value = previous
        return true
    }

    /// Steps `value` forward again; false when nothing was undone.
    public mutating func redo(_ value: inout State) -> Bool {
        guard let next = redo(from: value) else { return false }
        value = next
        return true
    }

    /// The state to go back to from `current`, or nil when there is none.
    public mutating func undo(from current: State) -> State? {
        guard let previous = undoStack.popLast() else { return nil }
        redoStack.append(current)
        return previous
    }

    /// The state to go forward to from `current`, or nil when there is none.
    public mutating func redo(from current: State) -> State? {
        guard let next = redoStack.popLast() else { return nil }
        undoStack.append(current)
        return next
    }
}
