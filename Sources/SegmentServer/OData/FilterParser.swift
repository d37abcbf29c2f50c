/// `$filter` parsed: comparisons of a property with a literal, the three text functions,
/// `and`/`or`/`not` and parentheses, as the Dataverse Web API accepts them.
indirect enum FilterExpression: Sendable {
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)
    case compare(FilterOperator, property: String, FilterLiteral, position: Int)
    /// `contains`, `startswith`, `endswith`.
    case function(String, property: String, String, position: Int)
}

enum FilterOperator: String, Sendable {
    case eq, ne, gt, ge, lt, le

    var sql: String {
        switch self {
        case .eq: return "="
        case .ne: return "<>"
        case .gt: return ">"
        case .ge: return ">="
        case .lt: return "<"
        case .le: return "<="
        }
    }

    var kindName: String {
        switch self {
        case .eq: return "Equal"
        case .ne: return "NotEqual"
        case .gt: return "GreaterThan"
        case .ge: return "GreaterThanOrEqual"
        case .lt: return "LessThan"
        case .le: return "LessThanOrEqual"
        }
    }
}

enum FilterLiteral: Sendable, Equatable {
    case string(String)
    case number(Double)
    case null
    case bool(Bool)
    case guid(String)
    case date(Int64)

    var edmType: String {
        switch self {
        case .string: return "Edm.String"
        case .number: return "Edm.Int32"
        case .null: return "null"
        case .bool: return "Edm.Boolean"
        case .guid: return "Edm.Guid"
        case .date: return "Edm.DateTimeOffset"
        }
    }
}

/// Recursive descent, one token of look-ahead. Errors say where, from position 0, like the
/// OData library behind Dataverse ("Syntax error at position 12 in '...'").
struct FilterParser {
    /// [D] segment-service.md, "Web API behaviour": at most 500 conditions.
    static let maxConditions = 500
    /// Parentheses inside each other: SQLite's parser holds about 30 levels, and each level of the
    /// `$filter` becomes one or two in SQL.
    static let maxNesting = 12
    private let text: String
    private var tokens: [FilterToken]
    private var index = 0
    private var depth = 0
    private var conditions = 0

    static func parse(_ text: String) throws(ServiceError) -> FilterExpression {
        var parser = FilterParser(text: text, tokens: try FilterLexer.tokenize(text))
        guard parser.tokens.count > 1 else { throw parser.syntaxError("an expression", at: 0) }
        let expression = try parser.orExpression()
        guard case .end = parser.token.kind else { throw parser.syntaxError("'and', 'or' or the end of the filter") }
        return expression
    }

    private init(text: String, tokens: [FilterToken]) {
        self.text = text
        self.tokens = tokens
    }

    private var token: FilterToken { tokens[index] }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func isWord(_ word: String) -> Bool {
        if case .identifier(let w) = token.kind { return w == word }
        return false
    }

    func syntaxError(_ expected: String, at position: Int? = nil) -> ServiceError {
        let where_ = position ?? token.position
        let found = where_ >= text.count ? "the end of the filter" : "'\(token.text)'"
        return .badRequest("Syntax error at position \(where_) in '\(text)': expected \(expected), found \(found).")
    }

    private mutating func orExpression() throws(ServiceError) -> FilterExpression {
        var left = try andExpression()
        while isWord("or") {
            advance()
            left = .or(left, try andExpression())
        }
        return left
    }

    private mutating func andExpression() throws(ServiceError) -> FilterExpression {
        var left = try unary()
        while isWord("and") {
            advance()
            left = .and(left, try unary())
        }
        return left
    }

    private mutating func unary() throws(ServiceError) -> FilterExpression {
        // A run of `not` is read in a loop and kept as one: only its parity matters, and a
        // recursion per `not` cost a stack frame and a level of SQL each.
        var negations = 0
        while isWord("not") {
            advance()
            negations += 1
        }
        let operand = try primary()
        return negations == 0 ? operand : .not(negations % 2 == 1 ? operand : .not(operand))
    }

    private mutating func primary() throws(ServiceError) -> FilterExpression {
        if case .open = token.kind {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxNesting else {
                throw .badRequest("The $filter is over the limit of \(Self.maxNesting) levels of parentheses.")
            }
            advance()
            let inner = try orExpression()
            guard case .close = token.kind else { throw syntaxError("')'") }
            advance()
            return inner
        }
        conditions += 1
        guard conditions <= Self.maxConditions else {
            throw .badRequest("The $filter is over the limit of \(Self.maxConditions) conditions.")
        }
        guard case .identifier(let name) = token.kind else { throw syntaxError("a property name, a function or '('") }
        let position = token.position
        advance()
        if case .open = token.kind {
            guard ["contains", "startswith", "endswith"].contains(name) else {
                throw .badRequest("Unknown function '\(name)' at position \(position) in '\(text)'.")
            }
            advance()
            guard case .identifier(let property) = token.kind else { throw syntaxError("a property name") }
            advance()
            guard case .comma = token.kind else { throw syntaxError("','") }
            advance()
            guard case .string(let value) = token.kind else { throw syntaxError("a string literal") }
            advance()
            guard case .close = token.kind else { throw syntaxError("')'") }
            advance()
            return .function(name, property: property, value, position: position)
        }
        guard case .identifier(let opName) = token.kind, let op = FilterOperator(rawValue: opName) else {
            throw syntaxError("a comparison operator (eq, ne, gt, ge, lt, le)")
        }
        advance()
        let literal: FilterLiteral
        switch token.kind {
        case .string(let s): literal = .string(s)
        case .number(let n): literal = .number(n)
        case .guid(let g): literal = .guid(g)
        case .date(let d): literal = .date(d)
        case .identifier("null"): literal = .null
        case .identifier("true"): literal = .bool(true)
        case .identifier("false"): literal = .bool(false)
        default: throw syntaxError("a literal value")
        }
        advance()
        return .compare(op, property: name, literal, position: position)
    }
}
