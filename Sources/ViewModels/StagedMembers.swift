import Segments

/// Member changes not yet sent: contacts to add and members to remove, with the history that
/// `u` and `Ctrl-R` walk. Each staging is one undo step.
public struct StagedMembers: Equatable, Sendable {
    private var changes: StagedChanges
    private var history = UndoHistory<StagedChanges>()

    public init(additions: [Contact] = [], removals: [Contact] = []) {
        changes = StagedChanges(additions: additions, removals: removals)
    }

    public var additions: [Contact] { changes.additions }
    public var removals: [Contact] { changes.removals }
    public var isEmpty: Bool { changes.isEmpty }
    public var canUndo: Bool { history.canUndo }
    public var canRedo: Bool { history.canRedo }

    public func isRemoved(_ id: String) -> Bool { changes.isRemoved(id) }

    /// Stages `contacts` to be added, except those already members; un-stages their removal.
    public mutating func add(_ contacts: [Contact], currentMembers: Set<String>) {
        stage { $0.add(contacts, currentMembers: currentMembers) }
    }

    /// `d` on a row: a staged addition is dropped; a member is marked for removal, or unmarked.
    public mutating func toggleRemoval(of contact: Contact) {
        stage { $0.toggleRemoval(of: contact) }
    }

    /// `V` … `d`: every contact of a range marked for removal (staged additions among them
    /// dropped), as one undo step.
    public mutating func markForRemoval(_ contacts: [Contact]) {
        stage { $0.markForRemoval(contacts) }
    }

    /// One staging, one undo step; a staging that changes nothing leaves no step.
    private mutating func stage(_ body: (inout StagedChanges) -> Void) {
        var next = changes
        body(&next)
        guard next != changes else { return }
        history.record(changes)
        changes = next
    }

    @discardableResult
    public mutating func undo() -> Bool { history.undo(&changes) }

    @discardableResult
    public mutating func redo() -> Bool { history.redo(&changes) }

    /// The three-way merge: the user's additions and removals applied to the service's current
    /// members, so that whatever someone else changed meanwhile stays changed.
    public func plan(against current: Set<String>) -> (add: [String], remove: [String], alreadyDone: Int) {
        let add = additions.map(\.id).filter { !current.contains($0) }
        let remove = removals.map(\.id).filter { current.contains($0) }
        return (add, remove, additions.count + removals.count - add.count - remove.count)
    }
}
