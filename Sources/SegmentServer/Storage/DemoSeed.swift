import Foundation
import GRDB
import SeededRandom

/// Fills a database with the demo organisation, deterministically, in parts: the organisation,
/// its accounts and contacts first, then the segments of each API the first time that API is
/// served, so that a journeys-only service does not pay for 100,000 outbound segments it never
/// answers for. Each part goes in one transaction through prepared statements, so that 100,000
/// segments and 1,000,000 contacts take seconds, not minutes.
struct DemoSeed {
    static let defaultSegments = 40
    static let defaultContacts = 400
    /// Seeded data is dated before this moment (2026-01-15T12:00:00Z), so that the demo looks the same on every run.
    static let baseTime: Int64 = 1_768_478_400
    /// Organisation settings that mark a part as seeded; a part seeded once is never seeded again,
    /// even if its rows were deleted since. ("seeded" predates the parts and names the shared one.)
    static let sharedPart = "seeded", outboundPart = "seeded-outbound"
    /// Where the random sequence stood after the shared part: the outbound part carries on from
    /// there, so that it draws the same segments whether it is seeded at once or on a later start.
    static let randomPosition = "seed-random-position"

    var segmentCount: Int
    var contactCount: Int
    var api: ServedAPI
    private var random = SeededRandom(seed: 0x5E67_7A11_2026)

    init(segments: Int?, contacts: Int?, api: ServedAPI) {
        segmentCount = max(0, segments ?? Self.defaultSegments)
        contactCount = max(0, contacts ?? Self.defaultContacts)
        self.api = api
    }

    /// Seeds the parts not seeded yet that `api` needs; idempotent per part.
    mutating func runIfNeeded(_ db: Database) throws {
        let sharedDue = try SegmentDatabase.setting(db, Self.sharedPart) == nil
        let outboundDue = try api.servesOutbound && SegmentDatabase.setting(db, Self.outboundPart) == nil
        let journeysDue = try api.servesJourneys && SegmentDatabase.setting(db, JourneySeed.part) == nil
        guard sharedDue || outboundDue || journeysDue else { return }
        // Random GUID keys touch pages all over the indexes: a large cache keeps them in memory.
        try db.execute(sql: "PRAGMA cache_size = -262144")
        defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
        if sharedDue { try seedShared(db) }
        if outboundDue { try seedOutbound(db) }
        if journeysDue {
            var journeys = JourneySeed(segments: segmentCount)
            try journeys.runIfNeeded(db)
        }
    }

    private mutating func seedShared(_ db: Database) throws {
        try seedOrganization(db)
        let accountIds = try seedAccounts(db)
        try BulkLoad.withoutIndexes(db, on: ["contacts"]) { _ = try seedContacts(db, accounts: accountIds) }
        try SegmentDatabase.setSetting(db, Self.randomPosition, String(random.position))
        try SegmentDatabase.setSetting(db, Self.sharedPart, "1")
    }

    /// The outbound segments over the contacts already there (rowid order is the order they were made in).
    private mutating func seedOutbound(_ db: Database) throws {
        if let position = try SegmentDatabase.setting(db, Self.randomPosition).flatMap(UInt64.init) {
            random = SeededRandom(seed: position)
        }
        let userIds = try String.fetchAll(db, sql: "SELECT systemuserid FROM systemusers ORDER BY rowid")
        let contactIds = try String.fetchAll(db, sql: "SELECT contactid FROM contacts ORDER BY rowid")
        try BulkLoad.withoutIndexes(db, on: ["segments"]) { try seedSegments(db, users: userIds, contacts: contactIds) }
        try SegmentDatabase.fillMemberNames(db)
        try SegmentDatabase.setSetting(db, Self.outboundPart, "1")
    }

    private mutating func seedOrganization(_ db: Database) throws {
        let ids = DemoData.users.map { _ in random.guid() }
        try SegmentDatabase.setSetting(db, "userid", ids[0])
        try SegmentDatabase.setSetting(db, "businessunitid", random.guid())
        try SegmentDatabase.setSetting(db, "organizationid", random.guid())
        for (id, name) in zip(ids, DemoData.users) {
            try db.execute(sql: "INSERT INTO systemusers (systemuserid, fullname) VALUES (?, ?)", arguments: [id, name])
        }
    }

