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

    public init(id: String, name: String, role: Role, size: Int? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.size = size
    }
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
