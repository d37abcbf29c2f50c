import Foundation

/// How often the service evaluates a segment again (journeys).
public enum RefreshSettings: Sendable, Equatable, Hashable {
    /// Never evaluated again after publishing.
    case off
    /// Evaluated every so many minutes (the service may choose its own interval).
    case every(minutes: Int)

    public var label: String {
        switch self {
        case .off: return "Off"
        case .every(let minutes): return "Every \(minutes) min"
        }
    }
}

/// The last or current evaluation of a segment's members.
public struct SegmentComputation: Sendable, Equatable {
    public enum State: Hashable, Sendable {
        case notStarted, running, finished, failed
        case unknown(String)

        public var label: String {
            switch self {
            case .notStarted: return "Not started"
            case .running: return "Running"
            case .finished: return "Finished"
            case .failed: return "Error"
            case .unknown(let label): return label
            }
        }
    }

    public var state: State
    public var startedOn: Date?
    public var finishedOn: Date?

    public init(state: State, startedOn: Date? = nil, finishedOn: Date? = nil) {
        self.state = state
        self.startedOn = startedOn
        self.finishedOn = finishedOn
    }
}

/// Who uses a segment: it cannot be stopped or deleted while they do.
public struct SegmentUsage: Sendable, Equatable {
    /// Journeys using it, as far as the service names them.
    public var journeys: [UsageReference]
    /// How many live journeys use it, when the service counts them (may exceed `journeys.count`).
    public var journeyCount: Int?
    /// Segments whose queries include this one.
    public var dependentSegments: [UsageReference]

    public init(journeys: [UsageReference] = [], journeyCount: Int? = nil, dependentSegments: [UsageReference] = []) {
        self.journeys = journeys
        self.journeyCount = journeyCount
        self.dependentSegments = dependentSegments
    }

    public var isEmpty: Bool { journeys.isEmpty && (journeyCount ?? 0) == 0 && dependentSegments.isEmpty }
}

/// A journey or segment named by the service: an id, and a name when it gave one.
public struct UsageReference: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String?

    public init(id: String, name: String? = nil) {
        self.id = id
        self.name = name
    }

    public var label: String { name ?? id }
}
