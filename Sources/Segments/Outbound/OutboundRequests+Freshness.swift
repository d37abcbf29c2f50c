import Dataverse
import Foundation

/// The live list's reads on the outbound wire: each one request (segment-service.md, "Web API
/// behaviour" [D]: `$filter`, `$orderby`, `$top`, conditional GET).
extension OutboundRequests {
    /// Ids one `versions` request names; a screen shows about 60, and 200 keeps the URL near 16 KB.
    static let versionsPerRequest = 200

    func changed(since: Date, matching query: SegmentListQuery, top: Int) throws(DataverseError) -> SegmentDelta {
        let odata = Self.odataQuery(for: query).changed(since: since, modifiedOn: SegmentAttribute.modifiedOn, top: top)
        // The page size is the `$top` too: Dataverse ignores `$top` when a page size is asked for ([D]).
        let page = try client.firstPage(of: SegmentAttribute.entitySet, query: odata, pageSize: top + 1)
        var rows: [Segment] = []
        for record in page.records { rows.append(try Segment(outboundRecord: record)) }
        return SegmentDelta(changed: Array(rows.prefix(top)), truncated: rows.count > top || page.nextLink != nil)
    }

    func versions(of ids: [String], matching query: SegmentListQuery) throws(DataverseError) -> [SegmentVersion] {
        typealias A = SegmentAttribute
        let wanted = ODataFilter.uniqueGUIDs(ids)
        var versions: [SegmentVersion] = []
        for start in stride(from: 0, to: wanted.count, by: Self.versionsPerRequest) {
            let chunk = Array(wanted[start..<min(wanted.count, start + Self.versionsPerRequest)])
            let odata = Self.odataQuery(for: query).versions(of: chunk, key: A.id, columns: [A.id, A.modifiedOn, A.versionNumber])
            var page = try client.firstPage(of: A.entitySet, query: odata, pageSize: chunk.count)
            while true {
                for record in page.records {
                    guard let id = record.string(A.id) else { throw .malformedReply("a segment without \(A.id)") }
                    versions.append(SegmentVersion(id: id.lowercased(), etag: record.etag, modifiedOn: record.date(A.modifiedOn)))
                }
                guard let next = page.nextLink else { break }
                page = try client.page(at: next, pageSize: chunk.count)
            }
        }
        return versions
    }

    func segment(id: String, ifNoneMatch etag: String?) throws(DataverseError) -> ConditionalRead {
        guard let record = try client.record(in: SegmentAttribute.entitySet, id: id, select: SegmentAttribute.readable, ifNoneMatch: etag) else {
            return .unchanged
        }
        return .changed(try Segment(outboundRecord: record))
    }
}
