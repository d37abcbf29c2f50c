import Dataverse
import Foundation

/// A live list's whole tick on the journeys wire. A segment is two records with no relationship
/// between them (JSS §2 [M][C]), so a tick has twice the questions of outbound; a `$batch` of GETs
/// ([D] "Execute batch operations using the Web API") asks them all as one request: definitions
/// and segments changed since the mark, the versions of the rows in view on both records (the
/// definitions named by the ids the list has already read), and the open detail's two conditional
/// GETs. Only when that answer names records not yet known (a definition changed whose segment was
/// not in the delta, a changed segment whose definition was not, a row never read) does one more
/// batch fetch them; a changed detail is read again whole, as `segment(id:)` reads it.
extension JourneysRequests {
    func refresh(_ ask: RefreshAsk) throws(DataverseError) -> RefreshAnswer {
        typealias S = SegmentColumn
        typealias D = DefinitionColumn
        var parts: [HTTPRequest] = []
        // 0, 1: definitions and segments (in the list's filter) modified since the mark.
        parts.append(try client.pageRequest(
            of: D.entitySet, query: ODataQuery(select: D.selected).changed(since: ask.since, modifiedOn: D.modifiedOn, top: ask.top),
            pageSize: ask.top + 1))
        parts.append(try client.pageRequest(
            of: S.entitySet, query: Self.odataQuery(for: ask.query).changed(since: ask.since, modifiedOn: S.modifiedOn, top: ask.top),
            pageSize: ask.top + 1))
        // The rows in view: segments in the filter, and the definitions already known for them.
        let wanted = ODataFilter.uniqueGUIDs(ask.visibleIds)
        let segmentVersionParts = parts.count
        for chunk in Self.chunks(wanted) {
            let odata = Self.odataQuery(for: ask.query).versions(of: chunk, key: S.id, columns: [S.id, S.sourceSegmentUid, S.modifiedOn, S.versionNumber])
            parts.append(try client.pageRequest(of: S.entitySet, query: odata, pageSize: chunk.count))
        }
        let knownDefinitions = ODataFilter.uniqueGUIDs(wanted.compactMap { knownDefinitionId(of: $0) })
        let definitionVersionParts = parts.count
        parts += try definitionRequests(knownDefinitions, select: [D.id, D.modifiedOn, D.versionNumber])
        // The detail: both records with `If-None-Match` [D].
        let detailTags = ask.detail.map { JourneysETag.unpack($0.etag) }
        let detailDefinition = ask.detail.flatMap { knownDefinitionId(of: $0.id) }
        var detailParts: (segment: Int, definition: Int?)?
        if let detail = ask.detail, let segmentTag = detailTags?.segment {
            parts.append(try client.recordRequest(in: S.entitySet, id: detail.id.lowercased(), select: [S.id, S.sourceSegmentUid], ifNoneMatch: segmentTag))
            detailParts = (parts.count - 1, nil)
            if let detailDefinition, let definitionTag = detailTags?.definition {
                parts.append(try client.recordRequest(in: D.entitySet, id: detailDefinition, select: [D.id], ifNoneMatch: definitionTag))
                detailParts?.definition = parts.count - 1
            }
        }
        let replies = try client.batch(parts)

        let changedDefinitionsPage = try DataverseClient.page(from: try replies[0].requiredResponse())
        var definitions: [String: ODataRecord] = [:]
        for record in changedDefinitionsPage.records { if let id = record.string(D.id) { definitions[id.lowercased()] = record } }
        let changedSegmentsPage = try DataverseClient.page(from: try replies[1].requiredResponse())
        var segmentRecords = changedSegmentsPage.records
        var versionRecords: [ODataRecord] = []
        for index in segmentVersionParts..<definitionVersionParts {
            versionRecords += try DataverseClient.page(from: try replies[index].requiredResponse()).records
        }
        var versionDefinitions: [String: ODataRecord] = [:]
        for index in definitionVersionParts..<(definitionVersionParts + Self.chunks(knownDefinitions).count) {
            for record in try DataverseClient.page(from: try replies[index].requiredResponse()).records {
                if let id = record.string(D.id) { versionDefinitions[id.lowercased()] = record }
            }
        }

        // One more batch only for records the first did not bring.
        let deltaSegmentUids = Set(segmentRecords.compactMap { $0.string(S.sourceSegmentUid)?.lowercased() })
        let orphanDefinitions = ODataFilter.uniqueGUIDs(definitions.keys.filter { !deltaSegmentUids.contains($0) }.sorted())
        let missingDefinitions = ODataFilter.uniqueGUIDs(
            deltaSegmentUids.filter { definitions[$0] == nil }.sorted()
                + versionRecords.compactMap { $0.string(S.sourceSegmentUid)?.lowercased() }.filter { versionDefinitions[$0] == nil && definitions[$0] == nil })
        if !orphanDefinitions.isEmpty || !missingDefinitions.isEmpty {
            var more: [HTTPRequest] = []
            if !orphanDefinitions.isEmpty {
                var odata = Self.odataQuery(for: ask.query)
                odata.filter = ODataFilter.and([odata.filter ?? "", orphanDefinitions.map { "\(S.sourceSegmentUid) eq \(ODataFilter.literal($0))" }.joined(separator: " or ")])
                odata.count = false
                more.append(try client.pageRequest(of: S.entitySet, query: odata, pageSize: orphanDefinitions.count))
            }
            more += try definitionRequests(missingDefinitions, select: D.selected)
            let answers = try client.batch(more)
            var next = 0
            if !orphanDefinitions.isEmpty {
                let known = Set(segmentRecords.compactMap { $0.string(S.id)?.lowercased() })
                segmentRecords += try DataverseClient.page(from: try answers[0].requiredResponse()).records
                    .filter { !known.contains($0.string(S.id)?.lowercased() ?? "") }
                next = 1
            }
            for reply in answers[next...] {
                for record in try DataverseClient.page(from: try reply.requiredResponse()).records {
                    if let id = record.string(D.id) { versionDefinitions[id.lowercased()] = record }
                }
            }
        }

        var rows: [Segment] = []
        for record in segmentRecords {
            let uid = record.string(S.sourceSegmentUid)?.lowercased()
            let segment = try Segment(journeysSegment: record, definition: uid.flatMap { definitions[$0] ?? versionDefinitions[$0] })
            remember(segment)
            if let type = ask.query.type, type == .mixed || type == .dynamic, segment.type != type { continue }
            rows.append(segment)
        }
        rows.sort { ($0.modifiedOn ?? .distantPast) > ($1.modifiedOn ?? .distantPast) }
        let truncated = changedDefinitionsPage.records.count > ask.top || changedSegmentsPage.records.count > ask.top || rows.count > ask.top
        let delta = SegmentDelta(changed: Array(rows.prefix(ask.top)), truncated: truncated)

        let versions = try versionRecords.map { record throws(DataverseError) in
            guard let id = record.string(S.id) else { throw .malformedReply("a segment without \(S.id)") }
            let uid = record.string(S.sourceSegmentUid)?.lowercased()
            let definition = uid.flatMap { versionDefinitions[$0] ?? definitions[$0] }
            let modified = [record.date(S.modifiedOn), definition?.date(D.modifiedOn)].compactMap { $0 }.max()
            return SegmentVersion(id: id.lowercased(), etag: JourneysETag.pack(segment: record.etag, definition: definition?.etag), modifiedOn: modified)
        }

        return RefreshAnswer(delta: delta, versions: versions, detail: try detailAnswer(ask, replies, detailParts, knownDefinition: detailDefinition))
    }

