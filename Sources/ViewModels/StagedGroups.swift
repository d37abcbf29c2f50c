import Segments

/// Member changes not yet sent, group by group (journeys' Include and Exclude groups), with one
/// history across all groups: `u` takes back the last staging wherever it was made.
public struct StagedGroups: Equatable, Sendable {
    /// What is staged in one group.
    public typealias Changes = StagedChanges

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

    public func isRemoved(_ id: String, in groupId: String) -> Bool { changes(in: groupId).isRemoved(id) }

    /// Stages `contacts` for `groupId`, except those already in it; un-stages their removal there.
    public mutating func add(_ contacts: [Contact], to groupId: String, currentMembers: Set<String>) {
        var next = changes(in: groupId)
        next.add(contacts, currentMembers: currentMembers)
        apply(next, to: groupId)
    }

    /// `d` on a row of `groupId`: a staged addition is dropped; a member is marked for removal,
    /// or unmarked.
    public mutating func toggleRemoval(of contact: Contact, in groupId: String) {
        var next = changes(in: groupId)
        next.toggleRemoval(of: contact)
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
    public mutating func undo() -> Bool { history.undo(&byGroup) }

    @discardableResult
    public mutating func redo() -> Bool { history.redo(&byGroup) }

    /// The ids to send for one group, cut into calls of at most `limit` ids each (journeys takes
    /// at most 1,000 a call): additions first, then removals.
    public static func batches(of ids: [String], limit: Int) -> [[String]] {
        let size = max(1, limit)
        return stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min(ids.count, $0 + size)]) }
    }
}
