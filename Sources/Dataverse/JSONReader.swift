import Foundation

/// Reads JSON text (RFC 8259) into a `JSONValue` in one pass over the bytes.
///
/// Why not `JSONDecoder`: a schema-less value can only be decoded through `Decodable` by trying
/// each type in turn, and every wrong guess throws a `DecodingError` (two for each string, four
/// for each array, five for each object). On Linux a throw with its coding path costs
/// microseconds, so a 5,000-id `msdynmkt_ListGroupMembers` reply took over ten milliseconds to
/// read and a list page of 50 records a few: time the client spends before it paints and the
/// service spends on every request body.
///
/// It reads what `JSONDecoder` read before it, and refuses what it refused: one value, then only
/// white space; no leading zeros, unescaped control characters, bad escapes, lone surrogates or
/// invalid UTF-8; numbers that do not fit a Double are refused. Like `JSONDecoder`, it lets a
/// trailing comma close an array or object, keeps the first of a repeated key, and skips a UTF-8
/// byte order mark. Nesting stops at `maxDepth`, so that a hostile body cannot exhaust the stack.
struct JSONReader {
    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    private var depth = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The value `data` holds, or nil when it is not exactly one JSON value.
    static func read(_ data: Data) -> JSONValue? {
        data.withUnsafeBytes { raw in
            var reader = JSONReader(bytes: raw.bindMemory(to: UInt8.self))
            if reader.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.at = 3 }
            guard let value = reader.value() else { return nil }
            reader.skipSpace()
            return reader.at == reader.bytes.count ? value : nil
        }
    }

    private var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    private mutating func value() -> JSONValue? {
        skipSpace()
        switch current {
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case nil: return nil
        default: return number()
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - at >= count else { return nil }
        for offset in 0..<count where bytes[at + offset] != word.utf8Start[offset] { return nil }
        at += count
        return value
    }

    private mutating func object() -> JSONValue? {
        guard depth < Self.maxDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        at += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if current == UInt8(ascii: "}") {
            at += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard current == UInt8(ascii: ":") else { return nil }
            at += 1
            guard let member = value() else { return nil }
            if members[key] == nil { members[key] = member }
            skipSpace()
            switch current {
            case UInt8(ascii: ","):
                at += 1
                skipSpace()
                if current == UInt8(ascii: "}") {
                    at += 1
                    return .object(members)
                }
            case UInt8(ascii: "}"):
                at += 1
                return .object(members)
            default: return nil
            }
        }
    }

    private mutating func array() -> JSONValue? {
        guard depth < Self.maxDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        at += 1
        var items: [JSONValue] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            at += 1
            return .array(items)
        }
        while true {
            guard let item = value() else { return nil }
            items.append(item)
            skipSpace()
            switch current {
            case UInt8(ascii: ","):
                at += 1
                skipSpace()
                if current == UInt8(ascii: "]") {
                    at += 1
                    return .array(items)
                }
            case UInt8(ascii: "]"):
                at += 1
                return .array(items)
            default: return nil
            }
        }
    }

    /// A string from its opening quote; most have no escape and are taken as one slice.
    private mutating func string() -> String? {
        at += 1
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            at += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var out = Array(bytes[start..<at])
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            switch byte {
            case UInt8(ascii: "\""): return String(validating: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = current else { return nil }
                at += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            case 0..<0x20: return nil
            default: out.append(byte)
            }
        }
        return nil
    }

    /// After `\u`: four hex digits, and for a high surrogate the `\u` of its low one.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let first = hex4() else { return nil }
        switch first {
        case 0xD800..<0xDC00:
            guard bytes.count - at >= 2, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else { return nil }
            at += 2
            guard let second = hex4(), (0xDC00..<0xE000).contains(second) else { return nil }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        case 0xDC00..<0xE000: return nil
        default: return Unicode.Scalar(first)
        }
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - at >= 4 else { return nil }
        var result: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[at]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            result = result << 4 | UInt32(digit)
            at += 1
        }
        return result
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; small integers without a string.
    private mutating func number() -> JSONValue? {
        let start = at
        if current == UInt8(ascii: "-") { at += 1 }
        guard let lead = current, isDigit(lead) else { return nil }
        if lead == UInt8(ascii: "0") {
            at += 1
        } else {
            skipDigits()
        }
        var integral = true
        if current == UInt8(ascii: ".") {
            integral = false
            at += 1
            guard let digit = current, isDigit(digit) else { return nil }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            at += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { at += 1 }
            guard let digit = current, isDigit(digit) else { return nil }
            skipDigits()
        }
        let negative = bytes[start] == UInt8(ascii: "-")
        let digits = at - start - (negative ? 1 : 0)
        if integral && digits <= 15 {
            var magnitude = 0
            for index in (negative ? start + 1 : start)..<at { magnitude = magnitude * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
            return .number(Double(negative ? -magnitude : magnitude))
        }
        guard let number = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)), number.isFinite
        else { return nil }
        return .number(number)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { at += 1 }
    }
}
