import Dataverse
import Foundation

/// A journeys segment is two records; the domain `Segment` is read from both (the definition may
/// be missing: a list row whose definition was not found still shows what its segment says).
extension Segment {
    init(journeysSegment record: ODataRecord, definition: ODataRecord?, usage: SegmentUsage? = nil, errorReason: String? = nil)
        throws(DataverseError) {
        typealias S = SegmentColumn
        typealias D = DefinitionColumn
        guard let id = record.string(S.id) else { throw .malformedReply("a segment without \(S.id)") }
        let groups = definition.map { StaticGroupsWire.decode($0[D.staticListMembers]) }
        let query = definition?.string(D.query).flatMap { $0.isEmpty ? nil : $0 }
        let kind = JourneysCodes.kind(
            type: record.int(S.type), typeLabel: record.formatted(S.type),
            hasQuery: definition.map { _ in query != nil }, hasGroups: groups.map { !$0.isEmpty })
        let status = JourneysCodes.status(
            definition: definition?.int(D.status), definitionLabel: definition?.formatted(D.status),
            segment: record.int(S.status), segmentLabel: record.formatted(S.status))
        var labels: [SegmentField: String] = [:]
        if let text = record.formatted(S.memberCount) { labels[.size] = text }
        // A journeys segment changes when either record does (a query edit touches only the
        // definition): its modification is the later of the two, so that a live list's mark moves.
        // Its label is the service's rendering of whichever record that was.
        let modifiedOn = [record.date(S.modifiedOn), definition?.date(D.modifiedOn)].compactMap { $0 }.max()
        if modifiedOn != nil, modifiedOn == record.date(S.modifiedOn) {
            labels[.modifiedOn] = record.formatted(S.modifiedOn)
        } else if modifiedOn != nil {
            labels[.modifiedOn] = definition?.formatted(D.modifiedOn)
        }
        if let text = record.formatted(S.createdOn) { labels[.createdOn] = text }
        if let text = record.formatted(S.owner) { labels[.owner] = text }
        if let text = record.formatted(S.state) { labels[.state] = text }
        var refresh: RefreshSettings?
        if let definition {
            if definition[D.disableRefresh]?.boolValue == true { refresh = .off }
            else if let minutes = definition.int(D.refreshInterval) { refresh = .every(minutes: minutes) }
        }
        let computation = definition.flatMap { definition in
            JourneysCodes.computation(definition.int(D.computationStatus), label: definition.formatted(D.computationStatus)).map {
                SegmentComputation(state: $0, startedOn: definition.date(D.computationStartedOn), finishedOn: definition.date(D.computationFinishedOn))
            }
        }
        var used = usage ?? SegmentUsage()
        used.journeyCount = used.journeyCount ?? record.int(S.publishedJourneyCount)
        self.init(
            id: id.lowercased(), name: record.string(S.displayName) ?? definition?.string(D.name) ?? "", type: kind, status: status,
            description: record.string(S.description), query: query, queryName: JourneysQueryName.of(segmentId: id),
            size: record.int(S.memberCount), lastEvaluation: record.date(S.lastEvaluated), createdOn: record.date(S.createdOn),
            modifiedOn: modifiedOn, owner: record.string(S.owner), versionNumber: record.int(S.versionNumber),
            etag: JourneysETag.pack(segment: record.etag, definition: definition?.etag), labels: labels, api: .journeys,
            definitionId: record.string(S.sourceSegmentUid)?.lowercased(),
            baseEntity: BaseEntity(logicalName: record.string(S.baseEntity) ?? "contact"), groups: groups ?? [], refresh: refresh,
            computation: computation, usage: used, errorReason: errorReason)
        detailFields = JourneysDetail.fields(of: self, segment: record, definition: definition)
    }
}

