import GRDB
import Synchronization

/// Pages of a static member group for `msdynmkt_ListGroupMembers`, which numbers them (PageNo,
/// PageSize; reference/journeys-segment-service.md §3 [D]). An OFFSET steps through every row it
/// skips, so page 40 of a 200,000-id group read 195,000 index entries first. Each page is read by
/// key instead, after the last id of the page before, from the primary key of `jx_group_members`
/// (segmentid, groupid, entityid): the ids after which pages start are remembered per group, page
/// size and segment version (every change to a group gives its segment a new version, so a
/// remembered start never outlives the members it was taken from). A page with no remembered
/// start is read from the nearest one before it, and paging through a group reads each id once.
final class GroupPages: Sendable {
    private struct Key: Hashable {
        var segmentId: String
        var groupId: String
        var version: Int64
        var pageSize: Int
    }

    /// Groups remembered at most; past that the memory starts again (a start is only a shortcut).
    static let maxGroups = 256
    /// For each group: page number → the last id of the page before it.
    private let starts = Mutex<[Key: [Int: String]]>([:])

    /// A range of the primary key, in its order: no sort, and only the rows returned (and those an
    /// OFFSET skips, when no start is known) are read.
    static let sql = "SELECT entityid FROM jx_group_members WHERE segmentid = ? AND groupid = ? AND entityid > ? ORDER BY entityid LIMIT ? OFFSET ?"

    /// The ids of page `page` (from 1) of `size` ids, in id order, inside the caller's read.
    func page(_ db: Database, segment: StoredJourneySegment, groupId: String, page: Int, size: Int) throws -> [String] {
        let key = Key(segmentId: segment.id, groupId: groupId, version: segment.version, pageSize: size)
        let (from, after) = starts.withLock { starts -> (Int, String) in
            let known = starts[key] ?? [:]
            let nearest = known.keys.filter { $0 <= page }.max()
            return nearest.map { ($0, known[$0]!) } ?? (1, "")
        }
        // Every id sorts after "": page 1 needs no remembered start.
        let ids = try String.fetchAll(db, sql: Self.sql, arguments: [segment.id, groupId, after, size, (page - from) * size])
        if ids.count == size, let last = ids.last {
            starts.withLock { starts in
                if starts[key] == nil, starts.count >= Self.maxGroups { starts.removeAll() }
                starts[key, default: [:]][page + 1] = last
            }
        }
        return ids
    }
}
