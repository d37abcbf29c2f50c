struct FilterToken {
    enum Kind: Equatable {
        case identifier(String)
        case string(String)
        case number(Double)
        case guid(String)
        case date(Int64)
        case open, close, comma, end
    }

    var kind: Kind
    var position: Int
    var text: String
}

/// Splits `$filter` text into tokens. GUIDs and dates are unquoted in OData, so they are
/// recognised by shape before numbers.
struct FilterLexer {
    private let chars: [Character]
    private var index = 0

    static func tokenize(_ text: String) throws(ServiceError) -> [FilterToken] {
        var lexer = FilterLexer(chars: Array(text))
        var tokens: [FilterToken] = []
        while true {
            let token = try lexer.next(in: text)
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private init(chars: [Character]) {
        self.chars = chars
    }

    private func matches(_ pattern: String, at start: Int) -> Bool {
        let shape = Array(pattern)
        guard start + shape.count <= chars.count else { return false }
        for (offset, expected) in shape.enumerated() {
            let c = chars[start + offset]
            switch expected {
            case "h": if !c.isHexDigit { return false }
            case "d": if !(c.isASCII && c.isNumber) { return false }
            default: if c != expected { return false }
            }
        }
        return true
    }

    private mutating func next(in text: String) throws(ServiceError) -> FilterToken {
        while index < chars.count, chars[index].isWhitespace { index += 1 }
        let start = index
        func token(_ kind: FilterToken.Kind) -> FilterToken {
            FilterToken(kind: kind, position: start, text: String(chars[start..<index]))
        }
        guard index < chars.count else { return FilterToken(kind: .end, position: start, text: "") }
        let c = chars[index]
        switch c {
        case "(": index += 1; return token(.open)
        case ")": index += 1; return token(.close)
        case ",": index += 1; return token(.comma)
        case "'":
            index += 1
            var value = ""
            while index < chars.count {
                if chars[index] == "'" {
                    if index + 1 < chars.count, chars[index + 1] == "'" {
                        value.append("'")
                        index += 2
                        continue
                    }
                    index += 1
                    return token(.string(value))
                }
                value.append(chars[index])
                index += 1
            }
            throw .badRequest("Syntax error at position \(start) in '\(text)': the string literal is not closed.")
        default: break
        }
        if matches("hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh", at: index) {
            index += 36
            return token(.guid(String(chars[start..<index]).lowercased()))
        }
        if matches("dddd-dd-dd", at: index) {
            index += 10
            while index < chars.count, chars[index].isNumber || "T:.Z+-".contains(chars[index]) { index += 1 }
            let literal = String(chars[start..<index])
            guard let seconds = Timestamp.parse(literal) else {
                throw .badRequest("Syntax error at position \(start) in '\(text)': '\(literal)' is not a valid date.")
            }
            return token(.date(seconds))
        }
        if c.isNumber || (c == "-" && index + 1 < chars.count && chars[index + 1].isNumber) {
            index += 1
            while index < chars.count, chars[index].isNumber || chars[index] == "." { index += 1 }
            let literal = String(chars[start..<index])
            guard let value = Double(literal) else {
                throw .badRequest("Syntax error at position \(start) in '\(text)': '\(literal)' is not a valid number.")
            }
            return token(.number(value))
        }
        if c.isLetter || c == "_" {
            while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" || chars[index] == "."
            {
                index += 1
            }
            return token(.identifier(String(chars[start..<index])))
        }
        throw .badRequest("Syntax error at position \(start) in '\(text)': unexpected character '\(c)'.")
    }
}
