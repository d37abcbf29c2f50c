import GRDB
import GRDBSQLite
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

    /// Page `page` (from 1) of `size` ids, in id order, inside the caller's read. Each id's UTF-8
    /// goes to `each` as SQLite hands it over, valid only during the call: a page of 5,000 ids is
    /// written into the reply without a String a row. Returns how many ids the page holds.
    @discardableResult
    func page(
        _ db: Database, segment: StoredJourneySegment, groupId: String, page: Int, size: Int, each: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws -> Int {
        let key = Key(segmentId: segment.id, groupId: groupId, version: segment.version, pageSize: size)
        let (from, after) = starts.withLock { starts -> (Int, String) in
            let known = starts[key] ?? [:]
            let nearest = known.keys.filter { $0 <= page }.max()
            return nearest.map { ($0, known[$0]!) } ?? (1, "")
        }
        // Every id sorts after "": page 1 needs no remembered start.
        let statement = try db.cachedStatement(sql: Self.sql)
        let rows = try Row.fetchCursor(statement, arguments: [segment.id, groupId, after, size, (page - from) * size])
        let handle = statement.sqliteStatement
        var count = 0
        var last: [UInt8] = []
        while try rows.next() != nil {
            let length = Int(sqlite3_column_bytes(handle, 0))
            guard let text = sqlite3_column_text(handle, 0) else { continue }
            let id = UnsafeBufferPointer(start: text, count: length)
            each(id)
            count += 1
            if count == size { last = Array(id) }
        }
        if count == size {
            let lastId = String(decoding: last, as: UTF8.self)
            starts.withLock { starts in
                if starts[key] == nil, starts.count >= Self.maxGroups { starts.removeAll() }
                starts[key, default: [:]][page + 1] = lastId
            }
        }
        return count
    }
}
