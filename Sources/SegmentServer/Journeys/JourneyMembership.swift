import GRDB

/// Who is in a journeys segment: the query's result, plus the Include groups, minus the Exclude
/// groups. An id in both an include and an exclude group is out: exclusion wins (§2.4 [D]).
enum JourneyMembership {
    /// SQL selecting the member ids (as `contactid`) of `segment`, and its bound values.
    static func membersSQL(_ db: Database, segment: StoredJourneySegment) throws -> (String, [DatabaseValue]) {
        var compiler = SegmentQueryCompiler(db: db)
        compiler.visiting.insert(segment.id)
        let last = try compiler.members(of: segment)
        return compiler.query(selecting: last)
    }

    static func count(_ db: Database, segment: StoredJourneySegment) throws -> Int {
        let (sql, arguments) = try membersSQL(db, segment: segment)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql))", arguments: StatementArguments(arguments)) ?? 0
    }

    /// The segment a `SEGMENT_CJO_ID_<32 hex>` name stands for, or nil if the name is not one.
    static func segmentId(fromQueryName name: String) -> String?? {
        let prefix = "SEGMENT_CJO_ID_"
        guard name.uppercased().hasPrefix(prefix) else { return nil }
        let hex = Array(name.dropFirst(prefix.count).lowercased())
        guard hex.count == 32 else { return .some(nil) }
        let text = String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-" + String(hex[12..<16]) + "-" + String(hex[16..<20]) + "-"
            + String(hex[20..<32])
        return .some(GUID.normalize(text))
    }
}

extension SegmentQueryCompiler {
    /// `SEGMENT(SEGMENT_CJO_ID_<hex>)`: another journeys segment's members; nil for other names,
    /// which keep their outbound meaning.
    mutating func journeySegment(named name: String, position: Int) throws -> String? {
        guard let parsed = JourneyMembership.segmentId(fromQueryName: name) else { return nil }
        guard let id = parsed, let segment = try JourneyStore.segment(db, id: id) else {
            throw SegmentQueryError(message: "Segment '\(name)' does not exist", position: position)
        }
        guard !visiting.contains(id) else { throw SegmentQueryError(message: "Segment '\(name)' refers to itself", position: position) }
        visiting.insert(id)
        defer { visiting.remove(id) }
        do {
            return try members(of: segment)
        } catch let error as SegmentQueryError where error.position != position {
            throw SegmentQueryError(message: "Segment '\(name)' has an invalid query (\(error.description))", position: position)
        }
    }

    /// The name of a table of (query ∪ include groups) − exclude groups.
    mutating func members(of segment: StoredJourneySegment) throws -> String {
        guard let definition = try JourneyStore.definition(db, id: segment.definitionId) else {
            throw SegmentQueryError(message: "The definition \(segment.definitionId) of segment '\(segment.name)' does not exist", position: 0)
        }
        var parts: [String] = []
        if let text = definition.query, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let query = try SegmentQueryParser.parse(text)
            if query.hasModifiers {
                throw SegmentQueryError(message: "ORDERBY, SKIP, TAKE and SELECT do not belong in a segment query", position: 0)
            }
            parts.append(try table(query.set))
        }
        let groups = (try? StaticGroups.parse(definition.groupsText)) ?? []
        for group in groups where group.include {
            parts.append(
                add("SELECT entityid FROM jx_group_members WHERE segmentid = ? AND groupid = ?", [segment.id.databaseValue, group.id.databaseValue]))
        }
        var sql = parts.isEmpty ? "SELECT NULL WHERE 0" : parts.map { "SELECT contactid FROM \($0)" }.joined(separator: " UNION ")
        var values: [DatabaseValue] = []
        let excluded = groups.filter { !$0.include }
        if !excluded.isEmpty {
            values = [segment.id.databaseValue] + excluded.map(\.id.databaseValue)
            let marks = Array(repeating: "?", count: excluded.count).joined(separator: ", ")
            sql += " EXCEPT SELECT entityid FROM jx_group_members WHERE segmentid = ? AND groupid IN (\(marks))"
        }
        return add(sql, values)
    }
}
