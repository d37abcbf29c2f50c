import Dataverse
import Foundation

/// The columns the list can be ordered by.
public enum SegmentSortKey: String, Sendable, CaseIterable {
    case name, type, status, size, modifiedOn

    public var attribute: String {
        switch self {
        case .name: return SegmentAttribute.name
        case .type: return SegmentAttribute.type
        case .status: return SegmentAttribute.status
        case .size: return SegmentAttribute.size
        case .modifiedOn: return SegmentAttribute.modifiedOn
        }
    }
}

/// What the list asks for: an optional name filter and an order.
public struct SegmentListQuery: Sendable, Equatable {
    public var nameContains: String?
    /// Exact name (case-insensitive, as Dataverse compares).
    public var nameEquals: String?
    public var status: SegmentStatus?
    public var type: SegmentType?
    public var sortKey: SegmentSortKey
    public var descending: Bool
    /// The whole order backwards, tie-breaks included: the end of the list first. The list reads
    /// its last rows this way (`G`), since paging goes only forwards.
    public var reversed = false
    public var pageSize: Int

    public init(
        nameContains: String? = nil, nameEquals: String? = nil, status: SegmentStatus? = nil, type: SegmentType? = nil,
        sortKey: SegmentSortKey = .modifiedOn, descending: Bool = true, pageSize: Int = 50
    ) {
        self.nameContains = nameContains
        self.nameEquals = nameEquals
        self.status = status
        self.type = type
        self.sortKey = sortKey
        self.descending = descending
        self.pageSize = pageSize
    }

    /// The same rows in exactly the opposite order.
    public var reversedOrder: SegmentListQuery {
        var query = self
        query.reversed.toggle()
        return query
    }

    /// The order as (attribute, descending) keys, ending in the segment id so that no two rows
    /// tie: only then is the reversed order exactly the reverse. Ties on the sort key go by name
    /// A to Z, then by id in the direction of the sort key (as the service breaks ties itself).
    public var orderKeys: [(attribute: String, descending: Bool)] {
        var keys: [(attribute: String, descending: Bool)] = [(sortKey.attribute, descending)]
        if sortKey != .name { keys.append((SegmentAttribute.name, false)) }
        keys.append((SegmentAttribute.id, descending))
        return reversed ? keys.map { ($0.attribute, !$0.descending) } : keys
    }

    /// Whether `segment` passes the filters (for services that filter in memory).
    public func matches(_ segment: Segment) -> Bool {
        if let text = nameContains?.lowercased(), !text.isEmpty, !segment.name.lowercased().contains(text) { return false }
        if let name = nameEquals?.lowercased(), segment.name.lowercased() != name { return false }
        if let status, segment.status != status { return false }
        if let type, segment.type != type { return false }
        return true
    }
}

/// One page of segments and how to get the next.
public struct SegmentPage: Sendable, Equatable {
    public var segments: [Segment]
    /// Opaque continuation; nil on the last page.
    public var next: PageContinuation?
    /// `@odata.count` when the service sent it (capped at 5000 by Dataverse).
    public var totalCount: Int?

    public init(segments: [Segment], next: PageContinuation?, totalCount: Int?) {
        self.segments = segments
        self.next = next
        self.totalCount = totalCount
    }
}

/// Where the next page starts: for Dataverse an `@odata.nextLink`, elsewhere an offset.
public struct PageContinuation: Sendable, Equatable {
    public var link: URL?
    public var offset: Int?
    public var pageSize: Int
    /// The query an offset continues (services without links need it again).
    public var query: SegmentListQuery?

    public init(link: URL? = nil, offset: Int? = nil, pageSize: Int, query: SegmentListQuery? = nil) {
        self.link = link
        self.offset = offset
        self.pageSize = pageSize
        self.query = query
    }
}

/// The segment operations the UI needs. Calls block: view models run them on background queues.
public protocol SegmentService: Sendable {
    /// What is being browsed, for the header ("127.0.0.1:8080", "contoso.crm.dynamics.com").
    var displayName: String { get }
    func firstPage(_ query: SegmentListQuery) throws(DataverseError) -> SegmentPage
    func nextPage(_ continuation: PageContinuation) throws(DataverseError) -> SegmentPage
    func segment(id: String) throws(DataverseError) -> Segment

    /// Creates a segment in Draft; returns its id.
    func create(_ draft: SegmentDraft) throws(DataverseError) -> String
    /// Sends only the changed columns; conditional on `etag` when given.
    func update(id: String, changes: SegmentChanges, ifMatch etag: String?) throws(DataverseError)
    /// Moves a segment on (Going live, Stopping, …); the service may refuse the transition.
    func setStatus(id: String, to status: SegmentStatus, ifMatch etag: String?) throws(DataverseError)
    func delete(id: String, ifMatch etag: String?) throws(DataverseError)
    /// The service's verdict on a query; empty when valid.
    func validate(type: SegmentType, query: String) throws(DataverseError) -> [ValidationIssue]
    /// A page of a segment's members, ordered by name.
    func members(of segment: Segment, skip: Int, take: Int) throws(DataverseError) -> (total: Int, contacts: [Contact])
    /// Every member id of a static segment.
    func memberIds(of segmentId: String) throws(DataverseError) -> [String]
    /// Adds and removes static members, in calls of at most 20,000 ids.
    func updateMembers(of segmentId: String, add: [String], remove: [String]) throws(DataverseError)
    /// Adds every contact a `PROFILE(...)` query selects to a static segment; returns how many were added.
    func addMembers(of segmentId: String, matching query: String) throws(DataverseError) -> Int
    /// Who is signed in (`WhoAmI`).
    func identity() throws(DataverseError) -> ServiceIdentity
    /// Throttling and reachability as the client sees them; nil for services without a network.
    var health: ServiceHealth? { get }
    /// Contacts whose name or email contains `text`.
    func searchContacts(_ text: String, top: Int) throws(DataverseError) -> [Contact]
}
