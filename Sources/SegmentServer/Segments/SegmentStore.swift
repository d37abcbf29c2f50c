import GRDB

/// A segment row as the write rules need it.
struct StoredSegment: StoredRecord {
    var id: String
    var name: String
    var type: SegmentType
    var status: SegmentStatus
    var query: String?
    var version: Int64

}

/// Creates, updates and deletes segments and their members. Every function runs inside the
/// caller's write transaction, so that a request's checks and writes are one atomic step and
/// concurrent requests cannot lose each other's changes.
enum SegmentStore {
    static func load(_ db: Database, id: String) throws -> StoredSegment? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT msdyncrm_segmentid, msdyncrm_segmentname, msdyncrm_segmenttype, statuscode, msdyncrm_segmentquery,
                        versionnumber FROM segments WHERE msdyncrm_segmentid = ?
                    """, arguments: [id])
        else { return nil }
        return StoredSegment(
            id: row[0], name: row[1], type: SegmentType(outboundCode: row[2]), status: SegmentStatus(outboundCode: row[3]), query: row[4],
            version: row[5])
    }

    static func create(
        _ db: Database, id: String, changes: SegmentChanges, owner: String, lifecycle: SegmentLifecycle,
        evaluated: SegmentLifecycle.Evaluation? = nil
    ) throws {
        guard let name = changes.name else { throw ServiceError.badRequest("msdyncrm_segmentname is required to create a segment.") }
        let type = changes.type ?? .dynamic
        try checkContent(type: type, changes: changes)
        let now = Timestamp.now()
        let version = try SegmentDatabase.reserveVersions(db)
        try db.execute(
            sql: """
                INSERT INTO segments (msdyncrm_segmentid, msdyncrm_segmentname, name_fold, msdyncrm_segmenttype, statuscode,
                    statecode, msdyncrm_description, msdyncrm_segmentquery, msdyncrm_segmentqueryname, createdon, modifiedon,
                    ownerid, versionnumber)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, name, Fold.fold(name), type.outboundCode, SegmentStatus.draft.outboundCode, changes.description ?? nil,
                changes.query ?? nil, DemoSeed.queryName(for: id), now, now, owner, version,
            ])
        if let members = changes.memberIds { try replaceMembers(db, segmentId: id, contactIds: members) }
        if let status = changes.status, status != .draft, let stored = try load(db, id: id) {
            try lifecycle.requestStatus(db, segment: stored, to: status, evaluated: evaluated)
        }
    }

    static func update(
        _ db: Database, current: StoredSegment, changes: SegmentChanges, lifecycle: SegmentLifecycle,
        evaluated: SegmentLifecycle.Evaluation? = nil
    ) throws {
        if let type = changes.type, type != current.type {
            throw ServiceError.badRequest("The type of a segment cannot change after it is created (it is \(current.type.label)).")
        }
        if let id = changes.id, id != current.id {
            throw ServiceError.badRequest("msdyncrm_segmentid in the body (\(id)) differs from the key in the URL (\(current.id)).")
        }
        if changes.touchesContent, current.status.locksContent {
            throw ServiceError.badRequest(
                "The segment '\(current.name)' is \(current.status.label): stop it before changing its name, query or members.")
        }
        try checkContent(type: current.type, changes: changes)
        var sets: [String] = []
        var arguments: [DatabaseValueConvertible?] = []
        if let name = changes.name {
            sets += ["msdyncrm_segmentname = ?", "name_fold = ?"]
            arguments += [name, Fold.fold(name)]
        }
        if let description = changes.description {
            sets.append("msdyncrm_description = ?")
            arguments.append(description)
        }
        if let query = changes.query {
            sets.append("msdyncrm_segmentquery = ?")
            arguments.append(query)
        }
        if !sets.isEmpty {
            try db.execute(
                sql: "UPDATE segments SET \(sets.joined(separator: ", ")) WHERE msdyncrm_segmentid = ?",
                arguments: StatementArguments(arguments + [current.id])!)
        }
        if let members = changes.memberIds { try replaceMembers(db, segmentId: current.id, contactIds: members) }
        if let status = changes.status, status != current.status, let stored = try load(db, id: current.id) {
            try lifecycle.requestStatus(db, segment: stored, to: status, evaluated: evaluated)
        }
        try touch(db, id: current.id)
    }

    private static func checkContent(type: SegmentType, changes: SegmentChanges) throws {
        if changes.memberIds != nil, type != .static {
            throw ServiceError.badRequest("Only a static segment has a member list; a \(type.label.lowercased()) segment takes its members from its query.")
        }
        if let query = changes.query, query != nil, type == .static {
            throw ServiceError.badRequest("A static segment has no query: give its members instead.")
        }
        // A draft may hold a query with mistakes, but not one past the limits: every later
        // evaluation of it would be refused, or worse.
        if let query = changes.query ?? nil {
            do {
                _ = try SegmentQueryParser.parse(query)
            } catch let error where error.isLimit {
                throw ServiceError.badRequest("The segment query is not valid: \(error.description).", code: "0x80040203")
            } catch {}
        }
    }

    /// A new version and modification time: every write gives a new ETag.
    static func touch(_ db: Database, id: String) throws {
        try SegmentDatabase.touch(db, table: "segments", key: "msdyncrm_segmentid", id: id)
    }

    static func delete(_ db: Database, id: String) throws -> Bool {
        try db.execute(sql: "DELETE FROM segment_members WHERE segmentid = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM segments WHERE msdyncrm_segmentid = ?", arguments: [id])
        return db.changesCount > 0
    }

    // MARK: Members of static segments

    static func replaceMembers(_ db: Database, segmentId: String, contactIds: [String]) throws {
        try db.execute(sql: "DELETE FROM segment_members WHERE segmentid = ?", arguments: [segmentId])
        _ = try addMembers(db, segmentId: segmentId, contactIds: contactIds)
    }

    /// Adds the contacts that exist (unknown ids are ignored, as the service does); returns how many were new.
    static func addMembers(_ db: Database, segmentId: String, contactIds: [String]) throws -> Int {
        try forEachContact(
            db,
            """
            INSERT OR IGNORE INTO segment_members (segmentid, contactid, fullname_fold)
            SELECT ?, contactid, fullname_fold FROM contacts WHERE contactid = ?
            """, segmentId: segmentId, contactIds: contactIds)
    }

    static func removeMembers(_ db: Database, segmentId: String, contactIds: [String]) throws -> Int {
        try forEachContact(
            db, "DELETE FROM segment_members WHERE segmentid = ? AND contactid = ?", segmentId: segmentId, contactIds: contactIds)
    }

    /// Runs `sql` (bound to the segment, then one contact) for each contact; returns how many rows
    /// it changed, and keeps the segment's size in step.
    private static func forEachContact(_ db: Database, _ sql: String, segmentId: String, contactIds: [String]) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        var changed = 0
        for id in contactIds {
            try statement.execute(arguments: [segmentId, id])
            changed += db.changesCount
        }
        try refreshSize(db, segmentId: segmentId)
        return changed
    }

    /// Adds every contact a query selects, in one statement.
    static func addMembers(_ db: Database, segmentId: String, query: SegmentSet) throws -> Int {
        let (sql, arguments) = try SegmentQueryCompiler.membersSQL(query, db: db, excluding: segmentId)
        let all = [segmentId.databaseValue] + arguments
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO segment_members (segmentid, contactid, fullname_fold)
                SELECT ?, q.contactid, c.fullname_fold FROM (\(sql)) q JOIN contacts c ON c.contactid = q.contactid
                """,
            arguments: StatementArguments(all))
        let added = db.changesCount
        try refreshSize(db, segmentId: segmentId)
        return added
    }

    static func memberCount(_ db: Database, segmentId: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM segment_members WHERE segmentid = ?", arguments: [segmentId]) ?? 0
    }

    /// A static segment's size is its member count, kept in step with every change.
    private static func refreshSize(_ db: Database, segmentId: String) throws {
        try db.execute(
            sql: "UPDATE segments SET msdyncrm_segmentsize = ? WHERE msdyncrm_segmentid = ?",
            arguments: [try memberCount(db, segmentId: segmentId), segmentId])
    }
}
