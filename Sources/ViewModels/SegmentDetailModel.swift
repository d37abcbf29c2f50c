import Foundation
import Segments

/// The detail of the selected segment: shown at once from the list's row, then completed with
/// every column from the service.
@MainActor
public final class SegmentDetailModel {
    public private(set) var segment: Segment?
    public private(set) var isLoading = false
    public private(set) var lastError: SegmentServiceError?
    /// First field line in view (the pane scrolls long queries).
    public private(set) var scrollOffset = 0

    /// Where a group count stops and says "≥" instead (see `GroupCount`).
    public var groupCountBound = GroupCount.defaultBound

    private var generation = 0
    private let service: any SegmentService
    private let work: BackgroundWork
    public var onChange: (@MainActor () -> Void)?
    /// Called with the complete segment when it arrives, so the list can refresh its row.
    public var onLoaded: (@MainActor (Segment) -> Void)?

    public init(service: any SegmentService, work: BackgroundWork) {
        self.service = service
        self.work = work
    }

    public func show(_ summary: Segment) {
        generation += 1
        let expected = generation
        segment = summary
        scrollOffset = 0
        isLoading = true
        lastError = nil
        onChange?()
        let id = summary.id
        work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id) }) { [weak self] result in
            guard let self, expected == self.generation else { return }
            self.isLoading = false
            switch result {
            case .success(let full):
                self.segment = full
                self.onLoaded?(full)
            case .failure(let error):
                self.lastError = error
            }
            self.onChange?()
            if case .success(let full) = result { self.countGroups(of: full, generation: expected) }
        }
    }

    /// Groups whose size the service did not give (journeys never does) are counted after the
    /// detail has painted, in one background read of ids only, each count stopping at
    /// `groupCountBound`. "?" shows until then; a failed count leaves it.
    private func countGroups(of full: Segment, generation expected: Int) {
        guard full.groups.contains(where: { $0.size == nil }) else { return }
        let bound = groupCountBound
        work.run({ [service] () throws(SegmentServiceError) in try service.groupsWithSizes(of: full, upTo: bound) }) { [weak self] result in
            guard let self, expected == self.generation, case .success(let counted) = result, var shown = self.segment else { return }
            let byId = Dictionary(counted.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            shown.groups = shown.groups.map { group in group.size == nil ? byId[group.id] ?? group : group }
            self.segment = shown
            self.onChange?()
        }
    }

    /// Shows a fresher copy of the same segment that arrived by other means (a poll, a save).
    public func replace(_ fresh: Segment) {
        guard fresh.id == segment?.id else { return }
        segment = fresh
        onChange?()
    }

    /// Forgets the segment and drops any reply still on its way.
    public func clear() {
        generation += 1
        segment = nil
        isLoading = false
        lastError = nil
        onChange?()
    }

    public func scroll(by delta: Int) {
        let limit = max(0, fields.count - 1)
        let next = min(max(0, scrollOffset + delta), limit)
        guard next != scrollOffset else { return }
        scrollOffset = next
        onChange?()
    }

    /// Every column, labelled, in a fixed order; absent values read "—".
    public var fields: [DetailField] { segment.map(Self.fields(of:)) ?? [] }

    /// The labelled columns of `s`, as the detail and `segtui show` print them: the adapter's
    /// list of the record's columns when it gave one, else the domain's own fields.
    public nonisolated static func fields(of s: Segment) -> [DetailField] {
        let own = s.api == .journeys ? journeysFields(of: s) : domainFields(of: s)
        var result = s.detailFields.isEmpty ? own : s.detailFields
        if let index = result.firstIndex(where: { $0.label == groupsLabel }) {
            // Counted after the adapter wrote its list: the groups themselves say the sizes.
            result[index].value = groupsText(s.groups)
        }
        if s.status == .error {
            // Right under the status it explains (issue 12, bug 3).
            let reason = DetailField(label: "Error", value: s.errorReason ?? "no reason given by the service", wraps: true)
            result.insert(reason, at: (result.firstIndex { $0.label == "Status" } ?? -1) + 1)
        }
        return result
    }

    private nonisolated static func domainFields(of s: Segment) -> [DetailField] {
        typealias A = SegmentField
        func text(_ value: String?) -> String { (value?.isEmpty == false) ? value! : "—" }
        var result = [
            DetailField(label: "Name", value: text(s.name)),
            DetailField(label: "Type", value: text(s.label(A.type))),
            DetailField(label: "Status", value: text(s.label(A.status))),
            DetailField(label: "State", value: text(s.label(A.state))),
            DetailField(label: "Members", value: text(s.label(A.size))),
            DetailField(label: "Description", value: text(s.description), wraps: true),
        ]
        if !s.groups.isEmpty {
            // Outbound's one static list, as a group, with its size.
            result.append(DetailField(label: groupsLabel, value: groupsText(s.groups), wraps: true))
        }
        if s.type.hasQuery || s.query != nil {
            result.append(DetailField(label: "Query", value: text(s.query), wraps: true))
        }
        result += [
            DetailField(label: "Query name", value: text(s.queryName), wraps: true),
            DetailField(label: "Last evaluated", value: text(s.label(A.lastEvaluation))),
            DetailField(label: "Next evaluation", value: text(s.label(A.nextEvaluation))),
            DetailField(label: "Created on", value: text(s.label(A.createdOn))),
            DetailField(label: "Modified on", value: text(s.label(A.modifiedOn))),
            DetailField(label: "Owner", value: text(s.label(A.owner) ?? s.owner)),
            DetailField(label: "Version", value: text(s.versionNumber.map(String.init))),
            DetailField(label: "Id", value: s.id, wraps: true),
        ]
        return result
    }
}
