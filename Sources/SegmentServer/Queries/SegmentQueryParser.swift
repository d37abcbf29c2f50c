/// The parsed form of a segment query.
indirect enum SegmentSet: Sendable {
    /// `PROFILE(contact|lead[, alias])` with the conditions of its `.FILTER(...)` calls (all must
    /// hold) over the base row joined with its `.RELATE(...)`/`.RELATEOPTIONAL(...)` steps.
    case profile(alias: String, filters: [SegmentCondition], position: Int, entity: String, relations: [SegmentRelation])
    /// `SEGMENT(name)`: the members of another segment, by its query name.
    case segment(name: String, position: Int)
    case combine(SegmentSetOperator, SegmentSet, SegmentSet)
}

enum SegmentSetOperator: String, Sendable {
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
}

/// `.RELATE(relationship, alias)` (inner) or `.RELATEOPTIONAL(relationship, alias)` (outer):
/// journeys' MQL (reference/journeys-segment-service.md §2.5 [D]).
struct SegmentRelation: Sendable {
    var name: String
    var alias: String
    var optional: Bool
    var position: Int
}

struct SegmentAttributeRef: Sendable {
    var alias: String?
    var name: String
    var position: Int
}

enum SegmentLiteral: Sendable, Equatable {
    case string(String), number(Double), null, bool(Bool)
}

indirect enum SegmentCondition: Sendable {
    case and(SegmentCondition, SegmentCondition)
    case or(SegmentCondition, SegmentCondition)
    case not(SegmentCondition)
    case isNull(SegmentAttributeRef, negated: Bool)
    /// CONTAINS, STARTSWITH, ENDSWITH: case-insensitive text matching.
    case text(String, SegmentAttributeRef, String)
    case compare(String, SegmentAttributeRef, SegmentLiteral, position: Int)
}

/// A whole query: the set and, for member fetches, `.ORDERBY(...).SKIP(n).TAKE(m).SELECT(...)`.
struct SegmentQuery: Sendable {
    var set: SegmentSet
    var orderBy: [(attribute: SegmentAttributeRef, descending: Bool)] = []
    var skip: Int?
    var take: Int?
    var select: [SegmentAttributeRef] = []
    var hasModifiers: Bool { !orderBy.isEmpty || skip != nil || take != nil || !select.isEmpty }
}

/// Recursive descent over `SegmentQueryLexer` tokens. Set operators are left-associative with
/// equal precedence, as SQLite evaluates compound selects; parentheses group. Every query is held
/// to `SegmentQueryLimits`, so that no query reaches the end of the stack or of SQLite's parser.
struct SegmentQueryParser {
    private var tokens: [(SegmentQueryToken, Int)]
    private var index = 0
    private var depth = 0
    private var conditions = 0
    private var terms = 0

    static func parse(_ text: String) throws(SegmentQueryError) -> SegmentQuery {
        let length = text.unicodeScalars.count
        guard length <= SegmentQueryLimits.maxLength else {
            throw SegmentQueryLimits.exceeded("\(SegmentQueryLimits.maxLength) characters", position: SegmentQueryLimits.maxLength)
        }
        var parser = SegmentQueryParser(tokens: try SegmentQueryLexer.tokenize(text))
        return try parser.query()
    }

    private init(tokens: [(SegmentQueryToken, Int)]) {
        self.tokens = tokens
    }

    private var token: SegmentQueryToken { tokens[index].0 }
    private var position: Int { tokens[index].1 }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func isWord(_ word: String) -> Bool {
        if case .word(let w) = token { return w.uppercased() == word }
        return false
    }

    private mutating func expect(_ symbol: String) throws(SegmentQueryError) {
        guard token == .symbol(symbol) else { throw error("Expected '\(symbol)'") }
        advance()
    }

    private func error(_ text: String) -> SegmentQueryError {
        let found: String
        switch token {
        case .end: found = "the end of the query"
        case .word(let w): found = "'\(w)'"
        case .string(let s): found = "'\(s)'"
        case .number(let n): found = "\(n)"
        case .symbol(let s): found = "'\(s)'"
        }
        return SegmentQueryError(message: "\(text), found \(found)", position: position)
    }

