import GRDB
import Segments

/// Turns a segment query into SQL that selects `contactid`s, with bound parameters. `SEGMENT(x)`
/// is resolved against the database at compile time: a static segment gives its stored members, a
/// dynamic or compound one its own query (compiled in turn, with cycles refused).
struct SegmentQueryCompiler {
    private let db: Database
    private var visiting: Set<String> = []
    private(set) var arguments: [DatabaseValue] = []

    init(db: Database) {
        self.db = db
    }

    /// SQL for the member ids of `set`.
    static func membersSQL(_ set: SegmentSet, db: Database, excluding segmentId: String? = nil) throws -> (String, [DatabaseValue]) {
        var compiler = SegmentQueryCompiler(db: db)
        if let segmentId { compiler.visiting.insert(segmentId) }
        let sql = try compiler.compile(set)
        return (sql, compiler.arguments)
    }

    /// How many contacts `set` has now.
    static func count(_ set: SegmentSet, db: Database, excluding segmentId: String? = nil) throws -> Int {
        let (sql, arguments) = try membersSQL(set, db: db, excluding: segmentId)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql))", arguments: StatementArguments(arguments)) ?? 0
    }

    mutating func compile(_ set: SegmentSet) throws -> String {
        switch set {
        case .profile(let alias, let filters, _):
            guard !filters.isEmpty else { return "SELECT c.contactid FROM contacts c" }
            var parts: [String] = []
            for filter in filters { parts.append(try condition(filter, alias: alias)) }
            return "SELECT c.contactid FROM contacts c WHERE " + parts.map { "(\($0))" }.joined(separator: " AND ")
        case .segment(let name, let position):
            return try segment(named: name, position: position)
        case .combine(let op, let left, let right):
            let l = try compile(left)
            let r = try compile(right)
            return "SELECT contactid FROM (\(l)) \(op.rawValue) SELECT contactid FROM (\(r))"
        }
    }

    private mutating func segment(named name: String, position: Int) throws -> String {
        switch try Self.referencedSegment(db, name: name, position: position) {
        case .members(let id):
            arguments.append(id.databaseValue)
            return "SELECT contactid FROM segment_members WHERE segmentid = ?"
        case .query(let id, let inner):
            guard !visiting.contains(id) else {
                throw SegmentQueryError(message: "Segment '\(name)' refers to itself", position: position)
            }
            visiting.insert(id)
            defer { visiting.remove(id) }
            return try compile(inner)
        }
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
        let type = SegmentKind(outboundCode: row[1])
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

    private mutating func condition(_ condition: SegmentCondition, alias: String) throws -> String {
        switch condition {
        case .and(let a, let b): return "(\(try self.condition(a, alias: alias)) AND \(try self.condition(b, alias: alias)))"
        case .or(let a, let b): return "(\(try self.condition(a, alias: alias)) OR \(try self.condition(b, alias: alias)))"
        case .not(let a): return "NOT (\(try self.condition(a, alias: alias)))"
        case .isNull(let ref, let negated):
            let property = try Self.contactProperty(ref, alias: alias)
            return "c.\(property.column) IS \(negated ? "NOT " : "")NULL"
        case .text(let function, let ref, let value):
            let property = try Self.contactProperty(ref, alias: alias)
            guard property.kind.isString else {
                throw SegmentQueryError(message: "\(function) needs a text attribute, not '\(ref.name)'", position: ref.position)
            }
            let escaped = LikePattern.escape(Fold.fold(value))
            let pattern =
                switch function {
                case "STARTSWITH": escaped + "%"
                case "ENDSWITH": "%" + escaped
                default: "%" + escaped + "%"
                }
            arguments.append(pattern.databaseValue)
            return "\(Self.comparable(property)) LIKE ? ESCAPE '\\'"
        case .compare(let op, let ref, let literal, let position):
            let property = try Self.contactProperty(ref, alias: alias)
            let sqlOp = op == "==" ? "=" : op
            if literal == .null {
                guard op == "==" || op == "!=" else {
                    throw SegmentQueryError(message: "Only == and != can compare with null", position: position)
                }
                return "c.\(property.column) IS \(op == "!=" ? "NOT " : "")NULL"
            }
            let value = try Self.value(literal, for: property, position: position)
            arguments.append(value)
            if op == "!=" { return "\(Self.comparable(property)) IS NOT ?" }
            return "\(Self.comparable(property)) \(sqlOp) ?"
        }
    }

    private static func comparable(_ property: PropertyModel) -> String {
        guard property.kind.isString else { return "c.\(property.column)" }
        if let fold = property.foldColumn { return "c.\(fold)" }
        return PropertyModel.foldSQL("c.\(property.column)")
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
}
