import Dataverse

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

    public enum Attribute {
        public static let entitySet = "contacts"
        public static let id = "contactid"
        public static let fullName = "fullname"
        public static let email = "emailaddress1"
        public static let jobTitle = "jobtitle"
        public static let listed = [id, fullName, email, jobTitle]
    }

    public init(record: ODataRecord) throws(DataverseError) {
        guard let id = record.string(Attribute.id) else { throw .malformedReply("a contact without contactid") }
        self.init(id: id.lowercased(), fullName: record.string(Attribute.fullName) ?? "",
                  email: record.string(Attribute.email), jobTitle: record.string(Attribute.jobTitle))
    }
}

/// What the service says is wrong with a query (from `msdyncrm_ValidateSegment`).
public struct ValidationIssue: Sendable, Equatable {
    public var code: String
    public var field: String
    public var message: String

    public init(code: String, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }
}

/// A segment to create.
public struct SegmentDraft: Sendable, Equatable {
    public var name: String
    public var type: SegmentType
    public var description: String?
    public var query: String?
    /// Contact ids of a static segment's first members.
    public var memberIds: [String]

    public init(name: String, type: SegmentType, description: String? = nil, query: String? = nil, memberIds: [String] = []) {
        self.name = name
        self.type = type
        self.description = description
        self.query = query
        self.memberIds = memberIds
    }
}

/// The columns an edit changed; nil means unchanged, so only changes are sent.
public struct SegmentChanges: Sendable, Equatable {
    public var name: String?
    public var description: String?
    public var query: String?

    public init(name: String? = nil, description: String? = nil, query: String? = nil) {
        self.name = name
        self.description = description
        self.query = query
    }

    public var isEmpty: Bool { name == nil && description == nil && query == nil }
}
