import ArgumentParser
import Logging
import Segments

/// `--status`: every status either API has. Help lists the words (`live-with-warnings`); the
/// forms people also type (`"Live with warnings"`, `LiveWithWarnings`) mean the same.
enum StatusArgument: String, CaseIterable, ExpressibleByArgument {
    case draft, goingLive = "going-live", live, liveWithWarnings = "live-with-warnings", liveEditable = "live-editable"
    case stopping, stopped, expired, error

    init?(argument: String) {
        let key = Self.letters(argument)
        guard let match = Self.allCases.first(where: { Self.letters($0.rawValue) == key || Self.letters($0.status.label) == key }) else {
            return nil
        }
        self = match
    }

    var status: SegmentStatus {
        switch self {
        case .draft: return .draft
        case .goingLive: return .goingLive
        case .live: return .live
        case .liveWithWarnings: return .liveWithWarnings
        case .liveEditable: return .liveEditable
        case .stopping: return .stopping
        case .stopped: return .stopped
        case .expired: return .expired
        case .error: return .error
        }
    }

    private static func letters(_ text: String) -> String { text.lowercased().filter(\.isLetter) }
}

/// `--type`: the kinds a segment can be created as or listed by; the label ("Static and
/// dynamic") is read as well as the word.
enum TypeArgument: String, CaseIterable, ExpressibleByArgument {
    case dynamic, `static`, mixed, compound

    init?(argument: String) {
        let text = argument.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue == text || $0.kind.label.lowercased() == text }) else { return nil }
        self = match
    }

    var kind: SegmentKind {
        switch self {
        case .dynamic: return .dynamic
        case .static: return .static
        case .mixed: return .mixed
        case .compound: return .compound
        }
    }
}

/// How `list` prints segments: `--table` (the default), `--json` or `--csv`, one of them.
enum OutputFormat: String, EnumerableFlag {
    case table, json, csv

    static func help(for value: OutputFormat) -> ArgumentHelp? {
        switch value {
        case .table: return "Aligned columns for people (the default)."
        case .json: return "One JSON object a line."
        case .csv: return "CSV with a header line."
        }
    }
}

/// How `show` and `members list` print: `--text` (the default) or `--json`.
enum TextOrJSON: String, EnumerableFlag {
    case text, json

    static func help(for value: TextOrJSON) -> ArgumentHelp? {
        value == .text ? "Lines for people (the default)." : "JSON: one object a line."
    }
}

/// `--log-level trace|debug|info|notice|warning|error|critical`, swift-log's own levels.
extension Logger.Level: @retroactive ExpressibleByArgument {}
