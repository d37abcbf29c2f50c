import Dataverse
import Foundation

// The outbound API's wire (`msdyncrm_segments`), in one place: column names, option-set values,
// and how a record becomes a domain `Segment`. Follows ../shared/reference/segment-service.md
// ([D] "Entity msdyncrm_segment" and its option sets). The action shapes are in SegmentActionWire.

/// Column names of `msdyncrm_segment`, in one place so that client and tests agree.
public enum SegmentAttribute {
    public static let entitySet = "msdyncrm_segments"
    public static let entityName = "msdyncrm_segment"
    public static let id = "msdyncrm_segmentid"
    public static let name = "msdyncrm_segmentname"
    public static let type = "msdyncrm_segmenttype"
    public static let status = "statuscode"
    public static let state = "statecode"
    public static let description = "msdyncrm_description"
    public static let query = "msdyncrm_segmentquery"
    public static let queryName = "msdyncrm_segmentqueryname"
    public static let memberIds = "msdyncrm_segmentmemberids"
    public static let size = "msdyncrm_segmentsize"
    public static let lastEvaluation = "msdyncrm_lastevaluationtime"
    public static let nextEvaluation = "msdyncrm_nextevaluation"
    public static let createdOn = "createdon"
    public static let modifiedOn = "modifiedon"
    public static let owner = "_ownerid_value"
    public static let versionNumber = "versionnumber"
    /// Why an evaluation ended in Error. [I] inferred: no documented column carries the reason
    /// (reference/segment-service.md, "Entity msdyncrm_segment"); the embedded service adds this
    /// one, read-only (SegmentServer's SegmentLifecycle.errorAttribute). Without it the reason is
    /// simply absent.
    public static let evaluationError = "msdyncrm_evaluationerror"

    /// Every readable column, in the order the detail pane shows them.
    public static let readable: [String] = [
        id, name, type, status, state, description, query, queryName, size,
        lastEvaluation, nextEvaluation, createdOn, modifiedOn, owner, versionNumber,
    ]

    /// The audited columns under the detail pane's labels, for the history (AuditWire).
    public static let historyLabels: [String: String] = [
        name: "Name", type: "Type", status: "Status", state: "State", description: "Description", query: "Query",
        queryName: "Query name", size: "Members", owner: "Owner", memberIds: "Members (ids)",
    ]

    /// The column each domain value is read from.
    public static func column(_ field: SegmentField) -> String {
        switch field {
        case .name: return name
        case .type: return type
        case .status: return status
        case .state: return state
        case .description: return description
        case .query: return query
        case .queryName: return queryName
        case .size: return size
        case .lastEvaluation: return lastEvaluation
        case .nextEvaluation: return nextEvaluation
        case .createdOn: return createdOn
        case .modifiedOn: return modifiedOn
        case .owner: return owner
        case .versionNumber: return versionNumber
        }
    }

    /// The column a domain sort key orders by; nil (the tie-break) is the id.
    public static func column(_ key: SegmentSortKey?) -> String {
        switch key {
        case .name: return name
        case .type: return type
        case .status: return status
        case .size: return size
        case .modifiedOn: return modifiedOn
        case nil: return id
        }
    }
}

/// `msdyncrm_segmenttype` [D].
extension SegmentKind {
    public static let outboundKinds: [SegmentKind] = [.dynamic, .static, .compound]

    public init(outboundCode: Int, label: String? = nil) {
        switch outboundCode {
        case 192_350_000: self = .dynamic
        case 192_350_001: self = .static
        case 192_350_002: self = .compound
        default: self = .unknown(label ?? "Type \(outboundCode)")
        }
    }

    /// nil for kinds outbound does not have.
    public var outboundCode: Int? {
        switch self {
        case .dynamic: return 192_350_000
        case .static: return 192_350_001
        case .compound: return 192_350_002
        case .mixed, .unknown: return nil
        }
    }
}

/// `statuscode` and `statecode` of `msdyncrm_segment` [D].
extension SegmentStatus {
    public static let outboundStatuses: [SegmentStatus] = [
        .draft, .live, .stopped, .liveEditable, .expired, .error, .goingLive, .stopping,
    ]

    public init(outboundCode: Int, label: String? = nil) {
        self = Self.outboundStatuses.first { $0.outboundCode == outboundCode } ?? .unknown(label ?? "Status \(outboundCode)")
    }

