/// What a publish or stop did. A refusal the service explains (journeys' StopSegments answers
/// `WasStopped: false` with the blockers) is an outcome, not an error.
public struct StatusChangeOutcome: Sendable, Equatable {
    public var accepted: Bool
    /// The service's own words, when it gave any.
    public var message: String?
    /// Who stands in the way of a refused change, when the service named them.
    public var blockers: SegmentUsage

    public init(accepted: Bool, message: String? = nil, blockers: SegmentUsage = SegmentUsage()) {
        self.accepted = accepted
        self.message = message
        self.blockers = blockers
    }

    public static let accepted = StatusChangeOutcome(accepted: true)
}

/// What a member change did, as far as the service says: nil counts mean it did not say (the
/// journeys actions answer nothing; outbound queues the change).
public struct MemberChangeOutcome: Sendable, Equatable {
    public var added: Int?
    public var removed: Int?
    /// Ids the service passed over (unknown, already there, over a limit).
    public var ignored: Int?
    /// The service took the change to do later rather than at once.
    public var queued: Bool

    public init(added: Int? = nil, removed: Int? = nil, ignored: Int? = nil, queued: Bool = false) {
        self.added = added
        self.removed = removed
        self.ignored = ignored
        self.queued = queued
    }
}

/// A page of people: members of a group, or who is in a segment now.
public struct MemberPage: Sendable, Equatable {
    /// Resolved names where the table could be read; an id whose record is gone keeps an empty name.
    public var people: [Contact]
    /// The total when the service says (journeys' group pages never do).
    public var total: Int?
    /// Whether another page may follow.
    public var hasMore: Bool

    public init(people: [Contact], total: Int?, hasMore: Bool) {
        self.people = people
        self.total = total
        self.hasMore = hasMore
    }
}

/// Where a page of members starts and how long it is (1-based pages, as the journeys actions).
public struct MemberPageRequest: Sendable, Equatable {
    public var page: Int
    public var size: Int

    public init(page: Int = 1, size: Int = 100) {
        self.page = max(1, page)
        self.size = max(1, size)
    }

    public var skip: Int { (page - 1) * size }
}
