import Segments

/// Contacts staged to be added to one member list and members staged to be removed from it, and
/// the rules of staging: an addition undoes a staged removal, `d` toggles, a range marks. One
/// list (`StagedMembers`, outbound's static segment) and each journeys group (`StagedGroups`)
/// stage the same way; each keeps its own undo history around these.
public struct StagedChanges: Equatable, Sendable {
    public var additions: [Contact] = []
    public var removals: [Contact] = []

    public init(additions: [Contact] = [], removals: [Contact] = []) {
        self.additions = additions
        self.removals = removals
    }

    public var isEmpty: Bool { additions.isEmpty && removals.isEmpty }

    public func isRemoved(_ id: String) -> Bool { removals.contains { $0.id == id } }

    /// Stages `contacts` to be added, except those already members; un-stages their removal.
    mutating func add(_ contacts: [Contact], currentMembers: Set<String>) {
        for contact in contacts where !additions.contains(where: { $0.id == contact.id }) {
            if let index = removals.firstIndex(where: { $0.id == contact.id }) {
                removals.remove(at: index)
            } else if !currentMembers.contains(contact.id) {
                additions.append(contact)
            }
        }
    }

    /// `d` on a row: a staged addition is dropped; a member is marked for removal, or unmarked.
    mutating func toggleRemoval(of contact: Contact) {
        if let index = additions.firstIndex(where: { $0.id == contact.id }) {
            additions.remove(at: index)
        } else if let index = removals.firstIndex(where: { $0.id == contact.id }) {
            removals.remove(at: index)
        } else {
            removals.append(contact)
        }
    }

    /// `V` … `d`: every contact of a range marked for removal (staged additions among them dropped).
    mutating func markForRemoval(_ contacts: [Contact]) {
        for contact in contacts {
            if let index = additions.firstIndex(where: { $0.id == contact.id }) {
                additions.remove(at: index)
            } else if !removals.contains(where: { $0.id == contact.id }) {
                removals.append(contact)
            }
        }
    }
}
