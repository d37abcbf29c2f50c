import Foundation

/// Finds the one segment a user means by an id or a name, for commands that take `ID|NAME`.
public enum SegmentResolver {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notFound(String, suggestions: [Segment])
        case ambiguous(String, candidates: [Segment])

        public var description: String {
            switch self {
            case .notFound(let text, let suggestions):
                var message = "No segment is named or has the id '\(text)'."
                if !suggestions.isEmpty {
                    message += " Did you mean:\n" + suggestions.map { "  \($0.id)  \($0.name)" }.joined(separator: "\n")
                }
                return message
            case .ambiguous(let text, let candidates):
                return "\(candidates.count) segments are named '\(text)'; give the id of one:\n"
                    + candidates.map { "  \($0.id)  \($0.name)  (\($0.status.label))" }.joined(separator: "\n")
            }
        }
    }

    public static func isGUID(_ text: String) -> Bool {
        UUID(uuidString: text.trimmingCharacters(in: CharacterSet(charactersIn: "{}"))) != nil
    }

    /// The segment `text` names: by id when it is a GUID, else by exact name (case-insensitive).
    public static func resolve(_ text: String, in service: any SegmentService) throws -> Segment {
        if isGUID(text) {
            let id = text.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).lowercased()
            do throws(SegmentServiceError) {
                return try service.segment(id: id)
            } catch where error.isNotFound {
                throw Failure.notFound(text, suggestions: [])
            }
        }
        let exact = try service.firstPage(SegmentListQuery(nameEquals: text, sortKey: .name, descending: false, pageSize: 20)).segments
        if exact.count == 1 { return try service.segment(id: exact[0].id) }
        if exact.count > 1 { throw Failure.ambiguous(text, candidates: exact) }
        let near = try service.firstPage(SegmentListQuery(nameContains: text, sortKey: .name, descending: false, pageSize: 5)).segments
        throw Failure.notFound(text, suggestions: near)
    }
}
