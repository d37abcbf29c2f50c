/// Which segment API a service speaks. Both have segments; their wires differ.
public enum SegmentAPI: String, Sendable, Equatable, CaseIterable {
    /// Real-time journeys: a definition and a segment record per segment (today's organisations).
    case journeys
    /// Outbound marketing (`msdyncrm_segments`): the seed's API, removed from organisations in 2026.
    case outbound

    public var label: String { self == .journeys ? "Real-time journeys" : "Outbound" }
}

/// The table a segment's members come from.
public enum BaseEntity: Hashable, Sendable, CustomStringConvertible {
    case contact, lead
    case other(String)

    public init(logicalName: String) {
        switch logicalName.lowercased() {
        case "contact": self = .contact
        case "lead": self = .lead
        default: self = .other(logicalName)
        }
    }

    public var logicalName: String {
        switch self {
        case .contact: return "contact"
        case .lead: return "lead"
        case .other(let name): return name
        }
    }

    public var label: String {
        switch self {
        case .contact: return "Contacts"
        case .lead: return "Leads"
        case .other(let name): return name
        }
    }

    public var description: String { label }
}
