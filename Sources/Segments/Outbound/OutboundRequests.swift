import Dataverse
import Foundation

/// The outbound API's requests over the Dataverse Web API (`msdyncrm_segments`), failing with the
/// transport's `DataverseError`; `OutboundSegmentService` wraps them into the domain.
final class OutboundRequests: Sendable {
    public let client: DataverseClient

    public init(client: DataverseClient) {
        self.client = client
    }

    public var displayName: String { client.displayName }

    /// The columns the list shows, and those the JSON shape (`SegmentExport.json`) prints, so that
    /// `list --json` and the list's `Y` have every value in one request a page. The member ids stay
    /// out: they can be 1 MB a row (reference/segment-service.md [D], `msdyncrm_segmentmemberids`).
    static let listColumns = [
        SegmentAttribute.id, SegmentAttribute.name, SegmentAttribute.type, SegmentAttribute.status,
        SegmentAttribute.size, SegmentAttribute.modifiedOn, SegmentAttribute.createdOn,
        SegmentAttribute.description, SegmentAttribute.query, SegmentAttribute.queryName,
    ]

    public static func odataQuery(for query: SegmentListQuery) -> ODataQuery {
        var clauses: [String] = []
        if let text = query.nameContains, !text.isEmpty { clauses.append(ODataFilter.contains(SegmentAttribute.name, text)) }
        if let name = query.nameEquals { clauses.append("\(SegmentAttribute.name) eq \(ODataFilter.literal(name))") }
        // A status or kind outbound does not have matches no row (-1 is no option value).
        if let status = query.status { clauses.append(ODataFilter.equals(SegmentAttribute.status, status.outboundCode ?? -1)) }
        if let type = query.type { clauses.append(ODataFilter.equals(SegmentAttribute.type, type.outboundCode ?? -1)) }
        let filter = ODataFilter.and(clauses)
        let order = query.orderKeys.map { (SegmentAttribute.column($0.key), descending: $0.descending) }
        return ODataQuery(select: listColumns, filter: filter, orderBy: order, count: true)
    }

    public func firstPage(_ query: SegmentListQuery) throws(DataverseError) -> SegmentPage {
        let page = try client.firstPage(of: SegmentAttribute.entitySet, query: Self.odataQuery(for: query), pageSize: query.pageSize)
        return try Self.segmentPage(page, pageSize: query.pageSize)
    }

    public func nextPage(_ continuation: PageContinuation) throws(DataverseError) -> SegmentPage {
        guard let link = continuation.link else { throw .invalidRequest("no next link to follow") }
        let page = try client.page(at: link, pageSize: continuation.pageSize)
        return try Self.segmentPage(page, pageSize: continuation.pageSize)
    }

    public func segment(id: String) throws(DataverseError) -> Segment {
        // Named columns: without $select the service would send msdyncrm_segmentmemberids, up to 1 MB.
        try Segment(outboundRecord: client.record(in: SegmentAttribute.entitySet, id: id, select: SegmentAttribute.readable))
    }

    static func segmentPage(_ page: RecordPage, pageSize: Int) throws(DataverseError) -> SegmentPage {
        var segments: [Segment] = []
        segments.reserveCapacity(page.records.count)
        for record in page.records { segments.append(try Segment(outboundRecord: record)) }
        return SegmentPage(
            segments: segments,
            next: page.nextLink.map { PageContinuation(link: $0, pageSize: pageSize) },
            totalCount: page.count)
    }
}
