import GRDB

/// A piece of SQL with its bound values, in order.
struct SQLFragment: Sendable {
    var sql: String
    var arguments: [DatabaseValue]

    init(_ sql: String, _ arguments: [DatabaseValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// Compiles a parsed `$filter` into a WHERE clause over the entity's table (aliased `t`).
/// Literals are always bound, never spliced. Text compares case- and accent-insensitively, like
/// a Dataverse database's collation; `ne` keeps rows whose value is null, as OData defines it.
enum FilterCompiler {
    static func compile(_ expression: FilterExpression, model: EntityModel) throws(ServiceError) -> SQLFragment {
        switch expression {
        case .and, .or:
            // A chain of one operator is one flat group: nested, each condition would spend a
            // level of SQLite's parser stack, which overflows long before 500 conditions.
            let (isAnd, operands) = SQLGroup.chain(expression)
            var parts: [String] = []
            var arguments: [DatabaseValue] = []
            for operand in operands {
                let part = try compile(operand, model: model)
                parts.append(part.sql)
                arguments += part.arguments
            }
            return SQLFragment(SQLGroup.join(parts, separator: isAnd ? " AND " : " OR "), arguments)
        case .not(.not(let a)):
            // The parser keeps at most two: not not x holds when x is true, and is never unknown.
            let inner = try compile(a, model: model)
            return SQLFragment("(\(inner.sql)) IS 1", inner.arguments)
        case .not(let a):
            let inner = try compile(a, model: model)
            // NOT of a comparison with a null column must be true, not unknown.
            return SQLFragment("(\(inner.sql)) IS NOT 1", inner.arguments)
        case .function(let name, let propertyName, let value, _):
            let property = try filterable(propertyName, model: model)
            guard property.kind.isString else {
                throw .badRequest(
                    "The function '\(name)' needs a property of type 'Edm.String'; '\(propertyName)' is '\(property.kind.edmType)'.")
            }
            let pattern = LikePattern.pattern(name, LikePattern.dataverse(Fold.fold(value)))
            return SQLFragment("\(property.comparableSQL) LIKE ? ESCAPE '\\'", [pattern.databaseValue])
        case .compare(let op, let propertyName, let literal, _):
            let property = try filterable(propertyName, model: model)
            return try comparison(op, property, literal)
        }
    }

    private static func filterable(_ name: String, model: EntityModel) throws(ServiceError) -> PropertyModel {
        guard let property = model.property(name) else { throw .unknownProperty(name, on: model) }
        guard property.readable else { throw .badRequest("The property '\(name)' cannot be used in a $filter.") }
        return property
    }

    private static func comparison(_ op: FilterOperator, _ property: PropertyModel, _ literal: FilterLiteral) throws(ServiceError)
        -> SQLFragment
    {
        if literal == .null {
            switch op {
            case .eq: return SQLFragment("\(property.valueSQL) IS NULL")
            case .ne: return SQLFragment("\(property.valueSQL) IS NOT NULL")
            default: return SQLFragment("0")
            }
        }
        let value: DatabaseValue
        switch (property.kind, literal) {
        case (.string, .string(let text)): value = Fold.fold(text).databaseValue
        case (.guid, .guid(let guid)), (.lookup, .guid(let guid)): value = guid.databaseValue
        case (.date, .date(let seconds)): value = seconds.databaseValue
        case (.boolean, .bool(let flag)): value = (flag ? 1 : 0).databaseValue
        case (.integer, .number(let n)), (.bigInt, .number(let n)), (.optionSet, .number(let n)):
            value = n.rounded() == n ? Int64(n).databaseValue : n.databaseValue
        default:
            throw .badRequest(
                "A binary operator with incompatible types was detected. Found operand types '\(property.kind.edmType)' and '\(literal.edmType)' for operator kind '\(op.kindName)'."
            )
        }
        let column = property.comparableSQL
        if op == .ne { return SQLFragment("\(column) IS NOT ?", [value]) }
        return SQLFragment("\(column) \(op.sql) ?", [value])
    }
}

extension FilterExpression: BooleanChainNode {
    var junction: (isAnd: Bool, left: FilterExpression, right: FilterExpression)? {
        switch self {
        case .and(let a, let b): (true, a, b)
        case .or(let a, let b): (false, a, b)
        default: nil
        }
    }
}