    private mutating func seedAccounts(_ db: Database) throws -> [String] {
        var ids: [String] = []
        for name in DemoData.accounts {
            let id = random.guid()
            ids.append(id)
            try db.execute(sql: "INSERT INTO accounts (accountid, name) VALUES (?, ?)", arguments: [id, name])
        }
        return ids
    }

    private mutating func timestamps() -> (created: Int64, modified: Int64) {
        let created = Self.baseTime - Int64(random.int(0...(540 * 86_400)))
        let modified = created + Int64(random.int(0...Int(Self.baseTime - created)))
        return (created, modified)
    }

    private mutating func seedContacts(_ db: Database, accounts: [String]) throws -> [String] {
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO contacts (contactid, fullname, fullname_fold, firstname, lastname, emailaddress1,
                    telephone1, jobtitle, parentcustomerid, createdon, modifiedon, versionnumber)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var version = try SegmentDatabase.reserveVersions(db, count: max(1, contactCount))
        // Folding and email parts are computed once per name, not once per contact.
        let firstNames = DemoData.firstNames.map { (name: $0, fold: Fold.fold($0), email: Self.emailLocalPart($0)) }
        let lastNames = DemoData.lastNames.map { (name: $0, fold: Fold.fold($0), email: Self.emailLocalPart($0)) }
        var ids: [String] = []
        ids.reserveCapacity(contactCount)
        for index in 0..<contactCount {
            let id = random.guid()
            ids.append(id)
            let first: String
            let last: String
            let full: String
            let fold: String
            var email: String?
            if random.chance(3) {
                (last, first) = random.pick(DemoData.japaneseNames)
                full = "\(last) \(first)"
                fold = full
                email = "contact\(index)@example.jp"
            } else {
                let given = random.pick(firstNames)
                let family = random.pick(lastNames)
                (first, last) = (given.name, family.name)
                full = "\(first) \(last)"
                fold = "\(given.fold) \(family.fold)"
                let suffix = random.chance(30) ? String(random.int(1...99)) : ""
                email = "\(given.email).\(family.email)\(suffix)@\(random.pick(DemoData.emailDomains))"
            }
            if random.chance(10) { email = nil }
            var phone: String?
            if !random.chance(15) {
                phone = "\(random.pick(DemoData.phonePrefixes)) \(random.int(1000...9999)) \(random.int(100...999))"
            }
            let account = random.chance(70) ? random.pick(accounts) : nil
            let (created, modified) = timestamps()
            try insert.execute(arguments: [
                id, full, fold, first, last, email, phone, random.pick(DemoData.jobTitles), account,
                created, modified, version,
            ])
            version += 1
        }
        return ids
    }