    /// Unchanged only when both records answered 304 (or the segment did and it has no
    /// definition); nil when the segment is gone; else read again whole.
    private func detailAnswer(
        _ ask: RefreshAsk, _ replies: [BatchReply], _ parts: (segment: Int, definition: Int?)?, knownDefinition: String?
    ) throws(DataverseError) -> ConditionalRead? {
        guard let detail = ask.detail else { return nil }
        let id = detail.id.lowercased()
        do throws(DataverseError) {
            guard let parts else { return .changed(try segment(id: id)) }
            if try replies[parts.segment].checked() != nil { return .changed(try segment(id: id)) }
            let definitionTag = JourneysETag.unpack(detail.etag).definition
            if let index = parts.definition {
                do throws(DataverseError) {
                    if try replies[index].checked() == nil { return .unchanged }
                } catch {
                    guard error.status == 404 else { throw error }
                }
                return .changed(try segment(id: id))
            }
            // The definition was not known to this client: as `segment(id:ifNoneMatch:)` decides.
            if knownDefinition == nil, definitionTag == nil, try definitionId(of: id) == nil { return .unchanged }
            return .changed(try segment(id: id))
        } catch {
            guard error.status == 404 else { throw error }
            return nil
        }
    }

    static func chunks(_ ids: [String]) -> [[String]] {
        stride(from: 0, to: ids.count, by: definitionsPerRequest).map { Array(ids[$0..<min(ids.count, $0 + definitionsPerRequest)]) }
    }

    /// The GETs `definitions(_:select:)` sends, for a batch.
    private func definitionRequests(_ ids: [String], select: [String]) throws(DataverseError) -> [HTTPRequest] {
        try Self.chunks(ids).map { chunk throws(DataverseError) in
            try client.pageRequest(of: DefinitionColumn.entitySet, query: ODataQuery(select: select, filter: ODataFilter.anyOf(DefinitionColumn.id, chunk)), pageSize: chunk.count)
        }
    }
}
