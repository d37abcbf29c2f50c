import Foundation

// Scaffold for issue 13: the live list's reads on the journeys wire are written next.
extension JourneysSegmentService {
    public func changed(since: Date, matching query: SegmentListQuery, top: Int) throws(SegmentServiceError) -> SegmentDelta {
        throw .invalidRequest("not yet on this API")
    }

    public func versions(of ids: [String], matching query: SegmentListQuery) throws(SegmentServiceError) -> [SegmentVersion] {
        throw .invalidRequest("not yet on this API")
    }

    public func segment(id: String, ifNoneMatch etag: String?) throws(SegmentServiceError) -> ConditionalRead {
        .changed(try segment(id: id))
    }

    public func history(of segmentId: String) throws(SegmentServiceError) -> SegmentHistory {
        throw .invalidRequest("not yet on this API")
    }
}
