/// The real-time journeys tables' columns and option sets, written from
/// reference/journeys-segment-service.md §2 on the server's own side. The client's JourneysWire
/// holds the same names and values; they stay two on purpose (as OutboundSchema explains), so that
/// each side is checked against the reference on its own and a mistake cannot agree with itself.
/// Tags as in the reference: [D] docs, [M] table reference, [C] community, [I] inference.
enum DefinitionColumn {
    static let entitySet = "msdynmkt_segmentdefinitions"  // §2.1 [D]
    static let entityName = "msdynmkt_segmentdefinition"
    static let id = "msdynmkt_segmentdefinitionid"
    static let name = "msdynmkt_name"  // [M][C]
    static let query = "msdynmkt_segmentquery"  // [M][D]
    static let staticListMembers = "msdynmkt_staticlistmembers"  // §2.4 [D]
    static let includedMembers = "msdynmkt_includedmembers"  // legacy [D][M]
    static let excludedMembers = "msdynmkt_excludedmembers"
    static let disableRefresh = "msdynmkt_disablesegmentrefresh"  // [D]
    static let refreshInterval = "msdynmkt_segmentrefreshintervalminutes"  // [D]
    static let stopRefreshAfter = "msdynmkt_stoprefreshafter"  // [M]
    static let timeZone = "msdynmkt_timezonecode"  // [M][D]
    static let computationStatus = "msdynmkt_computationstatus"  // [M]
    static let computationStarted = "msdynmkt_computationstartedon"
    static let computationFinished = "msdynmkt_computationfinishedon"
    static let definitionModified = "msdynmkt_definitionmodifiedon"
    static let dependentSegments = "msdynmkt_dependentsegmentids"  // [M], format undocumented
    static let targetedSegments = "msdynmkt_targetedsegmentids"
    /// Where SegmentStatus's reason for an Error lives; ours, read-only [I].
    static let errorReason = "msdynmkt_evaluationerror"
}

enum SegmentColumn {
    static let entitySet = "msdynmkt_segments"  // §2.2 [D]
    static let entityName = "msdynmkt_segment"
    static let id = "msdynmkt_segmentid"
    static let displayName = "msdynmkt_displayname"  // [D][M]
    static let description = "msdynmkt_description"  // [M]
    static let type = "msdynmkt_type"  // [D][M]
    static let source = "msdynmkt_source"
    static let baseEntity = "msdynmkt_baseentitylogicalname"  // [D]
    static let sourceSegmentUid = "msdynmkt_sourcesegmentuid"  // [D], the only link to the definition
    static let scope = "msdynmkt_scope"  // [M]
    static let memberCount = "msdynmkt_membercount"  // [M]
    static let publishedJourneyCount = "msdynmkt_publishedjourneycount"  // [M]
    static let lastEvaluated = "msdynmkt_lastevaluated"  // [M]
    static let owningBusinessUnit = "_owningbusinessunit_value"  // [D] lookup
    static let owningBusinessUnitBind = "owningbusinessunit@odata.bind"  // [D]
}

/// An option set: values and the labels formatted values show.
struct OptionLabels: Sendable {
    let labels: [Int: String]
    func label(_ value: Int) -> String { labels[value] ?? "Value \(value)" }
    func contains(_ value: Int) -> Bool { labels[value] != nil }
}

enum JourneyOptions {
    /// Definition statuscode: Live, Draft, GoingLive, Deleted [D]; LiveWithWarnings [M]; Stopping, Stopped [C].
    static let live = 723_270_000, draft = 723_270_001, goingLive = 723_270_002, deleted = 723_270_003
    static let liveWithWarnings = 723_270_004, stopping = 723_270_005, stopped = 723_270_006
    static let definitionStatus = OptionLabels(labels: [
        live: "Live", draft: "Draft", goingLive: "Going live", deleted: "Deleted", liveWithWarnings: "Live with warnings",
        stopping: "Stopping", stopped: "Stopped",
    ])
    /// Definition statecode [M].
    static let definitionState = OptionLabels(labels: [0: "Active", 1: "Inactive"])
    /// msdynmkt_computationstatus [M].
    static let computationRunning = 723_270_000, computationFinished = 723_270_001, computationError = 723_270_002
    static let computationNotStarted = 723_270_003
    static let computationStatus = OptionLabels(labels: [
        computationRunning: "Running", computationFinished: "Finished", computationError: "Error", computationNotStarted: "NotStarted",
    ])

    /// Segment statuscode: 1-5 [D], 6-7 [M], 8-9 [C]. 1 is state 0, the rest state 1.
    static let segActive = 1, segInactive = 2, segError = 3, segDeleted = 4, segExporting = 5, segComputing = 6
    static let segComputedWithWarnings = 7, segStopping = 8, segStopped = 9
    static let segmentStatus = OptionLabels(labels: [
        segActive: "Active", segInactive: "Inactive", segError: "Error", segDeleted: "Deleted", segExporting: "Exporting",
        segComputing: "Computing", segComputedWithWarnings: "ComputedWithWarnings", segStopping: "Stopping", segStopped: "Stopped",
    ])
    static let segmentState = OptionLabels(labels: [0: "Active", 1: "Inactive"])
    static let typeStatic = 10, typeDynamic = 11, typeExpansion = 12
    static let segmentType = OptionLabels(labels: [typeStatic: "Static", typeDynamic: "Dynamic", typeExpansion: "Expansion"])
    static let segmentSource = OptionLabels(labels: [10: "Marketing", 11: "Customer Insights", 12: "Real-time Journeys"])
    static let segmentScope = OptionLabels(labels: [270_100_000: "Organization", 270_100_001: "Business unit"])

    /// msdynmkt_segmentusage.msdynmkt_usage [C].
    static let usage = OptionLabels(labels: [0: "NotApplicable", 1: "Audience", 2: "Suppression", 3: "Exclusion", 4: "Branch", 5: "Content"])
    /// msdynmkt_journey statuscode: not in the reference at all [I]; only Live blocks a stop.
    static let journeyDraft = 1, journeyLive = 2, journeyStopped = 3, journeyCompleted = 4
    static let journeyStatus = OptionLabels(labels: [journeyDraft: "Draft", journeyLive: "Live", journeyStopped: "Stopped", journeyCompleted: "Completed"])

    /// The segment status that goes with a definition status (§4 table).
    static func segmentStatus(forDefinition status: Int) -> (state: Int, status: Int) {
        switch status {
        case live: return (0, segActive)
        case liveWithWarnings: return (1, segComputedWithWarnings)
        case goingLive: return (1, segExporting)
        case stopping: return (1, segStopping)
        case stopped: return (1, segStopped)
        case deleted: return (1, segDeleted)
        default: return (1, segInactive)
        }
    }

    /// `SEGMENT_CJO_ID_<32 hex>`: how a query names a journeys segment (§2.5 [C]).
    static func queryName(segmentId: String) -> String {
        "SEGMENT_CJO_ID_" + segmentId.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
