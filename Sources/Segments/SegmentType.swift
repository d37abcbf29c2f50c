/// `msdyncrm_segmenttype`: how a segment finds its members. Unknown values are kept, not dropped.
public enum SegmentType: Hashable, Sendable, CustomStringConvertible {
    case dynamic
    case `static`
    case compound
    case unknown(Int)

    public static let known: [SegmentType] = [.dynamic, .static, .compound]

    public init(rawValue: Int) {
        switch rawValue {
        case 192_350_000: self = .dynamic
        case 192_350_001: self = .static
        case 192_350_002: self = .compound
        default: self = .unknown(rawValue)
        }
    }

    public var rawValue: Int {
        switch self {
        case .dynamic: return 192_350_000
        case .static: return 192_350_001
        case .compound: return 192_350_002
        case .unknown(let value): return value
        }
    }

    /// The label the service uses for this value.
    public var label: String {
        switch self {
        case .dynamic: return "Dynamic"
        case .static: return "Static"
        case .compound: return "Compound"
        case .unknown(let value): return "Type \(value)"
        }
    }

    public var description: String { label }

    /// Whether members come from a query (dynamic, compound) rather than a list (static).
    public var hasQuery: Bool { self == .dynamic || self == .compound }
}
