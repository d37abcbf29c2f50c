import Segments

/// Member changes not yet sent: contacts to add and members to remove, with the history that
/// `u` and `Ctrl-R` walk. Each staging is one undo step.
public struct StagedMembers: Equatable, Sendable {
    public private(set) var additions: [Contact] = []
    public private(set) var removals: [Contact] = []
    private var history = UndoHistory<Changes>()

    private struct Changes: Equatable, Sendable {
        var additions: [Contact]
        var removals: [Contact]
    }

    public init(additions: [Contact] = [], removals: [Contact] = []) {
        self.additions = additions
        self.removals = removals
    }

    public var isEmpty: Bool { additions.isEmpty && removals.isEmpty }
    public var canUndo: Bool { history.canUndo }
    public var canRedo: Bool { history.canRedo }

    public func isRemoved(_ id: String) -> Bool { removals.contains { $0.id == id } }

    /// Stages `contacts` to be added, except those already members; un-stages their removal.
    public mutating func add(_ contacts: [Contact], currentMembers: Set<String>) {
        var next = Changes(additions: additions, removals: removals)
        for contact in contacts where !next.additions.contains(where: { $0.id == contact.id }) {
            if let index = next.removals.firstIndex(where: { $0.id == contact.id }) {
                next.removals.remove(at: index)
            } else if !currentMembers.contains(contact.id) {
                next.additions.append(contact)
            }
        }
        apply(next)
    }

    /// `d` on a row: a staged addition is dropped; a member is marked for removal, or unmarked.
    public mutating func toggleRemoval(of contact: Contact) {
        var next = Changes(additions: additions, removals: removals)
        if let index = next.additions.firstIndex(where: { $0.id == contact.id }) {
            next.additions.remove(at: index)
        } else if let index = next.removals.firstIndex(where: { $0.id == contact.id }) {
            next.removals.remove(at: index)
        } else {
            next.removals.append(contact)
        }
        apply(next)
    }

    /// `V` … `d`: every contact of a range marked for removal (staged additions among them
    /// dropped), as one undo step.
    public mutating func markForRemoval(_ contacts: [Contact]) {
        var next = Changes(additions: additions, removals: removals)
        for contact in contacts {
            if let index = next.additions.firstIndex(where: { $0.id == contact.id }) {
                next.additions.remove(at: index)
            } else if !next.removals.contains(where: { $0.id == contact.id }) {
                next.removals.append(contact)
            }
        }
        apply(next)
    }

    private var current: Changes { Changes(additions: additions, removals: removals) }

    private mutating func apply(_ next: Changes) {
        guard next != current else { return }
        history.record(current)
        restore(next)
    }

    @discardableResult
    public mutating func undo() -> Bool {
        guard let previous = history.undo(from: current) else { return false }
        restore(previous)
        return true
    }

    @discardableResult
    public mutating func redo() -> Bool {
        guard let next = history.redo(from: current) else { return false }
        restore(next)
        return true
    }

    private mutating func restore(_ changes: Changes) {
        additions = changes.additions
        removals = changes.removals
    }

    /// The three-way merge: the user's additions and removals applied to the service's current
    /// members, so that whatever someone else changed meanwhile stays changed.
    public func plan(against current: Set<String>) -> (add: [String], remove: [String], alreadyDone: Int) {
        let add = additions.map(\.id).filter { !current.contains($0) }
        let remove = removals.map(\.id).filter { current.contains($0) }
        return (add, remove, additions.count + removals.count - add.count - remove.count)
    }
}
