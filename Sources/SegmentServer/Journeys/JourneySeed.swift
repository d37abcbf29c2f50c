import Foundation
import GRDB
import SeededRandom

/// Fills the journeys tables of a database once (a database made before them gains them too):
/// leads, journeys, the hand-written segments of JourneyDemoData and, for large seeds, generated
/// ones, with static groups, usages, and member counts evaluated as publishing would.
struct JourneySeed {
    var segmentCount: Int
    private var random = SeededRandom(seed: 0x5E67_2026_0511)

    init(segments: Int) {
        segmentCount = segments
    }

    /// The organisation setting that marks the journeys part as seeded.
    static let part = "seeded-journeys"

    mutating func runIfNeeded(_ db: Database) throws {
        guard try SegmentDatabase.setting(db, Self.part) == nil else { return }
        let owner = try SegmentDatabase.setting(db, "userid") ?? GUID.random()
        let unit = try SegmentDatabase.setting(db, "businessunitid") ?? GUID.random()
        try db.execute(sql: "INSERT OR IGNORE INTO businessunits (businessunitid, name) VALUES (?, ?)", arguments: [unit, "Contoso Marketing"])
        let accounts = try String.fetchAll(db, sql: "SELECT accountid FROM accounts ORDER BY name")
        let contacts = try String.fetchAll(db, sql: "SELECT contactid FROM contacts ORDER BY rowid")
        try BulkLoad.withoutIndexes(db, on: ["leads", "jx_definitions", "jx_segments", "jx_segmentusages"]) {
            let leads = try seedLeads(db, count: min(100_000, max(40, contacts.count / 10)), accounts: accounts)
            let journeys = try seedJourneys(db)
            try seedSegments(db, owner: owner, unit: unit, contacts: contacts, leads: leads, journeys: journeys)
        }
        try SegmentDatabase.setSetting(db, Self.part, "1")
    }

    private mutating func seedLeads(_ db: Database, count: Int, accounts: [String]) throws -> [String] {
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO leads (leadid, fullname, fullname_fold, firstname, lastname, emailaddress1, companyname, jobtitle,
                    parentaccountid, createdon, modifiedon, versionnumber) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var version = try SegmentDatabase.reserveVersions(db, count: max(1, count))
        var ids: [String] = []
        for index in 0..<count {
            let id = random.guid()
            ids.append(id)
            let first = random.pick(DemoData.firstNames)
            let last = random.pick(DemoData.lastNames)
            let full = "\(first) \(last)"
            let email: String? = random.chance(20) ? nil : "lead\(index)@\(random.pick(DemoData.emailDomains))"
            let account: String? = random.chance(50) ? random.pick(accounts) : nil
            let time = DemoSeed.baseTime - Int64(random.int(0...(300 * 86_400)))
            try insert.execute(arguments: [
                id, full, Fold.fold(full), first, last, email, random.pick(JourneyDemoData.leadCompanies), random.pick(DemoData.jobTitles),
                account, time, time, version,
            ])
            version += 1
        }
        return ids
    }