    /// nil for statuses outbound does not have.
    public var outboundCode: Int? {
        switch self {
        case .draft: return 192_350_000
        case .live: return 192_350_001
        case .stopped: return 192_350_002
        case .liveEditable: return 192_350_003
        case .expired: return 192_350_004
        case .error: return 192_350_005
        case .goingLive: return 192_350_006
        case .stopping: return 192_350_007
        case .liveWithWarnings, .deleted, .unknown: return nil
        }
    }

    /// `statecode` that goes with this status: Expired is the only inactive one.
    public var outboundStateCode: Int { self == .expired ? 1 : 0 }

    /// The transitions the outbound entity metadata allows.
    public var outboundTransitions: [SegmentStatus] {
        switch self {
        case .draft: return [.goingLive, .live, .expired]
        case .goingLive: return [.live, .error]
        case .live: return [.stopping, .stopped, .goingLive, .liveEditable, .error]
        case .stopping: return [.stopped, .error]
        case .stopped: return [.goingLive, .expired]
        case .liveEditable: return [.live, .goingLive, .error]
        case .error: return [.goingLive, .stopping]
        case .liveWithWarnings, .expired, .deleted, .unknown: return []
        }
    }

    public func canMove(to next: SegmentStatus) -> Bool { outboundTransitions.contains(next) }
}

/// `statecode`.
public enum SegmentState: Int, Sendable {
    case active = 0
    case inactive = 1

    public var label: String { self == .active ? "Active" : "Inactive" }
}

extension Contact {
    /// Columns of `contacts` the segment screens read.
    public enum Attribute {
        public static let entitySet = "contacts"
        public static let id = "contactid"
        public static let fullName = "fullname"
        public static let email = "emailaddress1"
        public static let jobTitle = "jobtitle"
        public static let listed = [id, fullName, email, jobTitle]
    }

    init(record: ODataRecord) throws(DataverseError) {
        guard let id = record.string(Attribute.id) else { throw .malformedReply("a contact without contactid") }
        self.init(id: id.lowercased(), fullName: record.string(Attribute.fullName) ?? "",
                  email: record.string(Attribute.email), jobTitle: record.string(Attribute.jobTitle))
    }
}

extension Segment {
    /// Reads a record of `msdyncrm_segments`; a record without an id is malformed. The service's
    /// formatted values become the segment's labels.
    public init(outboundRecord record: ODataRecord) throws(DataverseError) {
        typealias A = SegmentAttribute
        guard let id = record.string(A.id) else {
            throw .malformedReply("a segment without \(A.id)")
        }
        var formatted: [String: String] = [:]
        for (key, value) in record.fields where key.hasSuffix(ODataRecord.formattedSuffix) {
            if let text = value.stringValue { formatted[String(key.dropLast(ODataRecord.formattedSuffix.count))] = text }
        }
        var labels: [SegmentField: String] = [:]
        for field in SegmentField.allCases {
            if let text = formatted[A.column(field)] { labels[field] = text }
        }
        if labels[.state] == nil, let state = record.int(A.state) {
            labels[.state] = SegmentState(rawValue: state)?.label ?? "State \(state)"
        }
        let type = record.int(A.type).map { SegmentKind(outboundCode: $0, label: formatted[A.type]) }
        let status = record.int(A.status).map { SegmentStatus(outboundCode: $0, label: formatted[A.status]) }
        self.init(
            id: id.lowercased(),
            name: record.string(A.name) ?? "",
            type: type ?? .unknown(formatted[A.type] ?? "Type unknown"),
            status: status ?? .unknown(formatted[A.status] ?? "Status unknown"),
            description: record.string(A.description),
            query: record.string(A.query),
            queryName: record.string(A.queryName),
            size: record.int(A.size),
            lastEvaluation: record.date(A.lastEvaluation),
            nextEvaluation: record.date(A.nextEvaluation),
            createdOn: record.date(A.createdOn),
            modifiedOn: record.date(A.modifiedOn),
            owner: record.string(A.owner),
            versionNumber: record.int(A.versionNumber),
            etag: record.etag,
            labels: labels,
            api: .outbound,
            errorReason: record.string(A.evaluationError))
        // Outbound's one static list is presented as one Include group (see MemberGroup).
        if self.type == .static { groups = [OutboundGroup.group(size: size)] }
    }
}

/// Outbound has no groups: its static list is shown as this one Include group.
enum OutboundGroup {
    static let id = "members"

    static func group(size: Int?) -> MemberGroup {
        MemberGroup(id: id, name: "Members", role: .include, size: size)
    }
}
