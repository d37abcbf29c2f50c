import Segments

/// Member changes not yet sent, group by group (journeys' Include and Exclude groups), with one
/// history across all groups: `u` takes back the last staging wherever it was made.
public struct StagedGroups: Equatable, Sendable {
    /// What is staged in one group.
    public struct Changes: Equatable, Sendable {
        public var additions: [Contact] = []
        public var removals: [Contact] = []

        public init(additions: [Contact] = [], removals: [Contact] = []) {
            self.additions = additions
            self.removals = removals
        }

        public var isEmpty: Bool { additions.isEmpty && removals.isEmpty }
    }

    /// Changes by group id; groups with nothing staged are absent.
    public private(set) var byGroup: [String: Changes] = [:]
    private var history = UndoHistory<[String: Changes]>()

    public init(_ byGroup: [String: Changes] = [:]) {
        self.byGroup = byGroup.filter { !$0.value.isEmpty }
    }

    public var isEmpty: Bool { byGroup.isEmpty }
    public func changes(in groupId: String) -> Changes { byGroup[groupId] ?? Changes() }
    public var additionCount: Int { byGroup.values.reduce(0) { $0 + $1.additions.count } }
    public var removalCount: Int { byGroup.values.reduce(0) { $0 + $1.removals.count } }

    public func isRemoved(_ id: String, in groupId: String) -> Bool {
        byGroup[groupId]?.removals.contains { $0.id == id } ?? false
    }

    /// Stages `contacts` for `groupId`, except those already in it; un-stages their removal there.
    public mutating func add(_ contacts: [Contact], to groupId: String, currentMembers: Set<String>) {
        var next = changes(in: groupId)
        for contact in contacts where !next.additions.contains(where: { $0.id == contact.id }) {
            if let index = next.removals.firstIndex(where: { $0.id == contact.id }) {
                next.removals.remove(at: index)
            } else if !currentMembers.contains(contact.id) {
                next.additions.append(contact)
            }
        }
        apply(next, to: groupId)
    }

    /// `d` on a row of `groupId`: a staged addition is dropped; a member is marked for removal,
    /// or unmarked.
    public mutating func toggleRemoval(of contact: Contact, in groupId: String) {
        var next = changes(in: groupId)
        if let index = next.additions.firstIndex(where: { $0.id == contact.id }) {
            next.additions.remove(at: index)
        } else if let index = next.removals.firstIndex(where: { $0.id == contact.id }) {
            next.removals.remove(at: index)
        } else {
            next.removals.append(contact)
        }
        apply(next, to: groupId)
    }

    /// Forgets what was staged for a group (it was deleted, or its changes were saved).
    public mutating func drop(_ groupId: String) {
        byGroup[groupId] = nil
    }

    private mutating func apply(_ next: Changes, to groupId: String) {
        guard next != changes(in: groupId) else { return }
        history.record(byGroup)
        byGroup[groupId] = next.isEmpty ? nil : next
    }

    @discardableResult
    public mutating func undo() -> Bool {
        guard let previous = history.undo(from: byGroup) else { return false }
        byGroup = previous
        return true
    }

    @discardableResult
    public mutating func redo() -> Bool {
        guard let next = history.redo(from: byGroup) else { return false }
        byGroup = next
        return true
    }

    /// The ids to send for one group, cut into calls of at most `limit` ids each (journeys takes
    /// at most 1,000 a call): additions first, then removals.
    public static func batches(of ids: [String], limit: Int) -> [[String]] {
        let size = max(1, limit)
        return stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min(ids.count, $0 + size)]) }
    }
}
