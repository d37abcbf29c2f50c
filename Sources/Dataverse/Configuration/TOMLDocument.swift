import Foundation

/// The part of TOML a configuration file needs: comments, `[table]` and `[dotted.table]` headers,
/// and `key = value` with strings (basic and literal), integers, floats, booleans and one-line
/// arrays of those (`keys = ["q", "ctrl-c"]`). Anything
/// else is an error that names the line and what is wrong, never a silent guess.
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

    /// Tables by their dotted name ("" for the top level), each a map of keys to values and the
    /// line each key was set on (for messages about values that parse but make no sense).
    public private(set) var tables: [String: [String: Value]] = ["": [:]]
    public private(set) var lines: [String: Int] = [:]

    public init(parsing text: String) throws(ParseError) {
        var table = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = Self.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw ParseError(line: number, message: "a table header must look like [name] (arrays of tables are not supported)")
                }
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                let parts = name.split(separator: ".", omittingEmptySubsequences: false).map { Self.unquoteKey(String($0)) }
                guard !name.isEmpty, parts.allSatisfy({ !($0?.isEmpty ?? true) }) else {
                    throw ParseError(line: number, message: "'\(name)' is not a valid table name")
                }
                table = parts.compactMap { $0 }.joined(separator: ".")
                if tables[table] != nil && !(tables[table]?.isEmpty ?? true) {
                    throw ParseError(line: number, message: "the table [\(table)] is defined twice")
                }
                tables[table, default: [:]] = tables[table] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(line: number, message: "expected key = value")
            }
            let keyText = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard let key = Self.unquoteKey(keyText), !key.isEmpty else {
                throw ParseError(line: number, message: "'\(keyText)' is not a valid key")
            }
            let valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let value = try Self.parseValue(valueText, line: number)
            guard tables[table]?[key] == nil else {
                throw ParseError(line: number, message: "the key '\(key)' is set twice")
            }
            tables[table, default: [:]][key] = value
            lines[table.isEmpty ? key : table + "." + key] = number
        }
    }

    public subscript(table: String) -> [String: Value]? { tables[table] }

    static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    private static func unquoteKey(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") { return String(trimmed.dropFirst().dropLast()) }
        return isBareKey(trimmed) ? trimmed : nil
    }

    /// Drops a `#` comment that is not inside a string.
    private static func stripComment(_ line: String) -> String {
        var inBasic = false
        var inLiteral = false
        var escaped = false
        for (offset, character) in line.enumerated() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\" where inBasic: escaped = true
            case "\"" where !inLiteral: inBasic.toggle()
            case "'" where !inBasic: inLiteral.toggle()
            case "#" where !inBasic && !inLiteral: return String(line.prefix(offset))
            default: break
            }
        }
        return line
    }

    private static func parseValue(_ text: String, line: Int) throws(ParseError) -> Value {
        if text.isEmpty { throw ParseError(line: line, message: "a key needs a value after =") }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else {
                throw ParseError(line: line, message: "an array must close with ] on the same line")
            }
            var elements: [Value] = []
            for element in try splitArray(String(text.dropFirst().dropLast()), line: line) {
                let value = try parseValue(element, line: line)
                if case .array = value { throw ParseError(line: line, message: "arrays inside arrays are not supported") }
                elements.append(value)
            }
            return .array(elements)
        }
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\""), !text.hasSuffix("\\\"") || text.hasSuffix("\\\\\"") else {
                throw ParseError(line: line, message: "a string is not closed with \"")
            }
            return .string(try unescape(String(text.dropFirst().dropLast()), line: line))
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw ParseError(line: line, message: "a string is not closed with '") }
            return .string(String(text.dropFirst().dropLast()))
        }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        let digits = text.replacingOccurrences(of: "_", with: "")
        if let integer = Int(digits) { return .integer(integer) }
        if let float = Double(digits), digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .float(float) }
        throw ParseError(line: line, message: "'\(text)' is not a value: strings go in quotes, for example \"\(text)\"")
    }

    /// The elements of an array's inside, split at commas outside strings; a trailing comma is fine.
    private static func splitArray(_ inside: String, line: Int) throws(ParseError) -> [String] {
        var elements: [String] = []
        var current = ""
        var inBasic = false
        var inLiteral = false
        var escaped = false
        for character in inside {
            if escaped { escaped = false; current.append(character); continue }
            switch character {
            case "\\" where inBasic: escaped = true
            case "\"" where !inLiteral: inBasic.toggle()
            case "'" where !inBasic: inLiteral.toggle()
            case "," where !inBasic && !inLiteral:
                elements.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { elements.append(last) }
        if elements.contains(where: \.isEmpty) { throw ParseError(line: line, message: "an array has an empty element (two commas)") }
        return elements
    }

    private static func unescape(_ text: String, line: Int) throws(ParseError) -> String {
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else {
                if character == "\"" { throw ParseError(line: line, message: "a \" inside a string must be written \\\"") }
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "u":
                var hex = ""
                for _ in 0..<4 { if let h = iterator.next() { hex.append(h) } }
                guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw ParseError(line: line, message: "\\u must be followed by four hex digits")
                }
                result.unicodeScalars.append(scalar)
            case let other:
                throw ParseError(line: line, message: "unknown escape \\\(other.map(String.init) ?? "") in a string")
            }
        }
        return result
    }
}
