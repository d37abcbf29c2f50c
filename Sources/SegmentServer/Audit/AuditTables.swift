import GRDB

/// The service's audit records of segment tables, kept by SQLite triggers so that every write
/// path (the routes, the lifecycles' own status moves, the actions) is audited without each one
/// having to remember it. Dataverse audits a record's create, its updates with each changed
/// column's old and new value (only when the value differs), and its delete ([D] "Manage Dataverse
/// auditing" and "Retrieve the history of audited data changes"); a change of `statecode` is an
/// Activate or Deactivate (`action` 4/5) [I]. Static members are not columns of these tables and
/// live outside Dataverse's records in both APIs, so they are not audited [I].
enum AuditTables {
    /// `organization` setting: "1" while segment tables are audited (`segtui serve --no-audit` sets "0").
    static let setting = "auditsegments"

    /// An audited table: its Web API names and the columns whose changes are recorded.
    struct Audited {
        var table: String
        var logicalName: String
        var key: String
        var columns: [String]
    }

    static let audited: [Audited] = [
        Audited(
            table: "segments", logicalName: "msdyncrm_segment", key: "msdyncrm_segmentid",
            columns: ["msdyncrm_segmentname", "msdyncrm_segmenttype", "statuscode", "statecode", "msdyncrm_description", "msdyncrm_segmentquery"]),
        Audited(
            table: "jx_definitions", logicalName: "msdynmkt_segmentdefinition", key: "msdynmkt_segmentdefinitionid",
            columns: [
                "msdynmkt_name", "msdynmkt_segmentquery", "msdynmkt_staticlistmembers", "msdynmkt_disablesegmentrefresh",
                "msdynmkt_segmentrefreshintervalminutes", "statuscode", "statecode",
            ]),
        Audited(
            table: "jx_segments", logicalName: "msdynmkt_segment", key: "msdynmkt_segmentid",
            columns: ["msdynmkt_displayname", "msdynmkt_description", "msdynmkt_type", "msdynmkt_baseentitylogicalname", "statuscode", "statecode"]),
    ]

    static func register(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6 audits") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audits (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        auditid TEXT NOT NULL UNIQUE,
                        objectid TEXT NOT NULL,
                        objecttypecode TEXT NOT NULL,
                        action INTEGER NOT NULL,
                        operation INTEGER NOT NULL,
                        createdon INTEGER NOT NULL,
                        userid TEXT NOT NULL
                    );
                    CREATE INDEX audits_object ON audits (objectid, seq);
                    CREATE TABLE audit_changes (
                        seq INTEGER NOT NULL,
                        attribute TEXT NOT NULL,
                        oldvalue,
                        newvalue,
                        PRIMARY KEY (seq, attribute)
                    ) WITHOUT ROWID;
                    """)
            for table in Self.audited { try db.execute(sql: Self.triggers(table)) }
        }
    }

    private static let enabled = "(SELECT value FROM organization WHERE key = '\(setting)') = '1'"
    private static let user = "COALESCE((SELECT value FROM organization WHERE key = 'userid'), '')"
    private static let now = "CAST(strftime('%s', 'now') AS INTEGER)"
    private static let newId = """
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' \
        || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
        """

    /// One trigger each for insert, update and delete. Inside a trigger `last_insert_rowid()` is
    /// the audit row the trigger just inserted, which ties the changed columns to it.
    static func triggers(_ t: Audited) -> String {
        func audit(_ row: String, action: String, operation: Int) -> String {
            "INSERT INTO audits (auditid, objectid, objecttypecode, action, operation, createdon, userid) "
                + "VALUES (\(newId), \(row).\(t.key), '\(t.logicalName)', \(action), \(operation), \(now), \(user));"
        }
        let created = t.columns.map {
            "INSERT INTO audit_changes (seq, attribute, oldvalue, newvalue) SELECT last_insert_rowid(), '\($0)', NULL, NEW.\($0) WHERE NEW.\($0) IS NOT NULL;"
        }
        let updated = t.columns.map {
            "INSERT INTO audit_changes (seq, attribute, oldvalue, newvalue) SELECT last_insert_rowid(), '\($0)', OLD.\($0), NEW.\($0) WHERE OLD.\($0) IS NOT NEW.\($0);"
        }
        let anyChange = t.columns.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR ")
        let action = "CASE WHEN OLD.statecode IS NOT NEW.statecode THEN (CASE WHEN NEW.statecode = 0 THEN 4 ELSE 5 END) ELSE 2 END"
        return """
            CREATE TRIGGER \(t.table)_audit_insert AFTER INSERT ON \(t.table) WHEN \(enabled) BEGIN
                \(audit("NEW", action: "1", operation: 1))
                \(created.joined(separator: "\n    "))
            END;
            CREATE TRIGGER \(t.table)_audit_update AFTER UPDATE ON \(t.table) WHEN \(enabled) AND (\(anyChange)) BEGIN
                \(audit("NEW", action: action, operation: 2))
                \(updated.joined(separator: "\n    "))
            END;
            CREATE TRIGGER \(t.table)_audit_delete AFTER DELETE ON \(t.table) WHEN \(enabled) BEGIN
                \(audit("OLD", action: "3", operation: 3))
            END;
            """
    }

    /// Turns auditing of the segment tables on or off (the service's start sets it from its configuration).
    static func setAudited(_ db: Database, _ audited: Bool) throws {
        try SegmentDatabase.setSetting(db, setting, audited ? "1" : "0")
    }

    static func isAudited(_ db: Database) throws -> Bool {
        try SegmentDatabase.setting(db, setting) == "1"
    }
}
