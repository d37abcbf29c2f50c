import Foundation

/// One entity record as the Web API sent it: columns, their formatted-value labels, the ETag.
public struct ODataRecord: Sendable, Equatable {
    public static let formattedSuffix = "@OData.Community.Display.V1.FormattedValue"

    public let fields: [String: JSONValue]

    public init(_ fields: [String: JSONValue]) {
        self.fields = fields
    }

    public subscript(name: String) -> JSONValue? { fields[name] }

    public func string(_ name: String) -> String? { fields[name]?.stringValue }

    public func int(_ name: String) -> Int? { fields[name]?.intValue }

    /// The label the service sent for `name` (an option set, lookup, number or date), if any.
    public func formatted(_ name: String) -> String? { fields[name + Self.formattedSuffix]?.stringValue }

    public var etag: String? { fields["@odata.etag"]?.stringValue }

    /// A date column, in the ISO 8601 forms Dataverse sends (with or without fractional seconds).
    public func date(_ name: String) -> Date? {
        guard let text = string(name) else { return nil }
        return ODataDate.parse(text)
    }
}

/// Dataverse's dates: `2026-01-15T11:54:16Z`, sometimes with fractional seconds or an offset.
///
/// Read and written with `Date.ISO8601FormatStyle`, Sendable values made once, not with
/// `ISO8601DateFormatter`: on Linux each of those builds an ICU date formatter, and one made per
/// date cost most of the list's first paint (a page of 50 segments carries about 300 dates).
public enum ODataDate {
    private static let plain = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func parse(_ text: String) -> Date? {
        if let date = try? plain.parse(text) { return date }
        return try? fractional.parse(text)
    }

    public static func format(_ date: Date) -> String {
        plain.format(date)
    }
}
