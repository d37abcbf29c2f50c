import GRDB

/// Counts the members of many segment queries over the same contacts, for seeding: each distinct
/// `PROFILE(...)` is evaluated once by SQLite into a bitmap of contact rowids, and `UNION`,
/// `INTERSECT` and `EXCEPT` become word-wise operations on bitmaps, so that a large seed does not
/// run each compound query's SQL set operations over a million contact ids, or the same profile
/// once per query that uses it. Counts equal `SegmentQueryCompiler.count` when every stored
/// member is a contact, as in a seed; queries that fail to resolve throw the same errors.
struct MembershipCounter {
    private let db: Database
    private let words: Int
    private var profiles: [String: Bitmap] = [:]
    private var staticMembers: [String: Bitmap] = [:]
    /// Each referenced dynamic segment's members, so that a segment named many times is read once.
    private var queries: [String: Bitmap] = [:]

    init(db: Database) throws {
        self.db = db
        let maxRowid = try Int.fetchOne(db, sql: "SELECT MAX(rowid) FROM contacts") ?? 0
        words = maxRowid / 64 + 1
    }

    mutating func count(_ set: SegmentSet) throws -> Int {
        var visiting: Set<String> = []
        return try bitmap(set, visiting: &visiting).count
    }

    private mutating func bitmap(_ set: SegmentSet, visiting: inout Set<String>) throws -> Bitmap {
        switch set {
        case .profile:
            let (sql, arguments) = try SegmentQueryCompiler.membersSQL(set, db: db)
            let key = sql + "\u{0}" + arguments.map(\.description).joined(separator: "\u{0}")
            if let known = profiles[key] { return known }
            // The compiler selects `c.contactid FROM contacts c`; the bitmap wants the rowid.
            let prefix = "SELECT c.contactid FROM contacts c"
            guard sql.hasPrefix(prefix) else { throw SegmentQueryError(message: "Unexpected profile SQL", position: 0) }
            let found = try rows("SELECT c.rowid FROM contacts c" + sql.dropFirst(prefix.count), arguments)
            profiles[key] = found
            return found
        case .segment(let name, let position):
            switch try SegmentQueryCompiler.referencedSegment(db, name: name, position: position) {
            case .members(let id):
                if let known = staticMembers[id] { return known }
                let found = try rows(
                    "SELECT c.rowid FROM segment_members m JOIN contacts c ON c.contactid = m.contactid WHERE m.segmentid = ?",
                    [id.databaseValue])
                staticMembers[id] = found
                return found
            case .query(let id, let inner):
                if let known = queries[id] { return known }
                guard !visiting.contains(id) else {
                    throw SegmentQueryError(message: "Segment '\(name)' refers to itself", position: position)
                }
                visiting.insert(id)
                defer { visiting.remove(id) }
                let found = try bitmap(inner, visiting: &visiting)
                queries[id] = found
                return found
            }
        case .combine(let op, let left, let right):
            var result = try bitmap(left, visiting: &visiting)
            let other = try bitmap(right, visiting: &visiting)
            switch op {
            case .union: result.formUnion(other)
            case .intersect: result.formIntersection(other)
            case .except: result.subtract(other)
            }
            return result
        }
    }

    private func rows(_ sql: String, _ arguments: [DatabaseValue]) throws -> Bitmap {
        var bitmap = Bitmap(words: words)
        let cursor = try Int.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        while let rowid = try cursor.next() { bitmap.insert(rowid) }
        return bitmap
    }
}

/// A set of small non-negative integers (contact rowids), one bit each.
struct Bitmap {
    private var bits: [UInt64]

    init(words: Int) {
        bits = Array(repeating: 0, count: words)
    }

    mutating func insert(_ value: Int) {
        let word = value >> 6
        if word >= bits.count { bits += Array(repeating: 0, count: word - bits.count + 1) }
        bits[word] |= 1 << UInt64(value & 63)
    }

    var count: Int { bits.reduce(0) { $0 + $1.nonzeroBitCount } }

    mutating func formUnion(_ other: Bitmap) {
        if other.bits.count > bits.count { bits += Array(repeating: 0, count: other.bits.count - bits.count) }
        for index in other.bits.indices { bits[index] |= other.bits[index] }
    }

    mutating func formIntersection(_ other: Bitmap) {
        for index in bits.indices { bits[index] &= index < other.bits.count ? other.bits[index] : 0 }
    }

    mutating func subtract(_ other: Bitmap) {
        for index in bits.indices where index < other.bits.count { bits[index] &= ~other.bits[index] }
    }
}
