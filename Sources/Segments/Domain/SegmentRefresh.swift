import Foundation

/// Everything a live list's tick asks the service (issue 13), so that a service can answer it in
/// one request: the rows changed since the mark, the versions of the rows in view (deletions and
/// moves out of the filter) and, if a segment is open beside the list, whether it changed.
public struct RefreshAsk: Sendable, Equatable {
    /// Rows modified after this in the list's filter are asked for.
    public var since: Date
    public var query: SegmentListQuery
    /// At most this many changed rows; more means the answer is `truncated`.
    public var top: Int
    /// The rows in view, whose versions are asked for.
    public var visibleIds: [String]
    /// The segment open in the detail and the version shown, read again with `If-None-Match`.
    public var detail: SegmentVersion?

    public init(since: Date, query: SegmentListQuery, top: Int, visibleIds: [String], detail: SegmentVersion? = nil) {
        self.since = since
        self.query = query
        self.top = top
        self.visibleIds = visibleIds
        self.detail = detail
    }
}

/// The answer to a whole tick.
public struct RefreshAnswer: Sendable, Equatable {
    public var delta: SegmentDelta
    /// The versions of those visible ids that still exist and match the filter.
    public var versions: [SegmentVersion]
    /// The detail's conditional read; nil when none was asked or the segment is gone (the
    /// versions show the deletion in the list).
    public var detail: ConditionalRead?

    public init(delta: SegmentDelta, versions: [SegmentVersion], detail: ConditionalRead?) {
        self.delta = delta
        self.versions = versions
        self.detail = detail
    }
}

extension SegmentService {
    /// The tick as the separate questions: a service with a cheaper way (a `$batch`, memory) says so.
    public func refreshBySeparateRequests(_ ask: RefreshAsk) throws(SegmentServiceError) -> RefreshAnswer {
        let delta = try changed(since: ask.since, matching: ask.query, top: ask.top)
        let versions = ask.visibleIds.isEmpty ? [] : try versions(of: ask.visibleIds, matching: ask.query)
        var detail: ConditionalRead?
        if let asked = ask.detail {
            do throws(SegmentServiceError) {
                detail = try segment(id: asked.id, ifNoneMatch: asked.etag)
            } catch {
                if !error.isNotFound { throw error }
            }
        }
        return RefreshAnswer(delta: delta, versions: versions, detail: detail)
    }
}