/// `SEGMENT_CJO_ID_<32 hex>`: how another query names this segment (JSS §2.5 [C]).
enum JourneysQueryName {
    static func of(segmentId: String) -> String {
        "SEGMENT_CJO_ID_" + segmentId.replacingOccurrences(of: "-", with: "").lowercased()
    }
}

/// The domain keeps one opaque version; journeys has two records, so it carries both ETags.
/// Only this adapter reads it back.
enum JourneysETag {
    static let separator = " & "

    static func pack(segment: String?, definition: String?) -> String? {
        guard segment != nil || definition != nil else { return nil }
        return (segment ?? "") + separator + (definition ?? "")
    }

    static func unpack(_ etag: String?) -> (segment: String?, definition: String?) {
        guard let etag else { return (nil, nil) }
        guard let range = etag.range(of: separator) else { return (etag, nil) }
        let segment = String(etag[..<range.lowerBound]), definition = String(etag[range.upperBound...])
        return (segment.isEmpty ? nil : segment, definition.isEmpty ? nil : definition)
    }
}

/// The detail pane's labelled list: every documented column of both records that has a value.
enum JourneysDetail {
    static func fields(of segment: Segment, segment record: ODataRecord, definition: ODataRecord?) -> [DetailField] {
        typealias S = SegmentColumn
        typealias D = DefinitionColumn
        var fields: [DetailField] = []
        func add(_ label: String, _ value: String?, wraps: Bool = false) {
            if let value, !value.isEmpty { fields.append(DetailField(label: label, value: value, wraps: wraps)) }
        }
        func shown(_ record: ODataRecord?, _ column: String) -> String? {
            guard let record else { return nil }
            if let label = record.formatted(column) { return label }
            if let date = record.date(column) { return SegmentDate.format(date) }
            switch record[column] {
            case .string(let text)?: return text
            case .bool(let flag)?: return flag ? "Yes" : "No"
            case let value?: return value.intValue.map(String.init)
            case nil: return nil
            }
        }
        add("Name", segment.name)
        add("Kind", segment.type.label)
        add("Status", segment.status.label)
        add("Error", segment.errorReason, wraps: true)
        add("Base table", segment.baseEntity.label)
        add("Members", segment.label(.size))
        let journeys = segment.usage.journeys.map(\.label)
        add("Journeys", journeys.isEmpty ? segment.usage.journeyCount.flatMap { $0 > 0 ? String($0) : nil } : journeys.joined(separator: ", "), wraps: true)
        add("Segments using", segment.usage.dependentSegments.map(\.label).joined(separator: ", "), wraps: true)
        add("Description", segment.description, wraps: true)
        add("Query", segment.query, wraps: true)
        add("Static groups", segment.groups.map { group in
            "\(group.name) (\(group.role.label)" + (group.size.map { ", \($0)" } ?? "") + ")"
        }.joined(separator: ", "), wraps: true)
        if definition != nil {
            add("Refresh", segment.refresh.map { $0 == .off ? "Off" : $0.label } ?? "Service default")
        }
        add("Refresh until", shown(definition, D.stopRefreshAfter))
        add("Computation", shown(definition, D.computationStatus))
        add("Computed from", shown(definition, D.computationStartedOn))
        add("Computed until", shown(definition, D.computationFinishedOn))
        add("Last evaluated", shown(record, S.lastEvaluated))
        add("Status (def.)", shown(definition, D.status))
        add("Status (seg.)", shown(record, S.status))
        add("Time zone", shown(definition, D.timeZone))
        add("Source", shown(record, S.source))
        add("Scope", shown(record, S.scope))
        add("Depends on", shown(definition, D.dependentSegmentIds), wraps: true)
        add("Def. modified", shown(definition, D.definitionModifiedOn))
        add("Created on", shown(record, S.createdOn))
        add("Modified on", shown(record, S.modifiedOn))
        add("Owner", shown(record, S.owner))
        add("Query name", segment.queryName)
        add("Segment id", segment.id)
        add("Definition id", segment.definitionId)
        return fields
    }
}
