import Dataverse
import Foundation

/// One record whose audit history is read, with the labels of its columns.
struct AuditedRecord {
    var entitySet: String
    var logicalName: String
    var id: String
    var labels: [String: String]
}

/// A record's audit details (Dataverse's `RetrieveRecordChangeHistory`, see `AuditWire`) in the
/// domain's words; both adapters read their history through it, each with its own column labels.
enum AuditHistory {
    /// The records' histories merged newest first; `.notAudited` only when every one is empty and
    /// the service says that the organisation, or the first table, is not audited.
    static func read(_ client: DataverseClient, records: [AuditedRecord]) throws(DataverseError) -> SegmentHistory {
        var entries: [SegmentHistoryEntry] = []
        for record in records {
            entries += self.entries(try client.recordChangeHistory(entitySet: record.entitySet, id: record.id), labels: record.labels)
        }
        if entries.isEmpty, let first = records.first {
            switch client.auditing(of: first.logicalName) {
            case .offForOrganization: return .notAudited(reason: "Auditing is turned off for this organisation")
            case .offForTable: return .notAudited(reason: "The organisation does not audit \(first.logicalName) records")
            case .audited, .unknown: break
            }
        }
        return .entries(newestFirst(entries))
    }

    static func entries(_ details: [AuditDetail], labels: [String: String]) -> [SegmentHistoryEntry] {
        details.map { detail in
            SegmentHistoryEntry(
                id: detail.id, date: detail.date ?? .distantPast, user: detail.userName ?? detail.userId,
                operation: operation(detail),
                changes: detail.changedColumns.map { column in
                    HistoryFieldChange(
                        field: labels[column] ?? column, column: column,
                        oldValue: detail.oldValues?.text(column), newValue: detail.newValues?.text(column))
                })
        }
    }

    /// Newest first; entries of the same moment keep the service's order (newest first [I]).
    static func newestFirst(_ entries: [SegmentHistoryEntry]) -> [SegmentHistoryEntry] {
        entries.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date > b.element.date : a.offset < b.offset
        }.map(\.element)
    }

    /// `action` says more than `operation` (Activate, Deactivate, Assign); both are [D] option sets.
    static func operation(_ detail: AuditDetail) -> HistoryOperation {
        switch detail.action ?? detail.operation {
        case 1: return .create
        case 2: return .update
        case 3: return .delete
        case let code?: return .other(detail.actionLabel ?? detail.operationLabel ?? "Action \(code)")
        case nil: return .other(detail.actionLabel ?? detail.operationLabel ?? "Change")
        }
    }
}
