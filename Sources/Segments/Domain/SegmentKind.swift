/// How a segment finds its members, in the words of neither API. The adapters map their option
/// sets onto it (outbound: Outbound/OutboundWire.swift); a value neither knows keeps its label.
public enum SegmentKind: Hashable, Sendable, CustomStringConvertible {
    /// Members from a query only.
    case dynamic
    /// Members listed by hand only (outbound: one list; journeys: include/exclude groups).
    case `static`
    /// A query plus static groups (journeys only: a dynamic segment with groups).
    case mixed
    /// A segment built from other segments (outbound only).
    case compound
    /// A kind the adapter does not know, with the service's label for it.
    case unknown(String)

    /// The kinds a person may choose when creating a segment.
    public static let known: [SegmentKind] = [.dynamic, .static, .compound]

    public var label: String {
        switch self {
        case .dynamic: return "Dynamic"
        case .static: return "Static"
        case .mixed: return "Static and dynamic"
        case .compound: return "Compound"
        case .unknown(let label): return label
        }
    }

    public var description: String { label }

    /// At most 8 columns, for the list's Type column; the detail and scripts say `label`.
    public var shortLabel: String {
        switch self {
        case .mixed: return "Mixed"
        default: return label
        }
    }

    /// Whether members come from a query (dynamic, mixed, compound) rather than only a list.
    public var hasQuery: Bool { self == .dynamic || self == .compound || self == .mixed }

    /// Whether members can be added and removed by hand.
    public var hasStaticMembers: Bool { self == .static || self == .mixed }

    /// A stable name for files and scripts ("dynamic", "static", "mixed", "compound").
    public var name: String {
        switch self {
        case .dynamic: return "dynamic"
        case .static: return "static"
        case .mixed: return "mixed"
        case .compound: return "compound"
        case .unknown(let label): return label
        }
    }

    /// The kind a `name` stands for; any other text is kept as an unknown kind.
    public init(name: String) {
        switch name {
        case "dynamic": self = .dynamic
        case "static": self = .static
        case "mixed": self = .mixed
        case "compound": self = .compound
        default: self = .unknown(name)
        }
    }
}
