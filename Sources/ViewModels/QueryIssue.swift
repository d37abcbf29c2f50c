import Foundation
import Segments

/// What the service said is wrong with a query, and where: its messages ("… at position 17")
/// name a character offset, which the editor and the form turn into the cursor's place and a
/// line and column the user can find.
public struct QueryIssue: Equatable, Sendable {
    public var text: String
    /// 0-based character offset into the query, when the service named one.
    public var position: Int?

    public init?(_ issues: [ValidationIssue], query: String? = nil) {
        guard !issues.isEmpty else { return nil }
        let message = issues.map(\.message).joined(separator: "; ")
        position = issues.compactMap(\.position).first ?? issues.lazy.compactMap { Self.position(in: $0.message) }.first
        text = message
        if let position, let query, query.contains("\n") {
            // Line and column as an editor counts them, for a query of many lines (one line has
            // the caret under it).
            let before = query.prefix(position)
            let line = before.filter { $0 == "\n" }.count + 1
            let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            text += " (line \(line), column \(column))"
        }
    }

    /// The first "position N", "column N", "offset N" or "character N" in a message. Services
    /// count from 1 in words ("position 1" is the first character), so the offset is N − 1.
    static func position(in message: String) -> Int? {
        let pattern = #"(?i)\b(?:position|offset|column|char(?:acter)?)\s*:?\s*(\d+)"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)),
              let range = Range(match.range(at: 1), in: message), let number = Int(message[range]) else { return nil }
        return max(0, number - 1)
    }
}

/// Refresh settings as the editor's one-line field holds them: minutes, or "off".
public enum RefreshText {
    public static func format(_ refresh: RefreshSettings?) -> String {
        switch refresh {
        case .off: return "off"
        case .every(let minutes): return String(minutes)
        case nil: return ""
        }
    }

    /// Nil when the text is neither "off" nor a whole number of minutes from 1.
    public static func parse(_ text: String) -> RefreshSettings? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "off" || trimmed == "never" { return .off }
        guard let minutes = Int(trimmed), minutes >= 1 else { return nil }
        return .every(minutes: minutes)
    }
}
