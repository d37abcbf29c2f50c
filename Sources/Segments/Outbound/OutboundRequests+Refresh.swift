import Dataverse
import Foundation

/// A live list's whole tick on the outbound wire as one `$batch` of GETs ([D] "Execute batch
/// operations using the Web API"; segment-service.md, "Web API behaviour" for each part's
/// `$filter`, `$orderby`, `$top` and conditional GET): the delta, the versions of the rows in view
/// and the detail's `If-None-Match` read, each part the request `changed`, `versions` and
/// `segment(id:ifNoneMatch:)` send on their own.
extension OutboundRequests {
    func refresh(_ ask: RefreshAsk) throws(DataverseError) -> RefreshAnswer {
        typealias A = SegmentAttribute
        var parts = [try client.pageRequest(
            of: A.entitySet, query: Self.odataQuery(for: ask.query).changed(since: ask.since, modifiedOn: A.modifiedOn, top: ask.top),
            pageSize: ask.top + 1)]
        let wanted = ODataFilter.uniqueGUIDs(ask.visibleIds)
        var chunks: [Int] = []
        for start in stride(from: 0, to: wanted.count, by: Self.versionsPerRequest) {
            let chunk = Array(wanted[start..<min(wanted.count, start + Self.versionsPerRequest)])
            let odata = Self.odataQuery(for: ask.query).versions(of: chunk, key: A.id, columns: [A.id, A.modifiedOn, A.versionNumber])
            parts.append(try client.pageRequest(of: A.entitySet, query: odata, pageSize: chunk.count))
            chunks.append(chunk.count)
        }
        if let detail = ask.detail {
            parts.append(try client.recordRequest(in: A.entitySet, id: detail.id.lowercased(), select: A.readable, ifNoneMatch: detail.etag))
        }
        let replies = try client.batch(parts)

        let page = try DataverseClient.page(from: try replies[0].requiredResponse())
        var rows: [Segment] = []
        for record in page.records { rows.append(try Segment(outboundRecord: record)) }
        let delta = SegmentDelta(changed: Array(rows.prefix(ask.top)), truncated: rows.count > ask.top || page.nextLink != nil)

        var versions: [SegmentVersion] = []
        for (index, size) in chunks.enumerated() {
            var versionPage = try DataverseClient.page(from: try replies[1 + index].requiredResponse())
            while true {
                for record in versionPage.records {
                    guard let id = record.string(A.id) else { throw .malformedReply("a segment without \(A.id)") }
                    versions.append(SegmentVersion(id: id.lowercased(), etag: record.etag, modifiedOn: record.date(A.modifiedOn)))
                }
                // Not expected with a page as large as the chunk; followed as `versions` does.
                guard let next = versionPage.nextLink else { break }
                versionPage = try client.page(at: next, pageSize: size)
            }
        }

        var detail: ConditionalRead?
        if ask.detail != nil, let reply = replies.last {
            do throws(DataverseError) {
                if let response = try reply.checked() {
                    detail = .changed(try Segment(outboundRecord: try DataverseClient.record(from: response)))
                } else {
                    detail = .unchanged
                }
            } catch {
                // Deleted: the versions show it in the list.
                guard error.status == 404 else { throw error }
            }
        }
        return RefreshAnswer(delta: delta, versions: versions, detail: detail)
    }
}
