import Dataverse
import Foundation

/// `SegmentService` over the outbound API (`msdyncrm_segments`, the seed's). Every call goes
/// through `OutboundRequests` and fails with the domain's error (mapped in `OutboundErrors`).
/// Outbound has no groups: a static segment's list is its one Include group, `OutboundGroup.id`.
public final class OutboundSegmentService: SegmentService {
    let requests: OutboundRequests
    private let healthSource: DataverseHealthSource?

    public init(client: DataverseClient) {
        self.requests = OutboundRequests(client: client)
        self.healthSource = DataverseHealthSource(health: client.health)
    }

    public var client: DataverseClient { requests.client }
    public var displayName: String { requests.displayName }
    public var capabilities: SegmentCapabilities { .outbound }
    public var health: (any ConnectionHealthSource)? { healthSource }

    /// The list's request for `query` (benchmarks compare it with curl).
    public static func odataQuery(for query: SegmentListQuery) -> ODataQuery { OutboundRequests.odataQuery(for: query) }

    /// `WhoAmI`, then the user's name from `systemusers` if we may read it.
    public func identity() throws(SegmentServiceError) -> ServiceIdentity {
        try OutboundErrors.mapped { () throws(DataverseError) in try client.serviceIdentity() }
    }

    public func firstPage(_ query: SegmentListQuery) throws(SegmentServiceError) -> SegmentPage {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.firstPage(query) }
    }

    public func nextPage(_ continuation: PageContinuation) throws(SegmentServiceError) -> SegmentPage {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.nextPage(continuation) }
    }

    public func segment(id: String) throws(SegmentServiceError) -> Segment {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.segment(id: id) }
    }

    public func create(_ draft: SegmentDraft) throws(SegmentServiceError) -> String {
        guard capabilities.creatableKinds.contains(draft.type) else {
            throw .invalidRequest("outbound segments cannot be \(draft.type.label.lowercased())")
        }
        guard draft.baseEntity == .contact else { throw .invalidRequest("outbound segments are of contacts only") }
        return try OutboundErrors.mapped { () throws(DataverseError) in try requests.create(draft) }
    }

    public func update(id: String, changes: SegmentChanges, ifMatch etag: String?) throws(SegmentServiceError) {
        guard changes.refresh == nil else { throw .invalidRequest("outbound segments have no refresh settings") }
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.update(id: id, changes: changes, ifMatch: etag) }
    }

    public func delete(id: String, ifMatch etag: String?) throws(SegmentServiceError) {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.delete(id: id, ifMatch: etag) }
    }

    public func validate(type: SegmentKind, query: String) throws(SegmentServiceError) -> [ValidationIssue] {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.validate(type: type, query: query) }
    }

    public func setStatus(id: String, to status: SegmentStatus, ifMatch etag: String?) throws(SegmentServiceError) {
        guard status.outboundCode != nil else { throw .invalidRequest("outbound segments have no status \(status.label)") }
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.setStatus(id: id, to: status, ifMatch: etag) }
    }

    /// Outbound goes live by asking for Going live; a refusal is the service's error.
    public func publish(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome {
        try setStatus(id: id, to: .goingLive, ifMatch: etag)
        return .accepted
    }

    public func stop(id: String, ifMatch etag: String?) throws(SegmentServiceError) -> StatusChangeOutcome {
        try setStatus(id: id, to: .stopping, ifMatch: etag)
        return .accepted
    }

    public func members(of segment: Segment, skip: Int, take: Int) throws(SegmentServiceError) -> (total: Int, contacts: [Contact]) {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.members(of: segment, skip: skip, take: take) }
    }

    public func memberIds(of segmentId: String) throws(SegmentServiceError) -> [String] {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.memberIds(of: segmentId) }
    }

    public func updateMembers(of segmentId: String, add: [String], remove: [String]) throws(SegmentServiceError) {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.updateMembers(of: segmentId, add: add, remove: remove) }
    }

    public func addMembers(of segmentId: String, matching query: String) throws(SegmentServiceError) -> Int {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.addMembers(of: segmentId, matching: query) }
    }

    public func searchContacts(_ text: String, top: Int) throws(SegmentServiceError) -> [Contact] {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.searchContacts(text, top: top) }
    }
}