    private mutating func seedJourneys(_ db: Database) throws -> [String] {
        var ids: [String] = []
        for (name, status) in JourneyDemoData.journeys {
            let id = random.guid()
            ids.append(id)
            try db.execute(
                sql: """
                    INSERT INTO jx_journeys (msdynmkt_journeyid, msdynmkt_name, statecode, statuscode, createdon, modifiedon, versionnumber)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, name, status == JourneyOptions.journeyCompleted ? 1 : 0, status, DemoSeed.baseTime, DemoSeed.baseTime,
                            try SegmentDatabase.reserveVersions(db)])
        }
        return ids
    }

    /// The spec of segment `index`: hand-written first, then generated ones that are dynamic (a
    /// pooled query) or static (one Include group), so that their counts stay exact and cheap.
    private mutating func spec(at index: Int) -> JourneyDemoData.Spec {
        if index < JourneyDemoData.specs.count { return JourneyDemoData.specs[index] }
        let name = "\(random.pick(DemoData.audiences)) – \(random.pick(DemoData.places)) \(random.pick(DemoData.periods)) (\(index))"
        let status = [JourneyOptions.draft, JourneyOptions.live, JourneyOptions.live, JourneyOptions.stopped, JourneyOptions.liveWithWarnings][
            random.int(0...4)]
        let lead = random.chance(10)
        if random.chance(50) {
            return .init(name: name, kind: .staticOnly, base: lead ? "lead" : "contact", status: status == JourneyOptions.liveWithWarnings ? JourneyOptions.live : status)
        }
        let query = lead ? random.pick(JourneyDemoData.leadPool) : random.pick(JourneyDemoData.contactPool)
        return .init(name: name, kind: .dynamic, base: lead ? "lead" : "contact", status: status == JourneyOptions.liveWithWarnings ? JourneyOptions.live : status, query: query)
    }

    private mutating func seedSegments(
        _ db: Database, owner: String, unit: String, contacts: [String], leads: [String], journeys: [String]
    ) throws {
        let definitionIds = (0..<segmentCount).map { _ in random.guid() }
        let segmentIds = (0..<segmentCount).map { _ in random.guid() }
        let insertDefinition = try db.makeStatement(
            sql: """
                INSERT INTO jx_definitions (msdynmkt_segmentdefinitionid, msdynmkt_name, name_fold, msdynmkt_segmentquery,
                    msdynmkt_staticlistmembers, msdynmkt_disablesegmentrefresh, msdynmkt_segmentrefreshintervalminutes, msdynmkt_timezonecode,
                    msdynmkt_computationstatus, msdynmkt_computationstartedon, msdynmkt_computationfinishedon, msdynmkt_definitionmodifiedon,
                    statecode, statuscode, createdon, modifiedon, ownerid, versionnumber, errorreason)
                VALUES (?, ?, ?, ?, ?, 0, 15, 85, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
                """)
        let insertSegment = try db.makeStatement(
            sql: """
                INSERT INTO jx_segments (msdynmkt_segmentid, msdynmkt_displayname, name_fold, msdynmkt_description, msdynmkt_type,
                    msdynmkt_source, msdynmkt_baseentitylogicalname, msdynmkt_sourcesegmentuid, msdynmkt_scope, msdynmkt_membercount,
                    msdynmkt_publishedjourneycount, msdynmkt_lastevaluated, owningbusinessunit, statecode, statuscode, createdon, modifiedon,
                    ownerid, versionnumber)
                VALUES (?, ?, ?, ?, ?, 12, ?, ?, 270100000, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let addMember = try db.makeStatement(sql: "INSERT OR IGNORE INTO jx_group_members (segmentid, groupid, entityid) VALUES (?, ?, ?)")
        var version = try SegmentDatabase.reserveVersions(db, count: max(1, 2 * segmentCount))
        var specs: [JourneyDemoData.Spec] = []
        var groupRows: [(segment: String, group: String, members: [String])] = []
        let queryNames = segmentIds.map(JourneyOptions.queryName(segmentId:))
        for index in 0..<segmentCount {
            var spec = spec(at: index)
            // `SEGMENT(#3)` → `SEGMENT(SEGMENT_CJO_ID_<hex of segment 3>)`.
            if let text = spec.query { spec.query = DemoSeed.resolveReferences(text, queryNames: queryNames) }
            specs.append(spec)
            let population = spec.base == "lead" ? leads : contacts
            // Groups: an Include group for static and mixed segments, and an Exclude group for mixed ones.
            var groups: [(id: String, include: Bool, name: String, members: [String])] = []
            if spec.kind != .dynamic, !population.isEmpty {
                let generated = index >= JourneyDemoData.specs.count
                let wanted = index == 5 ? min(population.count / 5, StaticGroups.maxMembers) : random.int(3...(generated ? 20 : 60))
                groups.append((random.guid(), true, spec.kind == .mixed ? "Also these" : "Members", pick(wanted, from: population)))
            }
            if spec.kind == .mixed, !population.isEmpty {
                // Exclusion wins: some of the excluded are also included.
                let overlap = Array(groups[0].members.prefix(2))
                groups.append((random.guid(), false, "Opted out", overlap + pick(random.int(3...20), from: population)))
            }
            let groupsText = groups.isEmpty ? nil : Self.groupsJSON(groups.map { ($0.id, $0.include, $0.name) })
            let created = DemoSeed.baseTime - Int64(random.int(0...(400 * 86_400)))
            let modified = created + Int64(random.int(0...Int(DemoSeed.baseTime - created)))
            let evaluated = spec.status != JourneyOptions.draft || spec.failed
            let computation =
                spec.failed ? JourneyOptions.computationError : evaluated ? JourneyOptions.computationFinished : JourneyOptions.computationNotStarted
            let reason = spec.failed ? "The segment could not be evaluated: Segment 'SEGMENT_CJO_ID_00000000000040008000000000000000' does not exist." : nil
            try insertDefinition.execute(arguments: [
                definitionIds[index], spec.name, Fold.fold(spec.name), spec.query ?? (spec.kind == .staticOnly ? "" : nil), groupsText,
                computation, evaluated ? modified - 60 : nil, evaluated ? modified : nil, modified, spec.status, created, modified, owner,
                version, reason,
            ])
            let (state, segmentStatus) = spec.failed ? (1, JourneyOptions.segError) : JourneyOptions.segmentStatus(forDefinition: spec.status)
            let liveJourneys = spec.journeys.filter { JourneyDemoData.journeys[$0].status == JourneyOptions.journeyLive }.count
            try insertSegment.execute(arguments: [
                segmentIds[index], spec.name, Fold.fold(spec.name), spec.description, spec.kind == .staticOnly ? JourneyOptions.typeStatic : JourneyOptions.typeDynamic,
                // A generated static segment has one Include group: its count is that group's size.
                spec.base, definitionIds[index], Self.countedByFill(spec, index) || !evaluated ? nil : groups.first?.members.count, liveJourneys, evaluated && !spec.failed ? modified : nil, unit, state, segmentStatus,
                created, modified, owner, version + 1,
            ])
            version += 2
            groupRows += groups.map { (segmentIds[index], $0.id, $0.members) }
            for journey in spec.journeys where journey < journeys.count {
                try db.execute(
                    sql: """
                        INSERT INTO jx_segmentusages (msdynmkt_segmentusageid, segmentid, journeyid, msdynmkt_usage, createdon, versionnumber)
                        VALUES (?, ?, ?, 1, ?, ?)
                        """, arguments: [random.guid(), segmentIds[index], journeys[journey], modified, try SegmentDatabase.reserveVersions(db)])
            }
        }
        // In key order, so that the member table (its own primary key) grows at its end.
        groupRows.sort { $0.segment != $1.segment ? $0.segment < $1.segment : $0.group < $1.group }
        for (segment, group, members) in groupRows {
            for member in members.sorted() { try addMember.execute(arguments: [segment, group, member]) }
        }
        try fillCounts(db, specs: specs, segmentIds: segmentIds, definitionIds: definitionIds)
    }

    /// Member counts of evaluated segments, as publishing would compute them; a pooled query is
    /// counted once however many segments share it.
    private func fillCounts(_ db: Database, specs: [JourneyDemoData.Spec], segmentIds: [String], definitionIds: [String]) throws {
        var pooled: [String: Int] = [:]
        let update = try db.makeStatement(sql: "UPDATE jx_segments SET msdynmkt_membercount = ? WHERE msdynmkt_segmentid = ?")
        for (index, spec) in specs.enumerated() where spec.status != JourneyOptions.draft && !spec.failed && Self.countedByFill(spec, index) {
            // What the membership needs of the row just inserted, without reading it back.
            let segment = StoredJourneySegment(
                id: segmentIds[index], name: spec.name, type: spec.kind == .staticOnly ? JourneyOptions.typeStatic : JourneyOptions.typeDynamic,
                baseEntity: spec.base, definitionId: definitionIds[index], status: JourneyOptions.segmentStatus(forDefinition: spec.status).status, version: 0)
            let count: Int
            if index >= JourneyDemoData.specs.count, spec.kind == .dynamic, let query = spec.query {
                if let known = pooled[query] { count = known } else {
                    count = try JourneyMembership.count(db, segment: segment)
                    pooled[query] = count
                }
            } else {
                count = try JourneyMembership.count(db, segment: segment)
            }
            try update.execute(arguments: [count, segmentIds[index]])
        }
    }

    /// Whether fillCounts evaluates the segment's count, rather than its insert setting it.
    private static func countedByFill(_ spec: JourneyDemoData.Spec, _ index: Int) -> Bool {
        index < JourneyDemoData.specs.count || spec.kind != .staticOnly
    }

    private mutating func pick(_ wanted: Int, from population: [String]) -> [String] {
        let target = min(wanted, population.count)
        // In the order drawn: a Set's order differs between runs, and the exclude group's overlap
        // takes the first ids of the include group.
        var chosen = Set<Int>()
        var drawn: [Int] = []
        while chosen.count < target {
            let index = random.int(0...(population.count - 1))
            if chosen.insert(index).inserted { drawn.append(index) }
        }
        return drawn.map { population[$0] }
    }

    static func groupsJSON(_ groups: [(id: String, include: Bool, name: String)]) -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for group in groups {
            writer.beginObject()
            writer.field("groupId", group.id)
            writer.field("includeType", group.include ? "Include" : "Exclude")
            writer.field("name", group.name)
            writer.field("inputType", "manualSelect")
            writer.endObject()
        }
        writer.endArray()
        return writer.text
    }
}
