import Foundation

/// What changed in the list's filter since the newest modification the list has seen: the
/// cheap question a live list asks every few seconds, answered in one request.
public struct SegmentDelta: Sendable, Equatable {
    /// Rows in the filter modified after the mark, newest first, fully read (as a list page's rows).
    public var changed: [Segment]
    /// More rows changed than were asked for: the caller should read its page again instead.
    public var truncated: Bool

    public init(changed: [Segment], truncated: Bool) {
        self.changed = changed
        self.truncated = truncated
    }
}

/// One segment's version as the service holds it now, without its content.
public struct SegmentVersion: Sendable, Equatable {
    public var id: String
    /// The same opaque version `Segment.etag` carries; equal tags mean the row is unchanged.
    public var etag: String?
    public var modifiedOn: Date?

    public init(id: String, etag: String?, modifiedOn: Date?) {
        self.id = id
        self.etag = etag
        self.modifiedOn = modifiedOn
    }
}

/// The answer of a conditional read (`If-None-Match`): Dataverse answers 304 when nothing changed.
public enum ConditionalRead: Sendable, Equatable {
    case unchanged
    case changed(Segment)
}
