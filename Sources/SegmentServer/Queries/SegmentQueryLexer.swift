/// A problem in a segment query, with the character position (from 0) where it was found.
struct SegmentQueryError: Error, Sendable, Equatable {
    var message: String
    var position: Int
    /// Past one of `SegmentQueryLimits`, rather than a mistake in the query's wording.
    var isLimit = false

    var description: String { "\(message) at position \(position)" }
}

/// Tokens of the segment query language:
/// `PROFILE(contact, c).FILTER(CONTAINS(c.emailaddress1, 'x') && c.jobtitle != null)`,
/// `SEGMENT(a) UNION SEGMENT(b)`, and the `.ORDERBY(...).SKIP(n).TAKE(m)` of member fetches.
enum SegmentQueryToken: Equatable {
    case word(String)
    case string(String)
    case number(Double)
    case symbol(String)  // ( ) , . == != > >= < <= && || !
    case end
}

struct SegmentQueryLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func tokenize(_ text: String) throws(SegmentQueryError) -> [(SegmentQueryToken, Int)] {
        var lexer = SegmentQueryLexer(text)
        var tokens: [(SegmentQueryToken, Int)] = []
        while true {
            let (token, position) = try lexer.next()
            tokens.append((token, position))
            if token == .end { return tokens }
        }
    }

    private mutating func next() throws(SegmentQueryError) -> (SegmentQueryToken, Int) {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
        let start = index
        guard index < scalars.count else { return (.end, start) }
        let c = scalars[index]
        if c == "'" || c == "\"" { return (.string(try quoted(c)), start) }
        if c.properties.isAlphabetic || c == "_" {
            while index < scalars.count, scalars[index].properties.isAlphabetic || scalars[index] == "_"
                || ("0"..."9").contains(scalars[index])
            {
                index += 1
            }
            return (.word(String(String.UnicodeScalarView(scalars[start..<index]))), start)
        }
        if ("0"..."9").contains(c) || (c == "-" && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])) {
            index += 1
            while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." { index += 1 }
            let text = String(String.UnicodeScalarView(scalars[start..<index]))
            guard let value = Double(text) else { throw SegmentQueryError(message: "Invalid number '\(text)'", position: start) }
            return (.number(value), start)
        }
        let two = index + 1 < scalars.count ? String(c) + String(scalars[index + 1]) : ""
        if ["==", "!=", ">=", "<=", "&&", "||"].contains(two) {
            index += 2
            return (.symbol(two), start)
        }
        if "(),.<>!=".unicodeScalars.contains(c) {
            index += 1
            // A single '=' is accepted as '==': people type it, and it cannot mean anything else here.
            return (.symbol(c == "=" ? "==" : String(c)), start)
        }
        throw SegmentQueryError(message: "Unexpected character '\(c)'", position: start)
    }

    /// A literal in single (or double) quotes; the quote is doubled or backslash-escaped inside.
    private mutating func quoted(_ quote: Unicode.Scalar) throws(SegmentQueryError) -> String {
        let start = index
        index += 1
        var text = String.UnicodeScalarView()
        while index < scalars.count {
            let c = scalars[index]
            if c == "\\", index + 1 < scalars.count {
                text.append(scalars[index + 1])
                index += 2
                continue
            }
            if c == quote {
                if index + 1 < scalars.count, scalars[index + 1] == quote {
                    text.append(quote)
                    index += 2
                    continue
                }
                index += 1
                return String(text)
            }
            text.append(c)
            index += 1
        }
        throw SegmentQueryError(message: "Unterminated string", position: start)
    }
}
