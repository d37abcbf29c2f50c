import GRDB

/// A definition row as the lifecycle and the actions need it.
struct StoredDefinition: StoredRecord {
    var id: String
    var name: String
    var query: String?
    var groupsText: String?
    var status: Int
    var version: Int64

    var isLive: Bool { status == JourneyOptions.live || status == JourneyOptions.liveWithWarnings }
    /// Going live or stopping: the service is about to move it on.
    var isMoving: Bool { status == JourneyOptions.goingLive || status == JourneyOptions.stopping }
}

/// A segment row: the half that clients name in actions.
struct StoredJourneySegment: StoredRecord {
    var id: String
    var name: String
    var type: Int
    var baseEntity: String
    var definitionId: String
    var status: Int
    var version: Int64

}

/// Reads and bookkeeping of the journeys pair, inside the caller's transaction.
enum JourneyStore {
    static func definition(_ db: Database, id: String) throws -> StoredDefinition? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT msdynmkt_segmentdefinitionid, msdynmkt_name, msdynmkt_segmentquery, msdynmkt_staticlistmembers, statuscode,
                        versionnumber FROM jx_definitions WHERE msdynmkt_segmentdefinitionid = ?
                    """, arguments: [id])
        else { return nil }
        return StoredDefinition(id: row[0], name: row[1], query: row[2], groupsText: row[3], status: row[4], version: row[5])
    }

    static func segment(_ db: Database, id: String) throws -> StoredJourneySegment? {
        try segment(db, where: "msdynmkt_segmentid = ?", id)
    }

    /// The segment that points at a definition (the pair's other half), if any.
    static func segment(_ db: Database, definitionId: String) throws -> StoredJourneySegment? {
        try segment(db, where: "msdynmkt_sourcesegmentuid = ?", definitionId)
    }

    private static func segment(_ db: Database, where condition: String, _ value: String) throws -> StoredJourneySegment? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT msdynmkt_segmentid, msdynmkt_displayname, msdynmkt_type, msdynmkt_baseentitylogicalname,
                        msdynmkt_sourcesegmentuid, statuscode, versionnumber FROM jx_segments WHERE \(condition) ORDER BY msdynmkt_segmentid LIMIT 1
                    """, arguments: [value])
        else { return nil }
        return StoredJourneySegment(
            id: row[0], name: row[1] ?? "", type: row[2], baseEntity: row[3], definitionId: row[4], status: row[5], version: row[6])
    }

    static func touchDefinition(_ db: Database, id: String) throws {
        try SegmentDatabase.touch(db, table: "jx_definitions", key: DefinitionColumn.id, id: id)
    }

    static func touchSegment(_ db: Database, id: String) throws {
        try SegmentDatabase.touch(db, table: "jx_segments", key: SegmentColumn.id, id: id)
    }

    /// Names of the journeys that use segment `id`; `liveOnly` keeps those whose journey is Live.
    static func journeysUsing(_ db: Database, segmentId: String, liveOnly: Bool) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT j.msdynmkt_name FROM jx_segmentusages u JOIN jx_journeys j ON j.msdynmkt_journeyid = u.journeyid
                WHERE u.segmentid = ?\(liveOnly ? " AND j.statuscode = \(JourneyOptions.journeyLive)" : "") ORDER BY j.msdynmkt_name
                """, arguments: [segmentId])
    }

    /// Ids of the live segments whose query names segment `id` (`SEGMENT(SEGMENT_CJO_ID_...)`).
    static func liveSegmentsUsing(_ db: Database, segmentId: String) throws -> [String] {
        let pattern = "%" + JourneyOptions.queryName(segmentId: segmentId).lowercased() + "%"
        return try String.fetchAll(
            db,
            sql: """
                SELECT s.msdynmkt_segmentid FROM jx_definitions d JOIN jx_segments s ON s.msdynmkt_sourcesegmentuid = d.msdynmkt_segmentdefinitionid
                WHERE d.statuscode IN (?, ?, ?) AND lower(d.msdynmkt_segmentquery) LIKE ? AND s.msdynmkt_segmentid <> ?
                ORDER BY s.msdynmkt_segmentid
                """,
            arguments: [JourneyOptions.live, JourneyOptions.liveWithWarnings, JourneyOptions.goingLive, pattern, segmentId])
    }

    static func groupSize(_ db: Database, segmentId: String, groupId: String) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM jx_group_members WHERE segmentid = ? AND groupid = ?", arguments: [segmentId, groupId]) ?? 0
    }
}
