/// Where a segment is in its lifecycle, in the words of neither API: each adapter maps its own
/// status codes onto these. A status neither knows keeps the service's label.
public enum SegmentStatus: Hashable, Sendable, CustomStringConvertible {
    case draft, goingLive, live, liveWithWarnings
    /// Outbound only: live, with changes allowed.
    case liveEditable
    case stopping, stopped, expired, error, deleted
    case unknown(String)

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .goingLive: return "Going live"
        case .live: return "Live"
        case .liveWithWarnings: return "Live with warnings"
        case .liveEditable: return "Live editable"
        case .stopping: return "Stopping"
        case .stopped: return "Stopped"
        case .expired: return "Expired"
        case .error: return "Error"
        case .deleted: return "Deleted"
        case .unknown(let label): return label
        }
    }

    public var description: String { label }

    /// Statuses the service moves on from by itself (the UI follows them with polls).
    public var isTransitional: Bool { self == .goingLive || self == .stopping }

    /// Live in any flavour: members are evaluated and journeys may use it.
    public var isLive: Bool { self == .live || self == .liveWithWarnings || self == .liveEditable }

    /// Whether the service refuses changes to the name, query and members: live, or on its way
    /// to or from live. (Live editable is the outbound state that exists to allow them.)
    public var locksContent: Bool { self == .live || self == .liveWithWarnings || isTransitional }

    /// Whether `L` may take it live (publish): a draft, a stopped or expired one, or one in error.
    public var canPublish: Bool { [.draft, .stopped, .error, .expired].contains(self) }

    /// Whether `L` may stop it.
    public var canStop: Bool { isLive }

    /// Whether it may be deleted now: not while live or moving (journeys may use it).
    public var canDelete: Bool { !isLive && !isTransitional && self != .deleted }
}
