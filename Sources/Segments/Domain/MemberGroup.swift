/// A group of static members. Journeys segments hold up to ten, each including or excluding its
/// members (exclusion wins); an outbound static segment's one list is presented as a single
/// Include group, so the UI has one model for both.
public struct MemberGroup: Sendable, Equatable, Identifiable, Hashable {
    public enum Role: String, Sendable, Equatable, Hashable, CaseIterable {
        case include, exclude
        public var label: String { self == .include ? "Include" : "Exclude" }
    }

    /// At most this many groups a segment (journeys).
    public static let maximumCount = 10

    public var id: String
    public var name: String
    public var role: Role
    /// How many ids the group holds, when the service says or the adapter counted.
    public var size: Int?
    /// `size` is where a bounded count stopped, not the whole group.
    public var sizeIsLowerBound: Bool

    public init(id: String, name: String, role: Role, size: Int? = nil, sizeIsLowerBound: Bool = false) {
        self.id = id
        self.name = name
        self.role = role
        self.size = size
        self.sizeIsLowerBound = sizeIsLowerBound
    }

    /// The group with a count found by `SegmentService.countGroupMembers`.
    public func counted(_ count: GroupCount) -> MemberGroup {
        var group = self
        group.size = count.count
        group.sizeIsLowerBound = count.isLowerBound
        return group
    }

    /// "12", "≥ 25000" past a bounded count, "?" while unknown.
    public var sizeText: String {
        guard let size else { return "?" }
        return sizeIsLowerBound ? "≥ \(size)" : String(size)
    }

    /// The detail's and `segtui show`'s rendering of a segment's groups: "Include VIPs: 12" a
    /// line; "—" when there is none. Written once so that both adapters and the view models agree.
    public static let summaryLabel = "Static groups"

    public static func summary(of groups: [MemberGroup]) -> String {
        guard !groups.isEmpty else { return "—" }
        return groups.map { "\($0.role.label) \($0.name): \($0.sizeText)" }.joined(separator: "\n")
    }
}

/// How many ids a group holds, as far as a bounded count went. No documented column or reply
/// gives a journeys group's size (JSS §3: ListGroupMembers answers ids and no total), so the
/// adapter counts pages of ids, and stops at a bound: past it the count is only a lower bound.
public struct GroupCount: Sendable, Equatable {
    public var count: Int
    public var isLowerBound: Bool

    public init(count: Int, isLowerBound: Bool = false) {
        self.count = count
        self.isLowerBound = isLowerBound
    }

    /// Where counts stop by default: five pages of ListGroupMembers' largest page (5,000).
    public static let defaultBound = 25_000
}

/// What to create a group as.
public struct MemberGroupDraft: Sendable, Equatable {
    public var name: String
    public var role: MemberGroup.Role

    public init(name: String, role: MemberGroup.Role) {
        self.name = name
        self.role = role
    }
}
