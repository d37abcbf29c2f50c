import Foundation

/// What the list can be ordered by, in domain words; each adapter maps a key to its columns.
public enum SegmentSortKey: String, Sendable, CaseIterable {
    case name, type, status, size, modifiedOn
}

/// What the list asks for: an optional name filter and an order.
public struct SegmentListQuery: Sendable, Equatable {
    public var nameContains: String?
    /// Exact name (case-insensitive, as Dataverse compares).
    public var nameEquals: String?
    public var status: SegmentStatus?
    public var type: SegmentKind?
    public var sortKey: SegmentSortKey
    public var descending: Bool
    /// The whole order backwards, tie-breaks included: the end of the list first. The list reads
    /// its last rows this way (`G`), since paging goes only forwards.
    public var reversed = false
    public var pageSize: Int

    public init(
        nameContains: String? = nil, nameEquals: String? = nil, status: SegmentStatus? = nil, type: SegmentKind? = nil,
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

    /// The order as (key, descending) pairs, ending in the segment id so that no two rows tie:
    /// only then is the reversed order exactly the reverse. Ties on the sort key go by name A to
    /// Z, then by id in the direction of the sort key (as the service breaks ties itself).
    /// A nil key is the id. Adapters map keys to their columns.
    public var orderKeys: [(key: SegmentSortKey?, descending: Bool)] {
        var keys: [(key: SegmentSortKey?, descending: Bool)] = [(sortKey, descending)]
        if sortKey != .name { keys.append((.name, false)) }
        keys.append((nil, descending))
        return reversed ? keys.map { ($0.key, !$0.descending) } : keys
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

/// The segment operations the UI needs, in domain words, over either API. Calls block: view
/// models run them on background queues. Every call throws `SegmentServiceError`; an operation
/// the API lacks (see `capabilities`) throws `.invalidRequest`.
public protocol SegmentService: Sendable {
    /// What is being browsed, for the header ("127.0.0.1:8080", "contoso.crm.dynamics.com").
    var displayName: String { get }
    /// Which API this is and what it can do.
    var capabilities: SegmentCapabilities { get }
    /// Throttling and reachability as the client sees them; nil for services without a network.
    var health: (any ConnectionHealthSource)? { get }
    /// Who is signed in (`WhoAmI`).
    func identity() throws(SegmentServiceError) -> ServiceIdentity

    // MARK: reading segments
    func firstPage(_ query: SegmentListQuery) throws(SegmentServiceError) -> SegmentPage
    func nextPage(_ continuation: PageContinuation) throws(SegmentServiceError) -> SegmentPage
    /// Everything about one segment, groups and usage included where the API has them.
    func segment(id: String) throws(SegmentServiceError) -> Segment

    // MARK: staying current (the live list, issue 13)
    /// The rows matching `query`'s filters (not its order) modified after `since`, newest first,
    /// at most `top`, in one request (journeys: at most one more for the definitions, since a
    /// change to the query or name touches the definition record).
    func changed(since: Date, matching query: SegmentListQuery, top: Int) throws(SegmentServiceError) -> SegmentDelta
    /// The versions of those of `ids` that still exist and match `query`'s filters, in one
    /// request; an id missing from the answer was deleted or has left the filter.
    func versions(of ids: [String], matching query: SegmentListQuery) throws(SegmentServiceError) -> [SegmentVersion]
    /// Reads one segment again unless it still has `etag` (`If-None-Match`; a 304 is `.unchanged`).
    func segment(id: String, ifNoneMatch etag: String?) throws(SegmentServiceError) -> ConditionalRead
    /// A whole tick of the live list (the three questions above) in one request where the API
    /// allows (`$batch`); journeys may need one more, only when something changed.
    func refresh(_ ask: RefreshAsk) throws(SegmentServiceError) -> RefreshAnswer
    /// The segment's audit records, newest first, or why there are none.
    func history(of segmentId: String) throws(SegmentServiceError) -> SegmentHistory

    // MARK: writing segments
    /// Creates a segment in Draft, with its groups and first members; returns its id. On journeys
    /// the adapter writes the definition, then the segment, and removes the first if the second fails.
    func create(_ draft: SegmentDraft) throws(SegmentServiceError) -> String
    /// Sends only the changed values; conditional on the segment's `etag` when given.
    func update(id: String, changes: SegmentChanges, ifMatch etag: String?) throws(SegmentServiceError)
    /// Removes the segment (journeys: the segment, then its definition). Refused while in use.
    func delete(id: String, ifMatch etag: String?) throws(SegmentServiceError)
    /// The service's verdict on a query; empty when valid.
    func validate(type: SegmentKind, query: String) throws(SegmentServiceError) -> [ValidationIssue]

    // MARK: lifecycle
    /// Takes a Draft, Stopped or Error segment live (journeys: PublishSegmentDefinition).
    func publish(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome
    /// Stops a live segment; a refusal with its blockers is an outcome, not an error.
    func stop(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome
    /// Outbound's way of moving a segment on (Going live, Stopping, …): a PATCH of its status.
    /// Journeys has no such write; use `publish` and `stop`.
    func setStatus(id: String, to status: SegmentStatus, ifMatch etag: String?) throws(SegmentServiceError)

    // MARK: static member groups (at most `MemberGroup.maximumCount`)
    /// The segment's groups with their sizes where known.
    func groups(of segmentId: String) throws(SegmentServiceError) -> [MemberGroup]
    func createGroup(in segmentId: String, _ draft: MemberGroupDraft) throws(SegmentServiceError) -> MemberGroup
    func renameGroup(in segmentId: String, groupId: String, to name: String) throws(SegmentServiceError)
    /// Removes a group and its members from the segment.
    func deleteGroup(in segmentId: String, groupId: String) throws(SegmentServiceError)
    /// How many ids the group holds, counting no further than `bound` (a count that reaches it is
    /// a lower bound). Reads ids only, never names: the detail calls it after it has painted.
    func countGroupMembers(of segmentId: String, groupId: String, upTo bound: Int) throws(SegmentServiceError) -> GroupCount
    /// A page of one group's members, names resolved.
    func groupMembers(of segmentId: String, groupId: String, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage
    /// Adds and removes ids in one group, in calls the API allows; says what happened when the
    /// service does.
    func changeMembers(of segmentId: String, groupId: String, add: [String], remove: [String])
        throws(SegmentServiceError) -> MemberChangeOutcome
    /// Who is in the segment now, of any kind (journeys: MembersList), names resolved.
    func currentMembers(of segment: Segment, page: MemberPageRequest) throws(SegmentServiceError) -> MemberPage

    // MARK: outbound-shaped member calls the screens use today
    /// A page of a segment's members, ordered by name.
    func members(of segment: Segment, skip: Int, take: Int) throws(SegmentServiceError) -> (total: Int, contacts: [Contact])
    /// Every member id of a static segment (all its Include groups, less its Exclude groups).
    func memberIds(of segmentId: String) throws(SegmentServiceError) -> [String]
    /// Adds and removes static members of a segment with one list (outbound; journeys: the
    /// first Include group).
    func updateMembers(of segmentId: String, add: [String], remove: [String]) throws(SegmentServiceError)
    /// Adds every contact a query selects to a static segment; returns how many were added.
    func addMembers(of segmentId: String, matching query: String) throws(SegmentServiceError) -> Int

    /// Contacts whose name or email contains `text`.
    func searchContacts(_ text: String, top: Int) throws(SegmentServiceError) -> [Contact]
}
