import Dataverse
import Foundation

/// `msdynmkt_staticlistmembers` (reference/journeys-segment-service.md §2.4 [D]): a string holding
/// a JSON array of at most ten groups `{"groupId","includeType","name","inputType"}`. It only
/// declares the groups; their members are changed by actions and kept in `jx_group_members`.
struct StaticGroup: Sendable, Equatable {
    var id: String
    var include: Bool
    var name: String
}

enum StaticGroups {
    static let maxGroups = 10
    /// IDs a group holds at most [D].
    static let maxMembers = 200_000

    /// The groups of a stored or sent value; empty for null or "". Refuses what the service would.
    static func parse(_ text: String?) throws(ServiceError) -> [StaticGroup] {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        guard let items = (try? JSONValue.parse(Data(text.utf8)))?.arrayValue else {
            throw .badRequest("\(DefinitionColumn.staticListMembers) must be a JSON array of groups, serialised in a string.")
        }
        guard items.count <= maxGroups else {
            throw .badRequest("A segment can have at most \(maxGroups) static member groups; \(items.count) were given.")
        }
        var groups: [StaticGroup] = []
        for (index, item) in items.enumerated() {
            guard let object = item.objectValue else { throw .badRequest("Group \(index + 1) of \(DefinitionColumn.staticListMembers) is not a JSON object.") }
            guard let raw = object["groupId"]?.stringValue, let id = GUID.normalize(raw) else {
                throw .badRequest("Group \(index + 1) needs a groupId that is a GUID.")
            }
            guard !groups.contains(where: { $0.id == id }) else {
                throw .badRequest("The groupId \(id) is used by two groups; each group needs its own.")
            }
            let includeType = object["includeType"]?.stringValue
            guard includeType == "Include" || includeType == "Exclude" else {
                throw .badRequest("The includeType of group \(id) must be \"Include\" or \"Exclude\", not \(includeType.map { "\"\($0)\"" } ?? "missing").")
            }
            if let input = object["inputType"], input.stringValue == nil {
                throw .badRequest("The inputType of group \(id) must be a string (\"manualSelect\").")
            }
            groups.append(StaticGroup(id: id, include: includeType == "Include", name: object["name"]?.stringValue ?? ""))
        }
        return groups
    }
}
