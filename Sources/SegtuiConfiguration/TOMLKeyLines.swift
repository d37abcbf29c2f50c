/// The line each key and table header of a TOML text is on, by dotted name ("keys.list.quit",
/// "keys.list"). TOMLKit keeps no positions for values, and messages about a value that parses
/// but makes no sense must still name its line.
///
/// It reads text that TOMLKit has already accepted, so it only has to tell keys from what is
/// not a key: the inside of strings (multi-line ones too), comments, and the lines of an array or
/// inline table that goes on over several lines.
enum TOMLKeyLines {
    static func find(in text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var table: [String] = []
        var scanner = Scanner()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let startsOutside = scanner.isOutsideValues
            scanner.scan(Substring(line))
            guard startsOutside else { continue }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                let isArrayOfTables = trimmed.hasPrefix("[[")
                let name = trimmed.dropFirst(isArrayOfTables ? 2 : 1)
                guard let close = name.firstIndex(of: "]") else { continue }
                table = dottedParts(name[..<close])
                lines[table.joined(separator: ".")] = index + 1
            } else if let equals = keyEnd(trimmed) {
                var path = table
                for part in dottedParts(trimmed[..<equals]) {
                    path.append(part)
                    let key = path.joined(separator: ".")
                    if lines[key] == nil { lines[key] = index + 1 }
                }
            }
        }
        return lines
    }

    /// Where `key = ` ends: the first `=` outside quotes, when the line starts with a key.
    private static func keyEnd(_ line: Substring) -> Substring.Index? {
        guard let first = line.first, first != "#" else { return nil }
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            }
        }
        return nil
    }

    /// `a."b.c" . d` as ["a", "b.c", "d"].
    private static func dottedParts(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current)
                current = ""
            } else if character != " " && character != "\t" {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// Follows strings, comments and brackets from line to line, so that a line inside a
    /// multi-line string or array is never taken for a key.
    private struct Scanner {
        private var multiLineQuote: String?
        private var depth = 0

        var isOutsideValues: Bool { multiLineQuote == nil && depth == 0 }

        mutating func scan(_ line: Substring) {
            var rest = line
            while !rest.isEmpty {
                if let quote = multiLineQuote {
                    guard let end = Self.closing(quote, in: rest) else { return }
                    rest = rest[end...]
                    multiLineQuote = nil
                    continue
                }
                let character = rest.removeFirst()
                switch character {
                case "#": return
                case "[", "{": depth += 1
                case "]", "}": depth = max(0, depth - 1)
                case "\"", "'":
                    let triple = String(repeating: character, count: 3)
                    if rest.hasPrefix(String(repeating: character, count: 2)) {
                        rest = rest.dropFirst(2)
                        multiLineQuote = triple
                    } else if let end = Self.closing(String(character), in: rest) {
                        rest = rest[end...]
                    } else {
                        return
                    }
                default: break
                }
            }
        }

        /// Just after the quote that closes a string, skipping escaped quotes in basic strings.
        private static func closing(_ quote: String, in text: Substring) -> Substring.Index? {
            var index = text.startIndex
            while index < text.endIndex {
                if text[index] == "\\" && quote.hasPrefix("\"") {
                    index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
                    continue
                }
                if text[index...].hasPrefix(quote) {
                    var end = text.index(index, offsetBy: quote.count)
                    // A multi-line string may end with up to two quotes of its own before the closing three.
                    while quote.count == 3, end < text.endIndex, text[end] == quote.first { end = text.index(after: end) }
                    return end
                }
                index = text.index(after: index)
            }
            return nil
        }
    }
}