    static func emailLocalPart(_ name: String) -> String {
        String(Fold.fold(name).unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0 == "-") })
    }

    private static let audienceFolds = DemoData.audiences.map { ($0, Fold.fold($0)) }
    private static let placeFolds = DemoData.places.map { ($0, Fold.fold($0)) }
    private static let periodFolds = DemoData.periods.map { ($0, Fold.fold($0)) }
    private static let dynamicPool = DemoData.specs.filter { $0.type == .dynamic }
    private static let compoundPool = DemoData.specs.filter { $0.type == .compound }

    /// The spec of segment `index` and its folded name.
    private mutating func spec(at index: Int) -> (DemoData.SegmentSpec, String) {
        if index < DemoData.specs.count { return (DemoData.specs[index], Fold.fold(DemoData.specs[index].name)) }
        let combinations = DemoData.audiences.count * DemoData.places.count * DemoData.periods.count
        let (audience, audienceFold) = random.pick(Self.audienceFolds)
        let (place, placeFold) = random.pick(Self.placeFolds)
        let (period, periodFold) = random.pick(Self.periodFolds)
        var name = "\(audience) – \(place) \(period)"
        var fold = "\(audienceFold) – \(placeFold) \(periodFold)"
        if index >= combinations {
            name += " (\(index))"
            fold += " (\(index))"
        }
        let roll = random.int(0...99)
        let status: SegmentStatus =
            switch random.int(0...99) {
            case 0..<30: .draft
            case 30..<75: .live
            case 75..<85: .stopped
            case 85..<90: .error
            case 90..<95: .liveEditable
            default: .expired
            }
        if roll < 50 {
            return (DemoData.SegmentSpec(name: name, type: .dynamic, status: status, query: random.pick(Self.dynamicPool).query), fold)
        } else if roll < 80 {
            return (DemoData.SegmentSpec(name: name, type: .static, status: status, query: nil), fold)
        }
        return (DemoData.SegmentSpec(name: name, type: .compound, status: status, query: random.pick(Self.compoundPool).query), fold)
    }

    private mutating func seedSegments(_ db: Database, users: [String], contacts: [String]) throws {
        let ids = (0..<segmentCount).map { _ in random.guid() }
        let queryNames = ids.map(Self.queryName(for:))
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO segments (msdyncrm_segmentid, msdyncrm_segmentname, name_fold, msdyncrm_segmenttype,
                    statuscode, statecode, msdyncrm_description, msdyncrm_segmentquery, msdyncrm_segmentqueryname,
                    msdyncrm_segmentsize, msdyncrm_lastevaluationtime, msdyncrm_nextevaluation, createdon, modifiedon,
                    ownerid, versionnumber, errorreason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let addMember = try db.makeStatement(sql: "INSERT OR IGNORE INTO segment_members (segmentid, contactid) VALUES (?, ?)")
        var version = try SegmentDatabase.reserveVersions(db, count: max(1, segmentCount))
        var toEvaluate: [(id: String, query: String)] = []
        var members: [(segment: Int, contacts: [Int])] = []
        for index in 0..<segmentCount {
            var (spec, nameFold) = spec(at: index)
            if spec.type == .compound, let text = spec.query {
                spec.query = Self.resolveReferences(text, queryNames: queryNames)
            }
            let (created, modified) = timestamps()
            var size: Int?
            if spec.type == .static {
                let wanted = index == 5 ? min(contacts.count / 10, 100_000) : random.int(3...60)
                var chosen = Set<Int>()
                let target = min(wanted, contacts.count)
                while chosen.count < target { chosen.insert(random.int(0...(contacts.count - 1))) }
                members.append((index, Array(chosen)))
                size = target
            } else if let query = spec.query, spec.status.hasEvaluatedMembers {
                toEvaluate.append((ids[index], query))
            }
            let evaluated = size != nil || spec.query != nil && spec.status.hasEvaluatedMembers
            let next: Int64? = spec.type == .dynamic && spec.status == .live ? modified + 86_400 : nil
            let reason = spec.status == .error ? "The segment could not be evaluated: the query timed out." : nil
            try insert.execute(arguments: [
                ids[index], spec.name, nameFold, spec.type.outboundCode, spec.status.outboundCode,
                spec.status.outboundStateCode, spec.description, spec.query, queryNames[index], size,
                evaluated ? modified : nil, next, created, modified, random.pick(users), version, reason,
            ])
            version += 1
        }
        // Members go in in key order, so that the member table grows at its end.
        members.sort { ids[$0.segment] < ids[$1.segment] }
        for (segment, chosen) in members {
            for contact in chosen.map({ contacts[$0] }).sorted() { try addMember.execute(arguments: [ids[segment], contact]) }
        }
        // Sizes come from evaluating each distinct query once; large seeds reuse a small pool of
        // queries, and the counter evaluates each profile in them once.
        var counts: [String: Int] = [:]
        var counter = try MembershipCounter(db: db)
        let update = try db.makeStatement(sql: "UPDATE segments SET msdyncrm_segmentsize = ? WHERE msdyncrm_segmentid = ?")
        for (id, query) in toEvaluate {
            let count: Int
            if let known = counts[query] {
                count = known
            } else {
                count = try counter.count(SegmentQueryParser.parse(query).set)
                counts[query] = count
            }
            try update.execute(arguments: [count, id])
        }
    }

    static func queryName(for id: String) -> String {
        "SEGMENT_CRM_ID_" + id.replacingOccurrences(of: "-", with: "")
    }

    /// `SEGMENT(#3)` → `SEGMENT(SEGMENT_CRM_ID_...)`; references past the seeded count fall back to the first segment.
    static func resolveReferences(_ text: String, queryNames: [String]) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "#") {
            out += rest[..<range.lowerBound]
            rest = rest[range.upperBound...]
            let digits = rest.prefix { $0.isNumber }
            rest = rest.dropFirst(digits.count)
            let index = Int(digits) ?? 0
            out += queryNames[index < queryNames.count ? index : 0]
        }
        return out + rest
    }
}

extension SegmentStatus {
    /// Statuses in which a segment has been evaluated and shows a member count.
    var hasEvaluatedMembers: Bool {
        switch self {
        case .live, .stopped, .liveEditable, .expired, .stopping: return true
        default: return false
        }
    }
}
