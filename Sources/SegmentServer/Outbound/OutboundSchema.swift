/// The outbound API's columns and option sets (`msdyncrm_segment`), as the server knows them.
/// Written from reference/segment-service.md ("The entity msdyncrm_segment", [D]) on the server's
/// own side: the client has its own copy in Segments, and the two must never be the same type
/// (DESIGN.md), so that a wrong name or value cannot hide by being wrong on both ends.
enum SegmentAttribute {
    static let entitySet = "msdyncrm_segments"
    static let entityName = "msdyncrm_segment"
    static let id = "msdyncrm_segmentid"
    static let name = "msdyncrm_segmentname"
    static let type = "msdyncrm_segmenttype"
    static let status = "statuscode"
    static let state = "statecode"
    static let description = "msdyncrm_description"
    static let query = "msdyncrm_segmentquery"
    static let queryName = "msdyncrm_segmentqueryname"
    static let memberIds = "msdyncrm_segmentmemberids"
    static let size = "msdyncrm_segmentsize"
    static let lastEvaluation = "msdyncrm_lastevaluationtime"
    static let nextEvaluation = "msdyncrm_nextevaluation"
    static let createdOn = "createdon"
    static let modifiedOn = "modifiedon"
    static let owner = "_ownerid_value"
    static let versionNumber = "versionnumber"

    /// Every readable column, in the order the detail pane shows them.
    static let readable: [String] = [
        id, name, type, status, state, description, query, queryName, size,
        lastEvaluation, nextEvaluation, createdOn, modifiedOn, owner, versionNumber,
    ]
}

/// `msdyncrm_segmenttype`: how a segment finds its members. Unknown values are kept, not dropped.
enum SegmentType: Hashable, Sendable {
    case dynamic
    case `static`
    case compound
    case unknown(Int)

    static let known: [SegmentType] = [.dynamic, .static, .compound]

    init(rawValue: Int) {
        switch rawValue {
        case 192_350_000: self = .dynamic
        case 192_350_001: self = .static
        case 192_350_002: self = .compound
        default: self = .unknown(rawValue)
        }
    }

    var rawValue: Int {
        switch self {
        case .dynamic: return 192_350_000
        case .static: return 192_350_001
        case .compound: return 192_350_002
        case .unknown(let value): return value
        }
    }

    /// The label the service uses for this value.
    var label: String {
        switch self {
        case .dynamic: return "Dynamic"
        case .static: return "Static"
        case .compound: return "Compound"
        case .unknown(let value): return "Type \(value)"
        }
    }


    /// Whether members come from a query (dynamic, compound) rather than a list (static).
    var hasQuery: Bool { self == .dynamic || self == .compound }
}

/// `statuscode`: where a segment is in its lifecycle. Unknown values are kept, not dropped.
enum SegmentStatus: Hashable, Sendable {
    case draft, live, stopped, liveEditable, expired, error, goingLive, stopping
    case unknown(Int)

    static let known: [SegmentStatus] = [
        .draft, .live, .stopped, .liveEditable, .expired, .error, .goingLive, .stopping,
    ]

    init(rawValue: Int) {
        self = Self.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    // These numbers stand again in the client's OutboundWire (Segments), and `duplicates` pairs the
    // two. Leave them apart: each side is typed from the reference on its own, so that a wrong value
    // shows as a disagreement between client and service instead of passing on both ends. Merging
    // them would also make SegmentServer depend on Segments, which DESIGN.md forbids.
    var rawValue: Int {
        switch self {
        case .draft: return 192_350_000
        case .live: return 192_350_001
        case .stopped: return 192_350_002
        case .liveEditable: return 192_350_003
        case .expired: return 192_350_004
        case .error: return 192_350_005
        case .goingLive: return 192_350_006
        case .stopping: return 192_350_007
        case .unknown(let value): return value
        }
    }

    var label: String {
        switch self {
        case .draft: return "Draft"
        case .live: return "Live"
        case .stopped: return "Stopped"
        case .liveEditable: return "Live editable"
        case .expired: return "Expired"
        case .error: return "Error"
        case .goingLive: return "Going live"
        case .stopping: return "Stopping"
        case .unknown(let value): return "Status \(value)"
        }
    }


    /// `statecode` that goes with this status: Expired is the only inactive one.
    var stateCode: Int { self == .expired ? 1 : 0 }

    /// Statuses the service moves on from by itself.
    var isTransitional: Bool { self == .goingLive || self == .stopping }

    /// Whether the service refuses changes to the name, query and members: live, or on its way
    /// to or from live. (Live editable is the state that exists to allow them.)
    var locksContent: Bool { self == .live || isTransitional }

    /// The transitions the entity metadata allows.
    var allowedTransitions: [SegmentStatus] {
        switch self {
        case .draft: return [.goingLive, .live, .expired]
        case .goingLive: return [.live, .error]
        case .live: return [.stopping, .stopped, .goingLive, .liveEditable, .error]
        case .stopping: return [.stopped, .error]
        case .stopped: return [.goingLive, .expired]
        case .liveEditable: return [.live, .goingLive, .error]
        case .error: return [.goingLive, .stopping]
        case .expired, .unknown: return []
        }
    }

    func canMove(to next: SegmentStatus) -> Bool { allowedTransitions.contains(next) }
}

/// `statecode`.
enum SegmentState: Int, Sendable {
    case active = 0
    case inactive = 1

    var label: String { self == .active ? "Active" : "Inactive" }
}

/// The codes by the names the client's domain uses for them, so that routes read the same on both sides.
extension SegmentType {
    static var outboundKinds: [SegmentType] { known }
    init(outboundCode: Int) { self.init(rawValue: outboundCode) }
    var outboundCode: Int? { rawValue }
}

extension SegmentStatus {
    static var outboundStatuses: [SegmentStatus] { known }
    init(outboundCode: Int) { self.init(rawValue: outboundCode) }
    var outboundCode: Int? { rawValue }
    var outboundStateCode: Int { stateCode }
    var outboundTransitions: [SegmentStatus] { allowedTransitions }
}
