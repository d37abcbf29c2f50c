/// A syntax error in config.toml in words for the person who wrote it. TOMLKit says where the
/// text stopped making sense; for the mistakes people make most in a settings file (a bare word
/// where a string belongs, an array left open, two commas) the line itself says more, so those
/// get a message that says what to write instead, and TOMLKit's words follow.
enum TOMLSyntaxHint {
    static func message(for parserMessage: String, line: Int, in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The end of the file is reported on a line past the last one.
        let line = min(line, lines.count)
        guard line >= 1, let hint = hint(forLine: lines[line - 1]) ?? openArray(in: lines, before: line) else {
            return parserMessage
        }
        return hint + " (TOML: \(parserMessage))"
    }

    /// The value of `key = value` on this line, when its mistake is one of the common ones.
    private static func hint(forLine line: Substring) -> String? {
        guard let equals = line.firstIndex(of: "="), !line.prefix(while: { $0 != "=" }).contains(where: { $0 == "\"" || $0 == "'" || $0 == "[" }) else {
            return nil
        }
        let value = withoutComment(line[line.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return "a key needs a value after =" }
        if value.hasPrefix("[") {
            if value.replacingOccurrences(of: " ", with: "").contains(",,") || value.replacingOccurrences(of: " ", with: "").hasPrefix("[,") {
                return "an array has an empty element (two commas)"
            }
            return nil
        }
        let isBareWord = value.first.map { $0.isLetter } == true && value.allSatisfy { $0.isLetter || $0.isNumber || "_-. ".contains($0) }
        if isBareWord, !["true", "false", "inf", "nan"].contains(value) {
            return "'\(value)' is not a value: strings go in quotes, for example \"\(value)\""
        }
        return nil
    }

    /// An array opened on an earlier line (or this one) and never closed: the parser only finds
    /// out where the next key or the end of the file is.
    private static func openArray(in lines: [Substring], before line: Int) -> String? {
        for index in stride(from: line - 1, through: 0, by: -1) {
            let text = withoutComment(lines[index])
            guard let equals = text.firstIndex(of: "=") else { continue }
            let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let opened = value.filter { $0 == "[" }.count
            let closed = lines[index...].prefix(line - index).map { withoutComment($0).filter { $0 == "]" }.count }.reduce(0, +)
            return value.hasPrefix("[") && opened > closed ? "an array must close with ]" : nil
        }
        return nil
    }

    /// The line without a `#` comment (a `#` inside quotes is kept).
    private static func withoutComment(_ line: Substring) -> String {
        var quote: Character?
        var result = ""
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break
            }
            result.append(character)
        }
        return result
    }
}
