
/// A contact, as much of it as segment work needs: who it is and how to reach them.
public struct Contact: Sendable, Equatable, Identifiable, Hashable {
    public var id: String
    public var fullName: String
    public var email: String?
    public var jobTitle: String?

    public init(id: String, fullName: String, email: String? = nil, jobTitle: String? = nil) {
        self.id = id
        self.fullName = fullName
        self.email = email
        self.jobTitle = jobTitle
    }
}

/// What the service says is wrong with a query (from `msdyncrm_ValidateSegment`).
public struct ValidationIssue: Sendable, Equatable {
    public var code: String
    public var field: String
    public var message: String
    /// Where in the query the problem was found, in characters from 0, when the service said.
    public var position: Int?

    public init(code: String, field: String, message: String, position: Int? = nil) {
        self.code = code
        self.field = field
        self.message = message
        self.position = position
    }
}

/// A segment to create.
public struct SegmentDraft: Sendable, Equatable {
    public var name: String
    public var type: SegmentKind
    public var description: String?
    public var query: String?
    /// Ids of a static segment's first members (outbound's one list; journeys: the first Include group).
    public var memberIds: [String]
    public var baseEntity: BaseEntity
    /// Journeys: the groups to declare; a static or mixed draft without any gets one Include group.
    public var groups: [MemberGroupDraft]
    /// Journeys: nil leaves the service's default.
    public var refresh: RefreshSettings?

    public init(name: String, type: SegmentKind, description: String? = nil, query: String? = nil, memberIds: [String] = [],
                baseEntity: BaseEntity = .contact, groups: [MemberGroupDraft] = [], refresh: RefreshSettings? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.query = query
        self.memberIds = memberIds
        self.baseEntity = baseEntity
        self.groups = groups
        self.refresh = refresh
    }
}

/// The columns an edit changed; nil means unchanged, so only changes are sent.
public struct SegmentChanges: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var query: String?
    /// Journeys only.
    public var refresh: RefreshSettings?

    public init(name: String? = nil, description: String? = nil, query: String? = nil, refresh: RefreshSettings? = nil) {
        self.name = name
        self.description = description
        self.query = query
        self.refresh = refresh
    }

    public var isEmpty: Bool { name == nil && description == nil && query == nil && refresh == nil }
}
