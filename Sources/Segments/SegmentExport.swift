import Dataverse
import Foundation

/// The stable shapes segments take in scripts' output: JSON objects with fixed keys, CSV rows
/// with a fixed header. Changing a key here breaks someone's script: add, never rename.
public enum SegmentExport {
    public static let csvHeader = ["id", "name", "type", "status", "members", "modifiedOn"]

    /// One rule for every key: present exactly when the service has a value for it, absent (never
    /// `null`) when it has none. `id`, `name`, `type` and `status` are always present. `list`,
    /// `show`, `export` and the list's `Y` all print this shape.
    public static func json(_ segment: Segment, memberIds: [String]? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(segment.id),
            "name": .string(segment.name),
            "type": .string(segment.type.label),
            "status": .string(segment.status.label),
        ]
        let optional: [String: JSONValue?] = [
            // The outbound API's option-set codes; a journeys segment has none.
            "typeCode": segment.api == .outbound ? segment.type.outboundCode.map { .number(Double($0)) } : nil,
            "statusCode": segment.api == .outbound ? segment.status.outboundCode.map { .number(Double($0)) } : nil,
            "members": segment.size.map { .number(Double($0)) },
            "description": segment.description.map(JSONValue.string),
            "query": segment.query.map(JSONValue.string),
            "queryName": segment.queryName.map(JSONValue.string),
            "modifiedOn": segment.modifiedOn.map { .string(ODataDate.format($0)) },
            "createdOn": segment.createdOn.map { .string(ODataDate.format($0)) },
            "etag": segment.etag.map(JSONValue.string),
        ]
        for case let (key, value?) in optional { object[key] = value }
        // Both APIs: which one (always), and the static groups when it has any (outbound's one list
        // is one Include group).
        object["api"] = .string(segment.api.rawValue)
        if !segment.groups.isEmpty {
            object["groups"] = .array(segment.groups.map { group in
                var item: [String: JSONValue] = ["id": .string(group.id), "name": .string(group.name), "role": .string(group.role.rawValue)]
                if let size = group.size { item["size"] = .number(Double(size)) }
                return .object(item)
            })
        }
        // How many journeys use it (the service's count, or the journeys it named), and their names.
        let named = segment.usage.journeys.count
        if let counted = segment.usage.journeyCount.map({ max($0, named) }) ?? (named > 0 ? named : nil) {
            object["journeys"] = .number(Double(counted))
        }
        if named > 0 { object["journeyNames"] = .array(segment.usage.journeys.map { .string($0.label) }) }
        if let memberIds { object["memberIds"] = .array(memberIds.map(JSONValue.string)) }
        return .object(object)
    }

    /// The fields of a segment's CSV row, in `csvHeader` order, before quoting.
    public static func csvFields(_ segment: Segment) -> [String] {
        [segment.id, segment.name, segment.type.label, segment.status.label,
         segment.size.map(String.init) ?? "", segment.modifiedOn.map(ODataDate.format) ?? ""]
    }

    public static func csvRow(_ segment: Segment) -> String {
        csvRow(fields: csvFields(segment))
    }

    public static func csvRow(fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",")
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. A leading
    /// `=`, `+`, `-`, `@`, TAB or CR is prefixed with `'` so that spreadsheets do not run it as a
    /// formula (OWASP's list: a TAB or CR before `=` still starts one in some of them).
    public static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard value.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
