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

/// A node of a parsed condition ($filter's or a segment query's) that may be an AND or an OR.
protocol BooleanChainNode {
    /// The operator and both sides when this node is an AND or an OR; nil for anything else.
    var junction: (isAnd: Bool, left: Self, right: Self)? { get }
}

extension SQLGroup {
    /// The operands, left to right, of the chain of one operator that `root` heads (a condition
    /// that is neither AND nor OR is a chain of one), walked without recursion: a chain of
    /// thousands parses left-deep. Compiled and joined flat, as `join` does, each operand costs
    /// SQLite one level, not one level per operand.
    static func chain<Node: BooleanChainNode>(_ root: Node) -> (isAnd: Bool, operands: [Node]) {
        let isAnd = root.junction?.isAnd ?? true
        var operands: [Node] = []
        var pending = [root]
        while let node = pending.popLast() {
            if let junction = node.junction, junction.isAnd == isAnd {
                pending += [junction.right, junction.left]
            } else {
                operands.append(node)
            }
        }
        return (isAnd, operands)
    }
}
