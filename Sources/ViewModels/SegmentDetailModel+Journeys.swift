import Foundation
import Segments

/// The detail of a journeys segment when the adapter gave no labelled list of its own (the
/// in-memory service): both records' columns in domain words.
extension SegmentDetailModel {
    nonisolated static func journeysFields(of s: Segment) -> [DetailField] {
        typealias A = SegmentField
        func text(_ value: String?) -> String { (value?.isEmpty == false) ? value! : "—" }
        func date(_ value: Date?) -> String { text(value.map(SegmentDate.format)) }
        var result = [
            DetailField(label: "Name", value: text(s.name)),
            DetailField(label: "Kind", value: text(s.label(A.type))),
            DetailField(label: "Status", value: text(s.label(A.status))),
        ]
        result += [
            DetailField(label: "Members", value: text(s.label(A.size))),
            DetailField(label: "Base table", value: s.baseEntity.logicalName),
            DetailField(label: "Description", value: text(s.description), wraps: true),
        ]
        if s.type.hasQuery || s.query?.isEmpty == false {
            result.append(DetailField(label: "Query", value: text(s.query), wraps: true))
        }
        if s.type.hasStaticMembers || !s.groups.isEmpty {
            result.append(DetailField(label: groupsLabel, value: groupsText(s.groups), wraps: true))
        }
        result += [
            DetailField(label: "Refresh", value: text(s.refresh?.label)),
            DetailField(label: "Refresh off", value: s.refresh.map { $0 == .off ? "Yes" : "No" } ?? "—"),
            DetailField(label: "Computation", value: text(s.computation?.state.label)),
            DetailField(label: "Computed from", value: date(s.computation?.startedOn)),
            DetailField(label: "Computed until", value: date(s.computation?.finishedOn)),
            DetailField(label: "Journeys using it", value: journeysText(s.usage), wraps: true),
            DetailField(label: "Used by segments", value: text(s.usage.dependentSegments.map(\.label).joined(separator: ", ")),
                        wraps: true),
            DetailField(label: "Created on", value: text(s.label(A.createdOn))),
            DetailField(label: "Modified on", value: text(s.label(A.modifiedOn))),
            DetailField(label: "Owner", value: text(s.label(A.owner) ?? s.owner)),
            DetailField(label: "Segment id", value: s.id, wraps: true),
            DetailField(label: "Definition id", value: text(s.definitionId), wraps: true),
        ]
        return result
    }

    nonisolated static let groupsLabel = MemberGroup.summaryLabel

    /// "Include VIPs: 12" a line; "—" when there is none.
    nonisolated static func groupsText(_ groups: [MemberGroup]) -> String { MemberGroup.summary(of: groups) }

    /// The journeys by name, or their count when the service only counted them.
    nonisolated static func journeysText(_ usage: SegmentUsage) -> String {
        let names = usage.journeys.map(\.label)
        if !names.isEmpty {
            let more = (usage.journeyCount ?? 0) - names.count
            return names.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
        }
        if let count = usage.journeyCount { return count == 0 ? "None" : "\(count)" }
        return "—"
    }
}
