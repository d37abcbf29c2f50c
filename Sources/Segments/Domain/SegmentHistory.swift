import Foundation

/// Who changed a segment, what and when, from the service's audit records, newest first.
public enum SegmentHistory: Sendable, Equatable {
    case entries([SegmentHistoryEntry])
    /// The organisation does not audit this table (or auditing is off); the reason says which.
    case notAudited(reason: String)
}

/// One audit record of a segment (journeys: of its segment or its definition record).
public struct SegmentHistoryEntry: Sendable, Equatable, Identifiable {
    public var id: String
    public var date: Date
    /// The user's name as the service rendered it, else their id.
    public var user: String?
    public var operation: HistoryOperation
    /// The changed columns with their old and new values; empty when the service kept none.
    public var changes: [HistoryFieldChange]

    public init(id: String, date: Date, user: String?, operation: HistoryOperation, changes: [HistoryFieldChange]) {
        self.id = id
        self.date = date
        self.user = user
        self.operation = operation
        self.changes = changes
    }
}

public enum HistoryOperation: Sendable, Equatable {
    case create, update, delete
    /// Any other audit action, with the service's label ("Publish", "Assign").
    case other(String)

    public var label: String {
        switch self {
        case .create: return "Create"
        case .update: return "Update"
        case .delete: return "Delete"
        case .other(let label): return label
        }
    }
}

/// One column's change: its label for people, its logical name, and the values as text.
public struct HistoryFieldChange: Sendable, Equatable {
    public var field: String
    public var column: String
    public var oldValue: String?
    public var newValue: String?

    public init(field: String, column: String, oldValue: String?, newValue: String?) {
        self.field = field
        self.column = column
        self.oldValue = oldValue
        self.newValue = newValue
    }
}
