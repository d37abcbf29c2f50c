import GRDB

/// The SQLite side of the real-time journeys tables: definitions, segments, static group members,
/// leads, journeys and segment usages. Added by a migration of its own so that a database made
/// before it gains them (and the journeys demo, seeded once on top).
enum JourneyTables {
    static func register(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4 real-time journeys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE businessunits (businessunitid TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL);
                    CREATE TABLE jx_definitions (
                        msdynmkt_segmentdefinitionid TEXT PRIMARY KEY NOT NULL,
                        msdynmkt_name TEXT NOT NULL,
                        name_fold TEXT NOT NULL,
                        msdynmkt_segmentquery TEXT,
                        msdynmkt_staticlistmembers TEXT,
                        msdynmkt_includedmembers TEXT,
                        msdynmkt_excludedmembers TEXT,
                        msdynmkt_disablesegmentrefresh INTEGER NOT NULL DEFAULT 0,
                        msdynmkt_segmentrefreshintervalminutes INTEGER,
                        msdynmkt_stoprefreshafter INTEGER,
                        msdynmkt_timezonecode INTEGER,
                        msdynmkt_computationstatus INTEGER,
                        msdynmkt_computationstartedon INTEGER,
                        msdynmkt_computationfinishedon INTEGER,
                        msdynmkt_definitionmodifiedon INTEGER,
                        msdynmkt_dependentsegmentids TEXT,
                        msdynmkt_targetedsegmentids TEXT,
                        statecode INTEGER NOT NULL,
                        statuscode INTEGER NOT NULL,
                        createdon INTEGER NOT NULL,
                        modifiedon INTEGER NOT NULL,
                        ownerid TEXT NOT NULL,
                        versionnumber INTEGER NOT NULL,
                        errorreason TEXT,
                        statusdue INTEGER
                    );
                    CREATE INDEX jx_definitions_modifiedon ON jx_definitions (modifiedon, msdynmkt_segmentdefinitionid);
                    CREATE INDEX jx_definitions_due ON jx_definitions (statusdue) WHERE statusdue IS NOT NULL;
                    CREATE TABLE jx_segments (
                        msdynmkt_segmentid TEXT PRIMARY KEY NOT NULL,
                        msdynmkt_displayname TEXT,
                        name_fold TEXT,
                        msdynmkt_description TEXT,
                        msdynmkt_type INTEGER NOT NULL,
                        msdynmkt_source INTEGER,
                        msdynmkt_baseentitylogicalname TEXT NOT NULL,
                        msdynmkt_sourcesegmentuid TEXT NOT NULL,
                        msdynmkt_scope INTEGER,
                        msdynmkt_membercount INTEGER,
                        msdynmkt_publishedjourneycount INTEGER,
                        msdynmkt_lastevaluated INTEGER,
                        owningbusinessunit TEXT,
                        statecode INTEGER NOT NULL,
                        statuscode INTEGER NOT NULL,
                        createdon INTEGER NOT NULL,
                        modifiedon INTEGER NOT NULL,
                        ownerid TEXT NOT NULL,
                        versionnumber INTEGER NOT NULL
                    );
                    CREATE INDEX jx_segments_source ON jx_segments (msdynmkt_sourcesegmentuid, msdynmkt_segmentid);
                    CREATE INDEX jx_segments_modifiedon ON jx_segments (modifiedon, msdynmkt_segmentid);
                    CREATE INDEX jx_segments_name ON jx_segments (name_fold, msdynmkt_segmentid);
                    CREATE INDEX jx_segments_status ON jx_segments (statuscode, msdynmkt_segmentid);
                    CREATE TABLE jx_group_members (
                        segmentid TEXT NOT NULL,
                        groupid TEXT NOT NULL,
                        entityid TEXT NOT NULL,
                        PRIMARY KEY (segmentid, groupid, entityid)
                    ) WITHOUT ROWID;
                    CREATE TABLE leads (
                        leadid TEXT PRIMARY KEY NOT NULL,
                        fullname TEXT,
                        fullname_fold TEXT,
                        firstname TEXT,
                        lastname TEXT,
                        emailaddress1 TEXT,
                        companyname TEXT,
                        jobtitle TEXT,
                        parentaccountid TEXT,
                        createdon INTEGER NOT NULL,
                        modifiedon INTEGER NOT NULL,
                        versionnumber INTEGER NOT NULL
                    );
                    CREATE INDEX leads_fullname ON leads (fullname_fold, leadid);
                    CREATE TABLE jx_journeys (
                        msdynmkt_journeyid TEXT PRIMARY KEY NOT NULL,
                        msdynmkt_name TEXT NOT NULL,
                        statecode INTEGER NOT NULL,
                        statuscode INTEGER NOT NULL,
                        createdon INTEGER NOT NULL,
                        modifiedon INTEGER NOT NULL,
                        versionnumber INTEGER NOT NULL
                    );
                    CREATE TABLE jx_segmentusages (
                        msdynmkt_segmentusageid TEXT PRIMARY KEY NOT NULL,
                        segmentid TEXT NOT NULL,
                        journeyid TEXT NOT NULL,
                        msdynmkt_usage INTEGER NOT NULL,
                        createdon INTEGER NOT NULL,
                        versionnumber INTEGER NOT NULL
                    );
                    CREATE INDEX jx_segmentusages_segment ON jx_segmentusages (segmentid, msdynmkt_segmentusageid);
                    """)
        }
    }
}
