import GRDB

/// Turns a segment query into SQL that selects `contactid`s, with bound parameters. `SEGMENT(x)`
/// is resolved against the database at compile time: a static segment gives its stored members, a
/// dynamic or compound one its own query (compiled in turn, with cycles refused).
///
/// Every term, chain of set operators and referenced segment becomes a common table expression,
/// and each referenced segment gets one however often it is named: the text never nests
/// subqueries (SQLite's parser stack overflows at a few dozen levels) and an evaluation reads a
/// segment once instead of once per reference (three levels of 200 references were 200³).
struct SegmentQueryCompiler {
    let db: Database
    var visiting: Set<String> = []
    /// The table holding each referenced segment's members, by segment id.
    private var segmentTables: [String: String] = [:]
    /// The same by the name a query used, so that a repeated reference is not looked up again.
    private var namedTables: [String: String] = [:]
    private var tables: [(name: String, sql: String, arguments: [DatabaseValue])] = []
    /// The bound values of the condition being compiled.
    var arguments: [DatabaseValue] = []

    init(db: Database) {
        self.db = db
    }

    /// SQL for the member ids of `set`: a plain select for a lone profile, else a `WITH` query.
    static func membersSQL(_ set: SegmentSet, db: Database, excluding segmentId: String? = nil) throws -> (String, [DatabaseValue]) {
        var compiler = SegmentQueryCompiler(db: db)
        if let segmentId { compiler.visiting.insert(segmentId) }
        if case .profile(let alias, let filters, _, let entity, let relations) = set {
            let sql = try compiler.profileSQL(ProfileScope(entity: entity, alias: alias, relations: relations), filters: filters)
            return (sql, compiler.arguments)
        }
        // Compiled first: the call would otherwise read the compiler before the tables are added.
        let last = try compiler.table(set)
        return compiler.query(selecting: last)
    }

    /// The `WITH` query over the tables added so far that selects the members of table `last`.
    func query(selecting last: String) -> (String, [DatabaseValue]) {
        let with = tables.map { "\($0.name)(contactid) AS (\($0.sql))" }.joined(separator: ", ")
        return ("WITH \(with) SELECT contactid FROM \(last)", tables.flatMap(\.arguments))
    }

