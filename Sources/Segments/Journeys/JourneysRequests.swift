import Dataverse
import Foundation
import Synchronization

/// The journeys API's reads over the Dataverse Web API, failing with the transport's error;
/// `JourneysSegmentService` wraps them into the domain. The two tables have no relationship
/// (JSS §2), so a page of segments is one request and its definitions at most one more (a
/// `$filter` over the page's definition ids), never one a row.
final class JourneysRequests: Sendable {
    let client: DataverseClient
    let people: PeopleDirectory
    /// Each segment's base table, learnt when it was read, so that member pages need not read it again.
    private let baseEntities = Mutex<[String: BaseEntity]>([:])
    /// Each segment's definition id, learnt when it was read: a conditional re-read of both
    /// records needs it even when the segment record answers 304 without a body.
    private let definitionIds = Mutex<[String: String]>([:])

    init(client: DataverseClient) {
        self.client = client
        self.people = PeopleDirectory(client: client)
    }

    /// Definition ids one `$filter` lists: 200 clauses keep the URL near 16 KB, under Dataverse's
    /// 32 KB and 500 conditions; a page of 50 needs one request.
    static let definitionsPerRequest = 200

    /// The list's request for `query`: journeys segments (source 12) that are not deleted, as
    /// the reference's list example asks (JSS §3 "List and read" [I]).
    static func odataQuery(for query: SegmentListQuery) -> ODataQuery {
        typealias S = SegmentColumn
        var clauses = ["\(S.source) eq \(JourneysCodes.sourceJourneys)", "\(S.status) ne \(JourneysCodes.segmentDeleted)"]
        if let text = query.nameContains, !text.isEmpty { clauses.append(ODataFilter.contains(S.displayName, text)) }
        if let name = query.nameEquals { clauses.append("\(S.displayName) eq \(ODataFilter.literal(name))") }
        if let status = query.status {
            let codes = JourneysCodes.segmentCodes(for: status)
            // A status journeys does not have matches no row (-1 is no option value).
            clauses.append(codes.isEmpty ? "\(S.status) eq -1" : codes.map { "\(S.status) eq \($0)" }.joined(separator: " or "))
        }
        if let type = query.type {
            switch type {
            case .static: clauses.append("\(S.type) eq \(JourneysCodes.typeStatic)")
            case .dynamic: clauses.append("\(S.type) eq \(JourneysCodes.typeDynamic)")
            // Mixed is a dynamic with groups or a static with a query: sifted once definitions are read.
            case .mixed: break
            case .compound, .unknown: clauses.append("\(S.type) eq -1")
            }
        }
        let order = query.orderKeys.map { (S.column($0.key), descending: $0.descending) }
        return ODataQuery(select: S.listed, filter: ODataFilter.and(clauses), orderBy: order, count: true)
    }

    func firstPage(_ query: SegmentListQuery) throws(DataverseError) -> SegmentPage {
        let page = try client.firstPage(of: SegmentColumn.entitySet, query: Self.odataQuery(for: query), pageSize: query.pageSize)
        return try segmentPage(page, pageSize: query.pageSize, query: query)
    }

    func nextPage(_ continuation: PageContinuation) throws(DataverseError) -> SegmentPage {
        guard let link = continuation.link else { throw .invalidRequest("no next link to follow") }
        let page = try client.page(at: link, pageSize: continuation.pageSize)
        return try segmentPage(page, pageSize: continuation.pageSize, query: continuation.query)
    }

    private func segmentPage(_ page: RecordPage, pageSize: Int, query: SegmentListQuery?) throws(DataverseError) -> SegmentPage {
        let definitionIds = page.records.compactMap { $0.string(SegmentColumn.sourceSegmentUid) }
        let definitions = try self.definitions(definitionIds)
        var segments: [Segment] = []
        segments.reserveCapacity(page.records.count)
        for record in page.records {
            let definition = record.string(SegmentColumn.sourceSegmentUid).flatMap { definitions[$0.lowercased()] }
            let segment = try Segment(journeysSegment: record, definition: definition)
            remember(segment)
            if let type = query?.type, type == .mixed || type == .dynamic, segment.type != type { continue }
            segments.append(segment)
        }
        return SegmentPage(
            segments: segments, next: page.nextLink.map { PageContinuation(link: $0, pageSize: pageSize, query: query) },
            totalCount: page.count)
    }

    /// The definitions `ids` name, by lowercased id; ids that are not GUIDs are passed over (they
    /// would go into the filter unquoted, as Edm.Guid literals do).
    func definitions(_ ids: [String], select: [String] = DefinitionColumn.selected) throws(DataverseError) -> [String: ODataRecord] {
        var unique: [String] = []
        for id in ids.map({ $0.lowercased() }) where SegmentResolver.isGUID(id) && !unique.contains(id) { unique.append(id) }
        var found: [String: ODataRecord] = [:]
        for start in stride(from: 0, to: unique.count, by: Self.definitionsPerRequest) {
            let chunk = unique[start..<min(unique.count, start + Self.definitionsPerRequest)]
            let filter = chunk.map { "\(DefinitionColumn.id) eq \($0)" }.joined(separator: " or ")
            var page = try client.firstPage(
                of: DefinitionColumn.entitySet, query: ODataQuery(select: select, filter: filter), pageSize: chunk.count)
            while true {
                for record in page.records { if let id = record.string(DefinitionColumn.id) { found[id.lowercased()] = record } }
                guard let next = page.nextLink else { break }
                page = try client.page(at: next, pageSize: chunk.count)
            }
        }
        return found
    }