    private mutating func query() throws(SegmentQueryError) -> SegmentQuery {
        guard token != .end else { throw SegmentQueryError(message: "The query is empty", position: 0) }
        var result = SegmentQuery(set: try setExpression())
        while token == .symbol(".") {
            advance()
            guard case .word(let word) = token else { throw error("Expected ORDERBY, SKIP, TAKE or SELECT") }
            let name = word.uppercased()
            advance()
            try expect("(")
            switch name {
            case "ORDERBY":
                repeat {
                    if token == .symbol(",") { advance() }
                    let attribute = try attributeRef()
                    var descending = false
                    if isWord("DESC") { descending = true; advance() } else if isWord("ASC") { advance() }
                    result.orderBy.append((attribute, descending))
                } while token == .symbol(",")
            case "SKIP": result.skip = try count()
            case "TAKE": result.take = try count()
            case "SELECT":
                repeat {
                    if token == .symbol(",") { advance() }
                    result.select.append(try attributeRef())
                } while token == .symbol(",")
            default:
                throw SegmentQueryError(message: "Unknown operation '\(word)'", position: tokens[index - 2].1)
            }
            try expect(")")
        }
        guard token == .end else { throw error("Expected UNION, INTERSECT, EXCEPT or the end of the query") }
        return result
    }

    private mutating func count() throws(SegmentQueryError) -> Int {
        guard case .number(let value) = token, value >= 0, value.rounded() == value, value < 1e9 else {
            throw error("Expected a whole number")
        }
        advance()
        return Int(value)
    }

    private mutating func setExpression() throws(SegmentQueryError) -> SegmentSet {
        var left = try setTerm()
        while case .word(let word) = token, let op = SegmentSetOperator(rawValue: word.uppercased()) {
            advance()
            left = .combine(op, left, try setTerm())
        }
        return left
    }

    private mutating func setTerm() throws(SegmentQueryError) -> SegmentSet {
        if token == .symbol("(") {
            try enterGroup()
            defer { depth -= 1 }
            advance()
            let inner = try setExpression()
            try expect(")")
            return inner
        }
        let start = position
        terms += 1
        guard terms <= SegmentQueryLimits.maxTerms else {
            throw SegmentQueryLimits.exceeded("\(SegmentQueryLimits.maxTerms) PROFILE(...) and SEGMENT(...) terms", position: start)
        }
        if isWord("SEGMENT") {
            advance()
            try expect("(")
            let name: String
            switch token {
            case .word(let w), .string(let w): name = w
            default: throw error("Expected a segment name")
            }
            advance()
            try expect(")")
            return .segment(name: name, position: start)
        }
        guard isWord("PROFILE") else { throw error("Expected PROFILE(...), SEGMENT(...) or '('") }
        advance()
        try expect("(")
        guard case .word(let entity) = token else { throw error("Expected an entity name") }
        let base = entity.lowercased()
        guard base == "contact" || base == "lead" else {
            throw SegmentQueryError(message: "Unknown profile '\(entity)': only contact and lead are supported", position: position)
        }
        advance()
        var alias = base
        if token == .symbol(",") {
            advance()
            guard case .word(let name) = token else { throw error("Expected an alias") }
            alias = name
            advance()
        }
        try expect(")")
        var filters: [SegmentCondition] = []
        var relations: [SegmentRelation] = []
        // A '.' followed by ORDERBY and friends belongs to the whole query, not to this profile.
        while token == .symbol("."), case .word(let word) = tokens[index + 1].0,
            ["FILTER", "TRAVERSE", "RELATE", "RELATEOPTIONAL"].contains(word.uppercased())
        {
            advance()
            let step = word.uppercased()
            if step == "TRAVERSE" {
                throw SegmentQueryError(message: "TRAVERSE is not supported by this service", position: position)
            }
            let stepPosition = position
            advance()
            try expect("(")
            if step.hasPrefix("RELATE") {
                guard case .word(let relationship) = token else { throw error("Expected a relationship name") }
                advance()
                try expect(",")
                guard case .word(let relationAlias) = token else { throw error("Expected an alias") }
                advance()
                try expect(")")
                relations.append(
                    SegmentRelation(name: relationship, alias: relationAlias, optional: step == "RELATEOPTIONAL", position: stepPosition))
                continue
            }
            filters.append(try orCondition())
            try expect(")")
        }
        return .profile(alias: alias, filters: filters, position: start, entity: base, relations: relations)
    }

