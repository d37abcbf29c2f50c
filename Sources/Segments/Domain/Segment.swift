import Foundation

/// A segment in the words of neither API. Adapters fill it from their records; what only one API
/// has is optional or empty on the other.
public struct Segment: Sendable, Equatable, Identifiable {
    /// The segment's id (journeys: the `msdynmkt_segment` record, not its definition).
    public var id: String
    public var name: String
    public var type: SegmentKind
    public var status: SegmentStatus
    public var description: String?
    public var query: String?
    /// Outbound's name for the query that evaluates the segment (its members are read by it).
    public var queryName: String?
    /// Members counted by the service at its last evaluation.
    public var size: Int?
    public var lastEvaluation: Date?
    public var nextEvaluation: Date?
    public var createdOn: Date?
    public var modifiedOn: Date?
    public var owner: String?
    public var versionNumber: Int?
    /// The opaque version the service checks writes against. Only the adapter that read it
    /// interprets it (journeys keeps two records, so it may stand for two ETags).
    public var etag: String?
    /// The service's own renderings of values, where it sent them ("Live", "1,204").
    public var labels: [SegmentField: String]

    public var api: SegmentAPI
    /// Journeys: the definition record that holds the query, groups and refresh settings.
    public var definitionId: String?
    public var baseEntity: BaseEntity
    /// Static member groups; outbound's static list is one Include group.
    public var groups: [MemberGroup]
    /// Journeys: how often it is evaluated again; nil where the API has no such setting.
    public var refresh: RefreshSettings?
    public var computation: SegmentComputation?
    public var usage: SegmentUsage
    /// Why a segment in Error is there, when the service said.
    public var errorReason: String?
    /// Every documented column of the record(s), labelled and ordered by the adapter for the
    /// detail pane. Empty means the adapter has nothing beyond the domain's own fields, and the
    /// detail shows those.
    public var detailFields: [DetailField]

    public init(
        id: String, name: String, type: SegmentKind, status: SegmentStatus,
        description: String? = nil, query: String? = nil, queryName: String? = nil, size: Int? = nil,
        lastEvaluation: Date? = nil, nextEvaluation: Date? = nil, createdOn: Date? = nil,
        modifiedOn: Date? = nil, owner: String? = nil, versionNumber: Int? = nil, etag: String? = nil,
        labels: [SegmentField: String] = [:], api: SegmentAPI = .outbound, definitionId: String? = nil,
        baseEntity: BaseEntity = .contact, groups: [MemberGroup] = [], refresh: RefreshSettings? = nil,
        computation: SegmentComputation? = nil, usage: SegmentUsage = SegmentUsage(), errorReason: String? = nil,
        detailFields: [DetailField] = []
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.status = status
        self.description = description
        self.query = query
        self.queryName = queryName
        self.size = size
        self.lastEvaluation = lastEvaluation
        self.nextEvaluation = nextEvaluation
        self.createdOn = createdOn
        self.modifiedOn = modifiedOn
        self.owner = owner
        self.versionNumber = versionNumber
        self.etag = etag
        self.labels = labels
        self.api = api
        self.definitionId = definitionId
        self.baseEntity = baseEntity
        self.groups = groups
        self.refresh = refresh
        self.computation = computation
        self.usage = usage
        self.errorReason = errorReason
        self.detailFields = detailFields
    }

    /// The service's label for `field`, else a plain rendering of our own.
    public func label(_ field: SegmentField) -> String? {
        if let label = labels[field] { return label }
        switch field {
        case .type: return type.label
        case .status: return status.label
        case .size: return size.map(String.init)
        case .modifiedOn: return modifiedOn.map(SegmentDate.format)
        case .createdOn: return createdOn.map(SegmentDate.format)
        case .lastEvaluation: return lastEvaluation.map(SegmentDate.format)
        case .nextEvaluation: return nextEvaluation.map(SegmentDate.format)
        case .name: return name
        case .description: return description
        case .query: return query
        case .queryName: return queryName
        case .owner: return owner
        case .versionNumber: return versionNumber.map(String.init)
        case .state: return nil
        }
    }
}

/// The values of a segment the service may send its own rendering of.
public enum SegmentField: String, Sendable, Hashable, CaseIterable {
    case name, type, status, state, description, query, queryName, size
    case lastEvaluation, nextEvaluation, createdOn, modifiedOn, owner, versionNumber
}

/// Dates as the detail and scripts print them when the service sent no rendering: ISO 8601, UTC.
public enum SegmentDate {
    /// Made once: ISO8601DateFormatter builds an ICU formatter each time on Linux.
    private static let style = Date.ISO8601FormatStyle()

    public static func format(_ date: Date) -> String {
        style.format(date)
    }
}
