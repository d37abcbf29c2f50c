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

public enum ODataDate {
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
