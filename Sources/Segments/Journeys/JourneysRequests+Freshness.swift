import Dataverse
import Foundation

/// The live list's reads on the journeys wire. A journeys segment is two records with no
/// relationship (JSS §2 [M][C]): its name and kind sit on the segment, its query and groups on the
/// definition, so a change to either must be seen. Bounds: `changed` at most three requests (two
/// when nothing changed), `versions` two, a conditional detail two when nothing changed.
extension JourneysRequests {
    func changed(since: Date, matching query: SegmentListQuery, top: Int) throws(DataverseError) -> SegmentDelta {
        typealias S = SegmentColumn
        typealias D = DefinitionColumn
        // 1. Definitions modified since the mark (query, groups, refresh, the definition's status).
        let definitionQuery = ODataQuery(select: D.selected).changed(since: since, modifiedOn: D.modifiedOn, top: top)
        let changedDefinitions = try client.firstPage(of: D.entitySet, query: definitionQuery, pageSize: top + 1)
        var definitions: [String: ODataRecord] = [:]
        for record in changedDefinitions.records { if let id = record.string(D.id) { definitions[id.lowercased()] = record } }
        let definitionIds = ODataFilter.uniqueGUIDs(Array(definitions.keys).sorted())
        // 2. Segments in the list's filter modified since the mark, or whose definition was: one
        // request for both halves. The uid is a string column, so its values are quoted [D].
        var segmentQuery = Self.odataQuery(for: query)
        let since = "\(S.modifiedOn) gt \(ODataDate.format(since))"
        let touched = [since] + definitionIds.map { "\(S.sourceSegmentUid) eq \(ODataFilter.literal($0))" }
        segmentQuery.filter = ODataFilter.and([segmentQuery.filter ?? "", touched.joined(separator: " or ")])
        segmentQuery.orderBy = [(S.modifiedOn, descending: true)]
        segmentQuery.count = false
        let limit = top + 1 + definitionIds.count
        segmentQuery.top = limit
        let page = try client.firstPage(of: S.entitySet, query: segmentQuery, pageSize: limit)
        // 3. The definitions of changed segments that step 1 did not bring, in one request.
        let missing = page.records.compactMap { $0.string(S.sourceSegmentUid)?.lowercased() }.filter { definitions[$0] == nil }
        if !missing.isEmpty { definitions.merge(try self.definitions(missing)) { old, _ in old } }
        var rows: [Segment] = []
        for record in page.records {
            let segment = try Segment(journeysSegment: record, definition: record.string(S.sourceSegmentUid).flatMap { definitions[$0.lowercased()] })
            remember(segment)
            if let type = query.type, type == .mixed || type == .dynamic, segment.type != type { continue }
            rows.append(segment)
        }
        rows.sort { ($0.modifiedOn ?? .distantPast) > ($1.modifiedOn ?? .distantPast) }
        let truncated = changedDefinitions.records.count > top || page.records.count >= limit || rows.count > top
        return SegmentDelta(changed: Array(rows.prefix(top)), truncated: truncated)
    }

    /// Both records' versions: the segment's in the list's filter, then its definition's, so that
    /// an edit of the query alone changes the packed tag as `Segment.etag` packs it.
    func versions(of ids: [String], matching query: SegmentListQuery) throws(DataverseError) -> [SegmentVersion] {
        typealias S = SegmentColumn
        typealias D = DefinitionColumn
        let wanted = ODataFilter.uniqueGUIDs(ids)
        guard !wanted.isEmpty else { return [] }
        var records: [ODataRecord] = []
        for start in stride(from: 0, to: wanted.count, by: Self.definitionsPerRequest) {
            let chunk = Array(wanted[start..<min(wanted.count, start + Self.definitionsPerRequest)])
            let odata = Self.odataQuery(for: query).versions(of: chunk, key: S.id, columns: [S.id, S.sourceSegmentUid, S.modifiedOn, S.versionNumber])
            var page = try client.firstPage(of: S.entitySet, query: odata, pageSize: chunk.count)
            while true {
                records += page.records
                guard let next = page.nextLink else { break }
                page = try client.page(at: next, pageSize: chunk.count)
            }
        }
        let definitions = try self.definitions(records.compactMap { $0.string(S.sourceSegmentUid) }, select: [D.id, D.modifiedOn, D.versionNumber])
        return try records.map { record throws(DataverseError) in
            guard let id = record.string(S.id) else { throw .malformedReply("a segment without \(S.id)") }
            let definition = record.string(S.sourceSegmentUid).flatMap { definitions[$0.lowercased()] }
            let modified = [record.date(S.modifiedOn), definition?.date(D.modifiedOn)].compactMap { $0 }.max()
            return SegmentVersion(id: id.lowercased(), etag: JourneysETag.pack(segment: record.etag, definition: definition?.etag), modifiedOn: modified)
        }
    }

    /// Two conditional GETs (`If-None-Match` on each record [D]); unchanged only when both answer
    /// 304, else the whole segment is read again as `segment(id:)` reads it.
    func segment(id: String, ifNoneMatch etag: String?) throws(DataverseError) -> ConditionalRead {
        typealias S = SegmentColumn
        typealias D = DefinitionColumn
        let tags = JourneysETag.unpack(etag)
        guard let segmentTag = tags.segment else { return .changed(try segment(id: id)) }
        if try client.record(in: S.entitySet, id: id, select: [S.id, S.sourceSegmentUid], ifNoneMatch: segmentTag) != nil {
            return .changed(try segment(id: id))
        }
        let definitionId = try self.definitionId(of: id)
        switch (definitionId, tags.definition) {
        case (nil, nil): return .unchanged
        case (let definitionId?, let definitionTag?):
            do throws(DataverseError) {
                if try client.record(in: D.entitySet, id: definitionId, select: [D.id], ifNoneMatch: definitionTag) == nil { return .unchanged }
            } catch {
                guard error.status == 404 else { throw error }
            }
            return .changed(try segment(id: id))
        default: return .changed(try segment(id: id))
        }
    }

    /// The segment's and its definition's audit records, merged newest first.
    func history(of segmentId: String) throws(DataverseError) -> SegmentHistory {
        typealias S = SegmentColumn
        typealias D = DefinitionColumn
        let id = segmentId.lowercased()
        var records = [AuditedRecord(entitySet: S.entitySet, logicalName: S.entityName, id: id, labels: JourneysHistoryLabels.segment)]
        do throws(DataverseError) {
            if let definitionId = try definitionId(of: id) {
                records.append(AuditedRecord(entitySet: D.entitySet, logicalName: D.entityName, id: definitionId, labels: JourneysHistoryLabels.definition))
            }
        } catch {
            // A deleted segment still has its history; its definition is then unknown.
            guard error.status == 404 else { throw error }
        }
        return try AuditHistory.read(client, records: records)
    }
}
