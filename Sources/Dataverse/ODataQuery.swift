import Foundation

/// The system query options of a collection request, rendered with the escaping the Web API expects.
public struct ODataQuery: Sendable, Equatable {
    public var select: [String]
    public var filter: String?
    public var orderBy: [(String, descending: Bool)]
    public var top: Int?
    public var count: Bool

    public init(
        select: [String] = [], filter: String? = nil, orderBy: [(String, descending: Bool)] = [],
        top: Int? = nil, count: Bool = false
    ) {
        self.select = select
        self.filter = filter
        self.orderBy = orderBy
        self.top = top
        self.count = count
    }

    public static func == (lhs: ODataQuery, rhs: ODataQuery) -> Bool {
        lhs.select == rhs.select && lhs.filter == rhs.filter && lhs.top == rhs.top && lhs.count == rhs.count
            && lhs.orderBy.map(\.0) == rhs.orderBy.map(\.0)
            && lhs.orderBy.map(\.descending) == rhs.orderBy.map(\.descending)
    }

    /// The query string, without the leading `?`, each value percent-encoded.
    public var queryString: String {
        var parts: [String] = []
        if !select.isEmpty { parts.append("$select=" + Self.encode(select.joined(separator: ","))) }
        if let filter, !filter.isEmpty { parts.append("$filter=" + Self.encodeFilter(filter)) }
        if !orderBy.isEmpty {
            let keys = orderBy.map { $0.descending ? "\($0.0) desc" : "\($0.0) asc" }
            parts.append("$orderby=" + Self.encode(keys.joined(separator: ",")))
        }
        if let top { parts.append("$top=\(top)") }
        if count { parts.append("$count=true") }
        return parts.joined(separator: "&")
    }

    /// Percent-encodes a query value: everything but unreserved characters and the few that OData
    /// keeps readable, so that `'`, `&`, `#`, `+` and non-ASCII text survive the trip.
    public static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~,()$'")
        allowed = allowed.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.remove(charactersIn: "'")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// Percent-encodes a `$filter` value as `encode` does, and also `$` and `,` where they stand
    /// inside a string literal: the Web API reads them there as syntax otherwise
    /// (segment-service.md, corrections).
    public static func encodeFilter(_ filter: String) -> String {
        var result = ""
        var insideLiteral = false
        var pending = ""
        func flush() {
            result += encode(pending)
            pending = ""
        }
        for character in filter {
            if character == "'" { insideLiteral.toggle() }
            if insideLiteral, character == "$" || character == "," {
                flush()
                result += character == "$" ? "%24" : "%2C"
            } else {
                pending.append(character)
            }
        }
        flush()
        return result
    }
}

/// Builds `$filter` expressions with literals escaped as OData requires.
public enum ODataFilter {
    /// A string literal: quoted, with `'` doubled.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `contains(property,'text')`, where `%`, `_` and `[` match literally: Dataverse reads them
    /// as wildcards in `contains`, `startswith` and `endswith`, and a literal one is written `[%]`,
    /// `[_]`, `[[]` (segment-service.md, corrections).
    public static func contains(_ property: String, _ text: String) -> String {
        "contains(\(property),\(literal(escapingWildcards(text))))"
    }

    /// The text with each wildcard character bracketed, so that it matches only itself.
    public static func escapingWildcards(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "%", "_", "[": escaped += "[\(character)]"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    public static func equals(_ property: String, _ value: Int) -> String {
        "\(property) eq \(value)"
    }

    public static func and(_ clauses: [String]) -> String? {
        let parts = clauses.filter { !$0.isEmpty }
        if parts.isEmpty { return nil }
        if parts.count == 1 { return parts[0] }
        return parts.map { "(\($0))" }.joined(separator: " and ")
    }
}
