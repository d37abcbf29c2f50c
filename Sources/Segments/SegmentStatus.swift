/// `statuscode`: where a segment is in its lifecycle. Unknown values are kept, not dropped.
public enum SegmentStatus: Hashable, Sendable, CustomStringConvertible {
    case draft, live, stopped, liveEditable, expired, error, goingLive, stopping
    case unknown(Int)

    public static let known: [SegmentStatus] = [
        .draft, .live, .stopped, .liveEditable, .expired, .error, .goingLive, .stopping,
    ]

    public init(rawValue: Int) {
        self = Self.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    public var rawValue: Int {
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

    public var label: String {
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

    public var description: String { label }

    /// `statecode` that goes with this status: Expired is the only inactive one.
    public var stateCode: Int { self == .expired ? 1 : 0 }

    /// Statuses the service moves on from by itself.
    public var isTransitional: Bool { self == .goingLive || self == .stopping }

    /// Whether the service refuses changes to the name, query and members: live, or on its way
    /// to or from live. (Live editable is the state that exists to allow them.)
    public var locksContent: Bool { self == .live || isTransitional }

    /// The transitions the entity metadata allows.
    public var allowedTransitions: [SegmentStatus] {
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

    public func canMove(to next: SegmentStatus) -> Bool { allowedTransitions.contains(next) }
}

/// `statecode`.
public enum SegmentState: Int, Sendable {
    case active = 0
    case inactive = 1

    public var label: String { self == .active ? "Active" : "Inactive" }
}
