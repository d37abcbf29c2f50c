import Dataverse
import Foundation

/// The live list's questions and the history on the journeys wire (`JourneysRequests+Freshness`),
/// failing with the domain's errors.
extension JourneysSegmentService {
    public func changed(since: Date, matching query: SegmentListQuery, top: Int) throws(SegmentServiceError) -> SegmentDelta {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.changed(since: since, matching: query, top: top) }
    }

    public func versions(of ids: [String], matching query: SegmentListQuery) throws(SegmentServiceError) -> [SegmentVersion] {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.versions(of: ids, matching: query) }
    }

    public func segment(id: String, ifNoneMatch etag: String?) throws(SegmentServiceError) -> ConditionalRead {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.segment(id: id.lowercased(), ifNoneMatch: etag) }
    }

    public func refresh(_ ask: RefreshAsk) throws(SegmentServiceError) -> RefreshAnswer {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.refresh(ask) }
    }

    public func history(of segmentId: String) throws(SegmentServiceError) -> SegmentHistory {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.history(of: segmentId) }
    }
}
