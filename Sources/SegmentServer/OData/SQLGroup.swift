/// Joins the operands of one `AND` or `OR` chain as SQLite can take them. Nested one by one, each
/// operand spent a level of its parser stack (which overflows at a few dozen); in one flat chain,
/// each spends a level of its expression tree (at most 1,000 deep, and a subquery counts twice).
/// Chunks of `width` keep both small: 500 conditions are 8 groups of 64, one level of parentheses.
enum SQLGroup {
    static let width = 64

    static func join(_ parts: [String], separator: String) -> String {
        guard parts.count > width else { return "(" + parts.joined(separator: separator) + ")" }
        let chunks = stride(from: 0, to: parts.count, by: width).map { start in
            "(" + parts[start..<min(start + width, parts.count)].joined(separator: separator) + ")"
        }
        return join(chunks, separator: separator)
    }
}
