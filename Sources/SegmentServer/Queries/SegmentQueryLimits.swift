/// How big a segment query may be, and how much one evaluation may expand. Without bounds a
/// 50 KB query of `||` overflowed the stack, a few levels of nesting overflowed SQLite's parser
/// (its stack holds about 30 levels of parentheses), and `SEGMENT()` references multiplied. A
/// query past a limit is refused with a 400 that names the limit; the journeys' queries share
/// the parser and compiler, so they inherit the same bounds.
enum SegmentQueryLimits {
    /// Characters in one query text (a stored query is at most 4,000; member fetches send theirs,
    /// and 500 conditions of long attribute names take about 60,000).
    static let maxLength = 100_000
    /// Comparisons and functions in one query, as Dataverse bounds a `$filter`.
    static let maxConditions = 500
    /// Parenthesised groups inside each other, in conditions and in set expressions alike.
    static let maxNesting = 12
    /// `PROFILE(...)` and `SEGMENT(...)` terms in one query.
    static let maxTerms = 100
    /// Distinct segments one evaluation reads, references of references included.
    static let maxReferencedSegments = 200

    static func exceeded(_ limit: String, position: Int) -> SegmentQueryError {
        SegmentQueryError(message: "The query is over the limit of \(limit)", position: position, isLimit: true)
    }
}