    /// The segment record and its definition (nil when the definition is gone).
    func records(of segmentId: String) throws(DataverseError) -> (segment: ODataRecord, definition: ODataRecord?) {
        let record = try client.record(in: SegmentColumn.entitySet, id: segmentId, select: SegmentColumn.listed + [SegmentColumn.scope])
        guard let definitionId = record.string(SegmentColumn.sourceSegmentUid), SegmentResolver.isGUID(definitionId) else { return (record, nil) }
        do throws(DataverseError) {
            return (record, try client.record(in: DefinitionColumn.entitySet, id: definitionId.lowercased(), select: DefinitionColumn.selected))
        } catch {
            if error.status == 404 { return (record, nil) }
            throw error
        }
    }

    /// Everything about one segment: both records, who uses it, and why it is in Error.
    func segment(id: String) throws(DataverseError) -> Segment {
        let (record, definition) = try records(of: id)
        var segment = try Segment(journeysSegment: record, definition: definition, usage: usage(of: id))
        if segment.status == .error { segment = try Segment(journeysSegment: record, definition: definition, usage: segment.usage, errorReason: errorReason(of: id)) }
        remember(segment)
        return segment
    }

    /// The journeys `msdynmkt_segmentusages` names for a segment (JSS §2.3 [C]); nil when that
    /// table cannot be read as we expect, so that the journey count alone stands.
    func usage(of segmentId: String) -> SegmentUsage? {
        guard SegmentResolver.isGUID(segmentId) else { return nil }
        let query = ODataQuery(select: [UsageColumn.journey, UsageColumn.usage], filter: "\(UsageColumn.segment) eq \(segmentId.lowercased())")
        guard let page = try? client.firstPage(of: UsageColumn.entitySet, query: query, pageSize: 100) else { return nil }
        var journeys: [UsageReference] = []
        for record in page.records {
            guard let id = record.string(UsageColumn.journey)?.lowercased(), !journeys.contains(where: { $0.id == id }) else { continue }
            journeys.append(UsageReference(id: id, name: record.formatted(UsageColumn.journey)))
        }
        return SegmentUsage(journeys: journeys)
    }

    /// The reason a segment is in Error, from `msdynmkt_SegmentStatus` [C]; nil when it says none.
    func errorReason(of segmentId: String) -> String? {
        guard let reply = try? client.action(JourneysActions.segmentStatus, fields: JourneysActions.segmentBody(segmentId)) else { return nil }
        return JourneysActions.decodeErrorReason(reply)
    }

    func remember(_ segment: Segment) {
        baseEntities.withLock { $0[segment.id] = segment.baseEntity }
        if let definitionId = segment.definitionId { definitionIds.withLock { $0[segment.id] = definitionId } }
    }

    /// The segment's definition id if a read has brought it already (no request).
    func knownDefinitionId(of segmentId: String) -> String? { definitionIds.withLock { $0[segmentId.lowercased()] } }

    /// The segment's definition id: remembered, else read from the segment record (nil if it has none).
    func definitionId(of segmentId: String) throws(DataverseError) -> String? {
        if let known = definitionIds.withLock({ $0[segmentId] }) { return known }
        let record = try client.record(in: SegmentColumn.entitySet, id: segmentId, select: [SegmentColumn.id, SegmentColumn.sourceSegmentUid])
        guard let id = record.string(SegmentColumn.sourceSegmentUid)?.lowercased(), SegmentResolver.isGUID(id) else { return nil }
        definitionIds.withLock { $0[segmentId] = id }
        return id
    }

    /// The segment's base table, read once.
    func baseEntity(of segmentId: String) throws(DataverseError) -> BaseEntity {
        if let known = baseEntities.withLock({ $0[segmentId] }) { return known }
        let record = try client.record(in: SegmentColumn.entitySet, id: segmentId, select: [SegmentColumn.id, SegmentColumn.baseEntity])
        let base = BaseEntity(logicalName: record.string(SegmentColumn.baseEntity) ?? "contact")
        baseEntities.withLock { $0[segmentId] = base }
        return base
    }

    /// Every id of one group, page by page until a short page (ListGroupMembers has no total [D]).
    func allGroupIds(segmentId: String, groupId: String) throws(DataverseError) -> [String] {
        try groupIds(segmentId: segmentId, groupId: groupId, upTo: nil).ids
    }

    /// A group's ids, page by page until a short page or until `limit` ids are read; `complete`
    /// says whether the short page came. ListGroupMembers {SegmentId, GroupId, PageNo, PageSize}
    /// answers ids only, no total or next flag (JSS §3 [D]; "until a short page" is [C]). Pages are no larger than the limit, so that counting
    /// a small bound reads no more than it needs.
    func groupIds(segmentId: String, groupId: String, upTo limit: Int?) throws(DataverseError) -> (ids: [String], complete: Bool) {
        let size = min(JourneysActions.maxGroupPageSize, max(1, limit ?? .max))
        var ids: [String] = []
        var page = 1
        while true {
            let reply = try client.action(JourneysActions.listGroupMembers, fields: JourneysActions.groupPageBody(
                segmentId: segmentId, groupId: groupId, page: page, size: size))
            let found = try JourneysActions.decodeGroupPage(reply)
            ids += found
            if found.count < size { return (ids, true) }
            if let limit, ids.count >= limit { return (ids, false) }
            page += 1
        }
    }
}