    private mutating func orCondition() throws(SegmentQueryError) -> SegmentCondition {
        var left = try andCondition()
        while token == .symbol("||") || isWord("OR") {
            advance()
            left = .or(left, try andCondition())
        }
        return left
    }

    private mutating func andCondition() throws(SegmentQueryError) -> SegmentCondition {
        var left = try unaryCondition()
        while token == .symbol("&&") || isWord("AND") {
            advance()
            left = .and(left, try unaryCondition())
        }
        return left
    }

    /// A parenthesised group one level deeper; the caller undoes the level.
    private mutating func enterGroup() throws(SegmentQueryError) {
        depth += 1
        guard depth <= SegmentQueryLimits.maxNesting else {
            depth -= 1
            throw SegmentQueryLimits.exceeded("\(SegmentQueryLimits.maxNesting) levels of parentheses", position: position)
        }
    }

    private mutating func unaryCondition() throws(SegmentQueryError) -> SegmentCondition {
        // A run of negations is read in a loop, not by recursion: SQL's NOT NOT x is x (unknown
        // included), so only its parity matters and a long run costs neither stack nor SQL depth.
        var negations = 0
        while token == .symbol("!") || isWord("NOT") {
            advance()
            negations += 1
        }
        let condition = try primaryCondition()
        return negations % 2 == 1 ? .not(condition) : condition
    }

    private mutating func primaryCondition() throws(SegmentQueryError) -> SegmentCondition {
        if token == .symbol("(") {
            try enterGroup()
            defer { depth -= 1 }
            advance()
            let inner = try orCondition()
            try expect(")")
            return inner
        }
        conditions += 1
        guard conditions <= SegmentQueryLimits.maxConditions else {
            throw SegmentQueryLimits.exceeded("\(SegmentQueryLimits.maxConditions) conditions", position: position)
        }
        if case .word(let word) = token, tokens[index + 1].0 == .symbol("(") {
            let name = word.uppercased()
            advance()
            advance()
            switch name {
            case "ISNULL", "ISNOTNULL":
                let attribute = try attributeRef()
                try expect(")")
                return .isNull(attribute, negated: name == "ISNOTNULL")
            case "CONTAINS", "STARTSWITH", "ENDSWITH":
                let attribute = try attributeRef()
                try expect(",")
                guard case .string(let value) = token else { throw error("Expected a quoted text") }
                advance()
                try expect(")")
                return .text(name, attribute, value)
            default:
                throw SegmentQueryError(message: "Unknown function '\(word)'", position: tokens[index - 2].1)
            }
        }
        let attribute = try attributeRef()
        let opPosition = position
        guard case .symbol(let op) = token, ["==", "!=", ">", ">=", "<", "<="].contains(op) else {
            throw error("Expected a comparison (== != > >= < <=)")
        }
        advance()
        let literal: SegmentLiteral
        switch token {
        case .string(let s): literal = .string(s)
        case .number(let n): literal = .number(n)
        case .word(let w) where w.lowercased() == "null": literal = .null
        case .word(let w) where w.lowercased() == "true" || w.lowercased() == "false": literal = .bool(w.lowercased() == "true")
        default: throw error("Expected a value")
        }
        advance()
        return .compare(op, attribute, literal, position: opPosition)
    }

    private mutating func attributeRef() throws(SegmentQueryError) -> SegmentAttributeRef {
        let start = position
        guard case .word(let first) = token else { throw error("Expected an attribute") }
        advance()
        if token == .symbol("."), case .word(let second) = tokens[index + 1].0 {
            advance()
            advance()
            return SegmentAttributeRef(alias: first, name: second, position: start)
        }
        return SegmentAttributeRef(alias: nil, name: first, position: start)
    }
}
