import Dataverse
import Foundation

/// The live list's questions and the history on the outbound wire (`OutboundRequests+Freshness`,
/// `AuditHistory`), failing with the domain's errors.
extension OutboundSegmentService {
    public func changed(since: Date, matching query: SegmentListQuery, top: Int) throws(SegmentServiceError) -> SegmentDelta {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.changed(since: since, matching: query, top: top) }
    }

    public func versions(of ids: [String], matching query: SegmentListQuery) throws(SegmentServiceError) -> [SegmentVersion] {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.versions(of: ids, matching: query) }
    }

    public func segment(id: String, ifNoneMatch etag: String?) throws(SegmentServiceError) -> ConditionalRead {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.segment(id: id, ifNoneMatch: etag) }
    }

    public func refresh(_ ask: RefreshAsk) throws(SegmentServiceError) -> RefreshAnswer {
        try OutboundErrors.mapped { () throws(DataverseError) in try requests.refresh(ask) }
    }

    public func history(of segmentId: String) throws(SegmentServiceError) -> SegmentHistory {
        typealias A = SegmentAttribute
        return try OutboundErrors.mapped { () throws(DataverseError) in
            try AuditHistory.read(client, records: [
                AuditedRecord(entitySet: A.entitySet, logicalName: A.entityName, id: segmentId.lowercased(), labels: A.historyLabels)
            ])
        }
    }
}
