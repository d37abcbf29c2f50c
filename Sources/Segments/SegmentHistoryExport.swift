import Dataverse
import Foundation

/// The history in one JSON shape for `segtui history --json`: absent values are left out, never
/// null, as `SegmentExport.json` does.
/// `{"id", "name", "audited": Bool, "reason"?, "entries": [{"id", "date", "user"?, "operation",
///   "changes": [{"field", "column", "old"?, "new"?}]}]}`
public enum SegmentHistoryExport {
    public static func json(_ history: SegmentHistory, of segment: Segment) -> JSONValue {
        var object: [String: JSONValue] = ["id": .string(segment.id), "name": .string(segment.name)]
        switch history {
        case .notAudited(let reason):
            object["audited"] = .bool(false)
            object["reason"] = .string(reason)
            object["entries"] = .array([])
        case .entries(let entries):
            object["audited"] = .bool(true)
            object["entries"] = .array(entries.map(json))
        }
        return .object(object)
    }

    static func json(_ entry: SegmentHistoryEntry) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(entry.id), "date": .string(ODataDate.format(entry.date)), "operation": .string(entry.operation.label),
        ]
        if let user = entry.user { object["user"] = .string(user) }
        object["changes"] = .array(entry.changes.map { change in
            var item: [String: JSONValue] = ["field": .string(change.field), "column": .string(change.column)]
            if let old = change.oldValue { item["old"] = .string(old) }
            if let new = change.newValue { item["new"] = .string(new) }
            return .object(item)
        })
        return .object(object)
    }

    /// The lines people read: each entry's date, user and operation, then one indented line a
    /// changed column, `Field: old -> new` (an empty side shows as "—"). Not yet sanitised.
    public static func lines(_ history: SegmentHistory) -> [String] {
        switch history {
        case .notAudited(let reason):
            return ["No history: \(reason)."]
        case .entries(let entries) where entries.isEmpty:
            return ["No changes recorded."]
        case .entries(let entries):
            return entries.flatMap { entry in
                ["\(ODataDate.format(entry.date))  \(entry.user ?? "—")  \(entry.operation.label)"]
                    + entry.changes.map { "    \($0.field): \($0.oldValue ?? "—") -> \($0.newValue ?? "—")" }
            }
        }
    }
}
