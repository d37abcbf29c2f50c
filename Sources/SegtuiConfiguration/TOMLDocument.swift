import TOMLKit

/// config.toml read with TOMLKit, as plain values: every table by its dotted name, and the line
/// each key was set on. TOMLKit reports the line of a syntax error but keeps no position for the
/// values it returns, so the lines of keys are found in the text (`TOMLKeyLines`), for messages
/// about values that parse but make no sense. What a configuration never holds (dates, arrays of
/// tables, arrays inside arrays) is an error that names the line, never a silent guess.
public struct TOMLDocument: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case string(String)
        case integer(Int)
        case float(Double)
        case bool(Bool)
        case array([Value])

        public var text: String {
            switch self {
            case .array(let values): return "[" + values.map(\.text).joined(separator: ", ") + "]"
            case .string(let s): return s
            case .integer(let i): return String(i)
            case .float(let d): return String(d)
            case .bool(let b): return String(b)
            }
        }
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Tables by their dotted name ("" for the top level; an inline table counts as a table).
    public private(set) var tables: [String: [String: Value]] = ["": [:]]
    /// Lines by dotted key ("keys.list.quit") and by table name ("keys.list").
    public private(set) var lines: [String: Int] = [:]

    public init(parsing text: String) throws(ParseError) {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw ParseError(line: line, message: TOMLSyntaxHint.message(for: error.description, line: line, in: text))
        } catch {
            throw ParseError(line: 0, message: "\(error)")
        }
        lines = TOMLKeyLines.find(in: text)
        try add(root, named: "")
    }

    public subscript(table: String) -> [String: Value]? { tables[table] }

    private mutating func add(_ table: TOMLTable, named name: String) throws(ParseError) {
        tables[name, default: [:]] = tables[name] ?? [:]
        for (key, node) in table {
            let dotted = name.isEmpty ? key : name + "." + key
            // A key inside an inline table has no line of its own: it is on its table's line.
            if lines[dotted] == nil, let line = lines[name] { lines[dotted] = line }
            if let inner = node.table {
                try add(inner, named: dotted)
            } else {
                tables[name, default: [:]][key] = try value(node, key: dotted, nested: false)
            }
        }
    }

    private func value(_ node: any TOMLValueConvertible, key: String, nested: Bool) throws(ParseError) -> Value {
        let line = lines[key] ?? 0
        switch node.type {
        case .string: return .string(node.string ?? "")
        case .int: return .integer(node.int ?? 0)
        case .double: return .float(node.double ?? 0)
        case .bool: return .bool(node.bool ?? false)
        case .array:
            guard !nested else { throw ParseError(line: line, message: "arrays inside arrays are not supported") }
            var values: [Value] = []
            for element in node.array.map(Array.init) ?? [] {
                if element.type == .table {
                    throw ParseError(line: line, message: "arrays of tables are not supported; a key takes a string, a number, true or false, or an array of those")
                }
                values.append(try value(element, key: key, nested: true))
            }
            return .array(values)
        case .date, .time, .dateTime:
            throw ParseError(line: line, message: "'\(key)' holds a date or time; settings are strings in quotes, numbers, true or false")
        case .table:
            throw ParseError(line: line, message: "a table is not a value here")
        }
    }
}
