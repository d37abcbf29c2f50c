import Foundation
import GRDB

/// The service's SQLite file: schema, the row-version counter and the organisation's fixed ids.
/// WAL (through `DatabasePool`) lets pages be read while a write is in progress, and keeps every
/// acknowledged write after a `kill -9`.
final class SegmentDatabase: Sendable {
    let pool: DatabasePool
    let path: String

    init(path: String) throws {
        self.path = path
        try PrivateFiles.prepareDatabase(at: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            db.add(function: Self.foldFunction)
            // Commits survive a process kill with WAL at NORMAL; FULL also survives power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// Builds a new database file, seeded, when none exists. It is filled without a journal in a
    /// file of its own and renamed into place when complete: a bulk load through WAL would write
    /// everything twice, and an interrupted seed leaves no half-filled database behind.
    static func createSeeded(path: String, seed: DemoSeed) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let temporary = path + ".seeding-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try PrivateFiles.prepareDatabase(at: temporary)
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(function: Self.foldFunction) }
        let queue = try DatabaseQueue(path: temporary, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
        }
        try migrator.migrate(queue)
        var seed = seed
        try queue.write { db in try seed.runIfNeeded(db) }
        try queue.close()
        // Another process may have created the file meanwhile; its database wins.
        if !FileManager.default.fileExists(atPath: path) { try? FileManager.default.moveItem(atPath: temporary, toPath: path) }
    }

    /// `segtui_fold(text)`: the SQL face of `Fold.fold`, for columns without a stored folded copy.
    static let foldFunction = DatabaseFunction("segtui_fold", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return Fold.fold(text)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE organization (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                    INSERT INTO counters (name, value) VALUES ('versionnumber', 1000000);
                    CREATE TABLE systemusers (systemuserid TEXT PRIMARY KEY NOT NULL, fullname TEXT NOT NULL);
                    CREATE TABLE accounts (accountid TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL);
                    CREATE TABLE segments (
                        msdyncrm_segmentid TEXT PRIMARY KEY NOT NULL,
                        msdyncrm_segmentname TEXT NOT NULL,
                        name_fold TEXT NOT NULL,
                        msdyncrm_segmenttype INTEGER NOT NULL,
                        statuscode INTEGER NOT NULL,
                        statecode INTEGER NOT NULL,
                        msdyncrm_description TEXT,
                        msdyncrm_segmentquery TEXT,
                        msdyncrm_segmentqueryname TEXT NOT NULL,
                        msdyncrm_segmentsize INTEGER,
                        msdyncrm_lastevaluationtime INTEGER,
                        msdyncrm_nextevaluation INTEGER,
                        createdon INTEGER NOT NULL,
                        modifiedon INTEGER NOT NULL,
                        ownerid TEXT NOT NULL,
                        versionnumber INTEGER NOT NULL,
                        errorreason TEXT,
                        statusdue INTEGER
                    );
                    CREATE INDEX segments_modifiedon ON segments (modifiedon, msdyncrm_segmentid, name_fold);
                    CREATE INDEX segments_createdon ON segments (createdon, msdyncrm_segmentid);
                    CREATE INDEX segments_name ON segments (name_fold, msdyncrm_segmentid);
                    CREATE INDEX segments_status ON segments (statuscode, msdyncrm_segmentid);
                    CREATE INDEX segments_type ON segments (msdyncrm_segmenttype, msdyncrm_segmentid);
                    CREATE INDEX segments_size ON segments (msdyncrm_segmentsize, msdyncrm_segmentid);
                    CREATE INDEX segments_queryname ON segments (msdyncrm_segmentqueryname);
                    CREATE INDEX segments_due ON segments (statusdue) WHERE statusdue IS NOT NULL;
                    CREATE TABLE contacts (
                        contactid TEXT PRIMARY KEY NOT NULL,
                        fullname TEXT,
                        fullname_fold TEXT,
                        firstname TEXT,
                        lastname TEXT,
                        emailaddress1 TEXT,
                        telephone1 TEXT,
                        jobtitle TEXT,
                        parentcustomerid TEXT,
                        createdon INTEGER NOT NULL,
                        modifiedon INTEGER NOT NULL,
                        versionnumber INTEGER NOT NULL
                    );
                    CREATE INDEX contacts_fullname ON contacts (fullname_fold, contactid);
                    CREATE INDEX contacts_modifiedon ON contacts (modifiedon, contactid);
                    CREATE TABLE segment_members (
                        segmentid TEXT NOT NULL,
                        contactid TEXT NOT NULL,
                        PRIMARY KEY (segmentid, contactid)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2 query names ignore case") { db in
            // SEGMENT(name) resolves names case-insensitively; a BINARY index made that a full scan.
            try db.execute(sql: "DROP INDEX segments_queryname")
            try db.execute(sql: "CREATE INDEX segments_queryname ON segments (msdyncrm_segmentqueryname COLLATE NOCASE)")
        }
        migrator.registerMigration("v3 members in name order") { db in
            // A page of a static segment in name order reads this index instead of walking every
            // contact in name order and testing membership, which made deep pages walk a million.
            // Contacts are read-only through the API, so the copied name cannot go stale.
            try db.execute(sql: "ALTER TABLE segment_members ADD COLUMN fullname_fold TEXT")
            try fillMemberNames(db)
            try db.execute(sql: "CREATE INDEX segment_members_by_name ON segment_members (segmentid, fullname_fold, contactid)")
        }
        JourneyTables.register(&migrator)
        migrator.registerMigration("v5 seed parts") { db in
            // A database seeded before the seed came in parts got the outbound segments with the rest.
            try db.execute(
                sql: "INSERT INTO organization (key, value) SELECT ?, '1' WHERE EXISTS (SELECT 1 FROM organization WHERE key = ?)",
                arguments: [DemoSeed.outboundPart, DemoSeed.sharedPart])
        }
        AuditTables.register(&migrator)
        return migrator
    }

    /// Copies each member's folded name from its contact, where it is not there yet.
    static func fillMemberNames(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE segment_members SET fullname_fold = (SELECT c.fullname_fold FROM contacts c WHERE c.contactid = segment_members.contactid)
            WHERE fullname_fold IS NULL
            """)
    }

    /// Reserves `count` consecutive row versions and returns the first: every write gets a new,
    /// never reused ETag, even for a record deleted and created again under the same id.
    static func reserveVersions(_ db: Database, count: Int = 1) throws -> Int64 {
        try db.execute(sql: "UPDATE counters SET value = value + ? WHERE name = 'versionnumber'", arguments: [count])
        let last = try Int64.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'versionnumber'") ?? 0
        return last - Int64(count) + 1
    }

    static func setting(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM organization WHERE key = ?", arguments: [key])
    }

    static func setSetting(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO organization (key, value) VALUES (?, ?)", arguments: [key, value])
    }
}

/// The ids `WhoAmI` answers with; fixed when the database is created.
struct OrganizationIdentity: Sendable {
    var userId: String
    var businessUnitId: String
    var organizationId: String

    static func load(_ db: Database) throws -> OrganizationIdentity? {
        guard let user = try SegmentDatabase.setting(db, "userid"),
            let unit = try SegmentDatabase.setting(db, "businessunitid"),
            let organization = try SegmentDatabase.setting(db, "organizationid")
        else { return nil }
        return OrganizationIdentity(userId: user, businessUnitId: unit, organizationId: organization)
    }
}
