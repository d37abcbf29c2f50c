import Dataverse
import Foundation

/// The stable shapes segments take in scripts' output: JSON objects with fixed keys, CSV rows
/// with a fixed header. Changing a key here breaks someone's script: add, never rename.
public enum SegmentExport {
    public static let csvHeader = ["id", "name", "type", "status", "members", "modifiedOn"]

    public static func json(_ segment: Segment, memberIds: [String]? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(segment.id),
            "name": .string(segment.name),
            "type": .string(segment.type.label),
            "typeCode": segment.type.outboundCode.map { .number(Double($0)) } ?? .null,
            "status": .string(segment.status.label),
            "statusCode": segment.status.outboundCode.map { .number(Double($0)) } ?? .null,
            "members": segment.size.map { .number(Double($0)) } ?? .null,
            "description": segment.description.map(JSONValue.string) ?? .null,
            "query": segment.query.map(JSONValue.string) ?? .null,
            "queryName": segment.queryName.map(JSONValue.string) ?? .null,
            "modifiedOn": segment.modifiedOn.map { .string(ODataDate.format($0)) } ?? .null,
            "createdOn": segment.createdOn.map { .string(ODataDate.format($0)) } ?? .null,
            "etag": segment.etag.map(JSONValue.string) ?? .null,
        ]
        if let memberIds { object["memberIds"] = .array(memberIds.map(JSONValue.string)) }
        return .object(object)
    }

    public static func csvRow(_ segment: Segment) -> String {
        let fields = [
            segment.id, segment.name, segment.type.label, segment.status.label,
            segment.size.map(String.init) ?? "", segment.modifiedOn.map(ODataDate.format) ?? "",
        ]
        return fields.map(csvField).joined(separator: ",")
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. A leading
    /// `=`, `+`, `-` or `@` is prefixed with `'` so that spreadsheets do not run it as a formula.
    public static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