    /// How many contacts `set` has now.
    static func count(_ set: SegmentSet, db: Database, excluding segmentId: String? = nil) throws -> Int {
        let (sql, arguments) = try membersSQL(set, db: db, excluding: segmentId)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql))", arguments: StatementArguments(arguments)) ?? 0
    }

    mutating func add(_ sql: String, _ arguments: [DatabaseValue]) -> String {
        let name = "segtui_q\(tables.count + 1)"
        tables.append((name, sql, arguments))
        return name
    }

    /// The name of a table of the members of `set`, added with the tables it reads before it.
    mutating func table(_ set: SegmentSet) throws -> String {
        switch set {
        case .profile(let alias, let filters, _, let entity, let relations):
            let sql = try profileSQL(ProfileScope(entity: entity, alias: alias, relations: relations), filters: filters)
            defer { arguments = [] }
            return add(sql, arguments)
        case .segment(let name, let position):
            if let journeys = try journeySegment(named: name, position: position) { return journeys }
            return try segment(named: name, position: position)
        case .combine:
            // The parser groups a chain left to right, as SQLite runs one compound select, so the
            // chain's left spine is one compound over its terms; only parenthesised operands nest.
            var terms: [(SegmentSetOperator?, SegmentSet)] = []
            var node = set
            while case .combine(let op, let left, let right) = node {
                terms.append((op, right))
                node = left
            }
            terms.append((nil, node))
            var sql = ""
            for (op, term) in terms.reversed() {
                let name = try table(term)
                if let op { sql += " \(op.rawValue) " }
                sql += "SELECT contactid FROM \(name)"
            }
            return add(sql, [])
        }
    }

    private mutating func profileSQL(_ scope: ProfileScope, filters: [SegmentCondition]) throws -> String {
        arguments = []
        guard !filters.isEmpty else { return scope.selectSQL }
        var parts: [String] = []
        for filter in filters { parts.append(try condition(filter, scope: scope)) }
        return scope.selectSQL + " WHERE " + parts.joined(separator: " AND ")
    }

    private mutating func segment(named name: String, position: Int) throws -> String {
        if let known = namedTables[name] { return known }
        let referenced = try Self.referencedSegment(db, name: name, position: position)
        let id: String
        switch referenced {
        case .members(let segmentId): id = segmentId
        case .query(let segmentId, _): id = segmentId
        }
        if let known = segmentTables[id] {
            namedTables[name] = known
            return known
        }
        guard !visiting.contains(id) else {
            throw SegmentQueryError(message: "Segment '\(name)' refers to itself", position: position)
        }
        guard segmentTables.count < SegmentQueryLimits.maxReferencedSegments else {
            throw SegmentQueryLimits.exceeded("\(SegmentQueryLimits.maxReferencedSegments) referenced segments", position: position)
        }
        let table: String
        switch referenced {
        case .members:
            table = add("SELECT contactid FROM segment_members WHERE segmentid = ?", [id.databaseValue])
        case .query(_, let inner):
            visiting.insert(id)
            defer { visiting.remove(id) }
            table = try self.table(inner)
        }
        segmentTables[id] = table
        namedTables[name] = table
        return table
    }

    /// What `SEGMENT(name)` stands for: a static segment's stored members, or another segment's query.
    enum ReferencedSegment {
        case members(segmentId: String)
        case query(segmentId: String, SegmentSet)
    }

    /// Resolves `SEGMENT(name)` by query name (case-insensitively), else by segment name.
    static func referencedSegment(_ db: Database, name: String, position: Int) throws -> ReferencedSegment {
        let row =
            try Row.fetchOne(
                db,
                sql: """
                    SELECT msdyncrm_segmentid, msdyncrm_segmenttype, msdyncrm_segmentquery FROM segments
                    WHERE msdyncrm_segmentqueryname = ? COLLATE NOCASE LIMIT 1
                    """, arguments: [name])
            ?? Row.fetchOne(
                db,
                sql: """
                    SELECT msdyncrm_segmentid, msdyncrm_segmenttype, msdyncrm_segmentquery FROM segments
                    WHERE name_fold = ? ORDER BY msdyncrm_segmentid LIMIT 1
                    """, arguments: [Fold.fold(name)])
        guard let row else {
            throw SegmentQueryError(message: "Segment '\(name)' does not exist", position: position)
        }
        let id: String = row[0]
        let type = SegmentType(outboundCode: row[1])
        if type == .static { return .members(segmentId: id) }
        guard let text: String = row[2], !text.isEmpty else {
            throw SegmentQueryError(message: "Segment '\(name)' has no query", position: position)
        }
        do {
            return .query(segmentId: id, try SegmentQueryParser.parse(text).set)
        } catch {
            throw SegmentQueryError(message: "Segment '\(name)' has an invalid query (\(error.description))", position: position)
        }
    }

    private mutating func condition(_ condition: SegmentCondition, scope: ProfileScope) throws -> String {
        switch condition {
        case .and, .or:
            // A chain of one operator is one flat group: the parser builds it left-deep, and
            // nesting it in SQL would spend a parser level per condition.
            let (isAnd, operands) = SQLGroup.chain(condition)
            var parts: [String] = []
            for operand in operands { parts.append(try self.condition(operand, scope: scope)) }
            return SQLGroup.join(parts, separator: isAnd ? " AND " : " OR ")
        case .not(let a):
            let inner = try self.condition(a, scope: scope)
            switch a {
            case .and, .or: return "NOT " + inner
            default: return "NOT (\(inner))"
            }
        case .isNull(let ref, let negated):
            let (column, _, _) = try scope.resolve(ref)
            return "\(column) IS \(negated ? "NOT " : "")NULL"
        case .text(let function, let ref, let value):
            let (_, comparable, property) = try scope.resolve(ref)
            guard property.kind.isString else {
                throw SegmentQueryError(message: "\(function) needs a text attribute, not '\(ref.name)'", position: ref.position)
            }
            arguments.append(LikePattern.pattern(function, LikePattern.escape(Fold.fold(value))).databaseValue)
            return "\(comparable) LIKE ? ESCAPE '\\'"
        case .compare(let op, let ref, let literal, let position):
            let (column, comparable, property) = try scope.resolve(ref)
            let sqlOp = op == "==" ? "=" : op
            if literal == .null {
                guard op == "==" || op == "!=" else {
                    throw SegmentQueryError(message: "Only == and != can compare with null", position: position)
                }
                return "\(column) IS \(op == "!=" ? "NOT " : "")NULL"
            }
            let value = try Self.value(literal, for: property, position: position)
            arguments.append(value)
            if op == "!=" { return "\(comparable) IS NOT ?" }
            return "\(comparable) \(sqlOp) ?"
        }
    }

    private static func value(_ literal: SegmentLiteral, for property: PropertyModel, position: Int) throws -> DatabaseValue {
        switch (property.kind, literal) {
        case (.string, .string(let text)): return Fold.fold(text).databaseValue
        case (.guid, .string(let text)), (.lookup, .string(let text)):
            guard let guid = GUID.normalize(text) else {
                throw SegmentQueryError(message: "'\(text)' is not a GUID", position: position)
            }
            return guid.databaseValue
        case (.date, .string(let text)):
            guard let seconds = Timestamp.parse(text) else {
                throw SegmentQueryError(message: "'\(text)' is not a date (use 2026-01-31 or 2026-01-31T09:00:00Z)", position: position)
            }
            return seconds.databaseValue
        case (.integer, .number(let n)), (.bigInt, .number(let n)), (.optionSet, .number(let n)), (.date, .number(let n)):
            return n.databaseValue
        default:
            throw SegmentQueryError(message: "Cannot compare '\(property.name)' with that value", position: position)
        }
    }

    /// The contact attribute `ref` names; the alias must be the profile's.
    static func contactProperty(_ ref: SegmentAttributeRef, alias: String) throws(SegmentQueryError) -> PropertyModel {
        if let given = ref.alias, given.lowercased() != alias.lowercased() {
            throw SegmentQueryError(message: "Unknown alias '\(given)' (the profile is '\(alias)')", position: ref.position)
        }
        let name = ref.name.lowercased()
        let lookupName = name == "parentcustomerid" ? "_parentcustomerid_value" : name
        guard let property = EntityModel.contacts.property(lookupName), property.readable else {
            throw SegmentQueryError(message: "Unknown attribute '\(ref.name)' of contact", position: ref.position)
        }
        return property
    }
}

enum LikePattern {
    /// Escapes `%`, `_` and the escape character itself for `LIKE ... ESCAPE '\'`.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// The pattern of a text function (startswith, endswith, else contains; in either case, as
    /// $filter and segment queries spell them) around `escaped`.
    static func pattern(_ function: String, _ escaped: String) -> String {
        switch function.lowercased() {
        case "startswith": escaped + "%"
        case "endswith": "%" + escaped
        default: "%" + escaped + "%"
        }
    }
}

extension SegmentCondition: BooleanChainNode {
    var junction: (isAnd: Bool, left: SegmentCondition, right: SegmentCondition)? {
        switch self {
        case .and(let a, let b): (true, a, b)
        case .or(let a, let b): (false, a, b)
        default: nil
        }
    }
}
