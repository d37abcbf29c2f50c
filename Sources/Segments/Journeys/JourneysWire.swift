import Dataverse
import Foundation

// Every wire shape of the real-time journeys segment API the client reads or writes, in one place,
// so that a live organisation that answers differently is corrected here and nowhere else.
// Written from ../shared/reference/journeys-segment-service.md ("JSS" below) on the client's own
// side; tags as there: [D] docs, [M] table reference, [C] community code, [I] inference.
// Replies are decoded tolerantly: a missing optional field never turns an accepted change into
// a failure, and strings that hold JSON are read whether they arrive as strings or as objects.

/// `msdynmkt_segmentdefinition` (JSS §2.1): the query, the static groups, refresh settings.
enum DefinitionColumn {
    static let entitySet = "msdynmkt_segmentdefinitions"  // [D]
    static let entityName = "msdynmkt_segmentdefinition"  // [D]
    static let id = "msdynmkt_segmentdefinitionid"  // [D]
    static let name = "msdynmkt_name"  // [M][C]
    static let query = "msdynmkt_segmentquery"  // [M][D]
    static let staticListMembers = "msdynmkt_staticlistmembers"  // §2.4 [D], JSON in a string
    static let disableRefresh = "msdynmkt_disablesegmentrefresh"  // [D]
    static let refreshInterval = "msdynmkt_segmentrefreshintervalminutes"  // [D]
    static let stopRefreshAfter = "msdynmkt_stoprefreshafter"  // [M]
    static let timeZone = "msdynmkt_timezonecode"  // [M]
    static let computationStatus = "msdynmkt_computationstatus"  // [M]
    static let computationStartedOn = "msdynmkt_computationstartedon"  // [M]
    static let computationFinishedOn = "msdynmkt_computationfinishedon"  // [M]
    static let definitionModifiedOn = "msdynmkt_definitionmodifiedon"  // [M]
    static let dependentSegmentIds = "msdynmkt_dependentsegmentids"  // [M], format undocumented
    static let status = "statuscode", state = "statecode", createdOn = "createdon", modifiedOn = "modifiedon"
    static let versionNumber = "versionnumber"

    /// What the list and the detail read of a definition (never the legacy 1 MB member columns).
    static let selected = [
        id, name, query, staticListMembers, disableRefresh, refreshInterval, stopRefreshAfter, timeZone, computationStatus,
        computationStartedOn, computationFinishedOn, definitionModifiedOn, dependentSegmentIds, status, state, modifiedOn,
    ]
}

/// `msdynmkt_segment` (JSS §2.2): the name people see, the kind, the base table, the count.
enum SegmentColumn {
    static let entitySet = "msdynmkt_segments"  // [D]
    static let entityName = "msdynmkt_segment"  // [D]
    static let id = "msdynmkt_segmentid"  // [D]
    static let displayName = "msdynmkt_displayname"  // [D][M]
    static let description = "msdynmkt_description"  // [M]
    static let type = "msdynmkt_type"  // [D][M]
    static let source = "msdynmkt_source"  // [D][M]
    static let baseEntity = "msdynmkt_baseentitylogicalname"  // [D]
    /// The definition's id as a string: the only link between the two tables [D][M][C].
    static let sourceSegmentUid = "msdynmkt_sourcesegmentuid"
    static let scope = "msdynmkt_scope"  // [M]
    static let memberCount = "msdynmkt_membercount"  // [M]
    static let publishedJourneyCount = "msdynmkt_publishedjourneycount"  // [M]
    static let lastEvaluated = "msdynmkt_lastevaluated"  // [M]
    static let owningBusinessUnitBind = "owningbusinessunit@odata.bind"  // [D] create example
    static let status = "statuscode", state = "statecode", createdOn = "createdon", modifiedOn = "modifiedon"
    static let owner = "_ownerid_value", versionNumber = "versionnumber"

    /// One request a page reads these; the definition's columns come in at most one more.
    static let listed = [
        id, displayName, description, type, source, baseEntity, sourceSegmentUid, memberCount, publishedJourneyCount,
        lastEvaluated, status, state, createdOn, modifiedOn, owner, versionNumber,
    ]

    static func column(_ key: SegmentSortKey?) -> String {
        switch key {
        case .name: return displayName
        case .type: return type
        case .status: return status
        case .size: return memberCount
        case .modifiedOn: return modifiedOn
        case nil: return id
        }
    }
}

/// Each record's audited columns under the detail pane's labels (JourneysDetail), for the history.
enum JourneysHistoryLabels {
    static let segment: [String: String] = [
        SegmentColumn.displayName: "Name", SegmentColumn.description: "Description", SegmentColumn.type: "Kind",
        SegmentColumn.status: "Status (seg.)", SegmentColumn.state: "State", SegmentColumn.baseEntity: "Base table",
        SegmentColumn.source: "Source", SegmentColumn.scope: "Scope", SegmentColumn.memberCount: "Members",
        SegmentColumn.sourceSegmentUid: "Definition id", SegmentColumn.owner: "Owner",
    ]
    static let definition: [String: String] = [
        DefinitionColumn.name: "Name", DefinitionColumn.query: "Query", DefinitionColumn.staticListMembers: "Static groups",
        DefinitionColumn.disableRefresh: "Refresh off", DefinitionColumn.refreshInterval: "Refresh (minutes)",
        DefinitionColumn.stopRefreshAfter: "Refresh until", DefinitionColumn.timeZone: "Time zone",
        DefinitionColumn.status: "Status (def.)", DefinitionColumn.state: "State (def.)",
    ]
}

/// Option-set values (JSS §2.1, §2.2, §4) and how they map onto the domain.
enum JourneysCodes {
    // Definition statuscode: 000-003 [D], 004 [M], 005/006 Dec-2024 metadata [C].
    static let live = 723_270_000, draft = 723_270_001, goingLive = 723_270_002, deleted = 723_270_003
    static let liveWithWarnings = 723_270_004, stopping = 723_270_005, stopped = 723_270_006

    // Segment msdynmkt_type [D][M]; msdynmkt_source 12 = Real-time Journeys [D].
    static let typeStatic = 10, typeDynamic = 11, typeExpansion = 12
    static let sourceJourneys = 12
    // Segment statuscode: 1-5 [D], 6-7 [M], 8-9 [C], 11 Faulted [C]. A new segment is 1/2 [D].
    static let segmentActive = 1, segmentInactive = 2, segmentError = 3, segmentDeleted = 4, segmentExporting = 5
    static let segmentComputing = 6, segmentComputedWithWarnings = 7, segmentStopping = 8, segmentStopped = 9, segmentFaulted = 11

    /// The lifecycle from the definition's status when there is one, else from the segment's;
    /// an Error or a deletion on the segment wins. A value neither knows keeps the service's
    /// label, or is matched by it (Expired has no known value [D §4]).
    static func status(definition: Int?, definitionLabel: String?, segment: Int?, segmentLabel: String?) -> SegmentStatus {
        switch segment {
        case segmentError, segmentFaulted: return .error
        case segmentDeleted: return .deleted
        default: break
        }
        if let definition {
            switch definition {
            case live: return .live
            case draft: return .draft
            case goingLive: return .goingLive
            case deleted: return .deleted
            case liveWithWarnings: return .liveWithWarnings
            case stopping: return .stopping
            case stopped: return .stopped
            default: if let known = byLabel(definitionLabel) { return known }
            }
        }
        switch segment {
        case segmentActive: return .live
        case segmentInactive: return .draft
        case segmentExporting, segmentComputing: return .goingLive
        case segmentComputedWithWarnings: return .liveWithWarnings
        case segmentStopping: return .stopping
        case segmentStopped: return .stopped
        default:
            if let known = byLabel(segmentLabel) ?? byLabel(definitionLabel) { return known }
            let label = definitionLabel ?? segmentLabel ?? (definition ?? segment).map { "Status \($0)" } ?? "Status unknown"
            return .unknown(label)
        }
    }

    private static let named: [SegmentStatus] = [.draft, .goingLive, .live, .liveWithWarnings, .stopping, .stopped, .expired, .error, .deleted]

    static func byLabel(_ label: String?) -> SegmentStatus? {
        guard let key = label?.lowercased().filter(\.isLetter), !key.isEmpty else { return nil }
        return named.first { $0.label.lowercased().filter(\.isLetter) == key }
    }

    /// The segment statuscodes a domain status is listed under (for `$filter`; [D][M][C] as above).
    static func segmentCodes(for status: SegmentStatus) -> [Int] {
        switch status {
        case .live: return [segmentActive]
        case .draft: return [segmentInactive]
        case .goingLive: return [segmentExporting, segmentComputing]
        case .liveWithWarnings: return [segmentComputedWithWarnings]
        case .stopping: return [segmentStopping]
        case .stopped: return [segmentStopped]
        case .error: return [segmentError, segmentFaulted]
        case .deleted: return [segmentDeleted]
        case .liveEditable, .expired, .unknown: return []
        }
    }

    /// Static (10) or dynamic (11) by the segment; a query beside groups makes it mixed [I: the
    /// API has no third type, the UI calls a dynamic segment with groups "static and dynamic"].
    static func kind(type: Int?, typeLabel: String?, hasQuery: Bool?, hasGroups: Bool?) -> SegmentKind {
        switch type {
        case typeStatic: return hasQuery == true ? .mixed : .static
        case typeDynamic: return hasGroups == true ? .mixed : .dynamic
        default:
            if let type { return .unknown(typeLabel ?? (type == typeExpansion ? "Expansion" : "Type \(type)")) }
            return .unknown(typeLabel ?? "Type unknown")
        }
    }

    static func typeCode(for kind: SegmentKind) -> Int { kind == .static ? typeStatic : typeDynamic }

    /// msdynmkt_computationstatus [M].
    static func computation(_ code: Int?, label: String?) -> SegmentComputation.State? {
        switch code {
        case 723_270_000: return .running
        case 723_270_001: return .finished
        case 723_270_002: return .failed
        case 723_270_003: return .notStarted
        case let code?: return .unknown(label ?? "Computation \(code)")
        case nil: return nil
        }
    }
}

/// Refresh settings on the definition (JSS §2.1 [D]): off, or every so many minutes.
enum RefreshWire {
    static func fields(_ refresh: RefreshSettings?) -> [String: JSONValue] {
        switch refresh {
        case .off?: return [DefinitionColumn.disableRefresh: .bool(true)]
        case .every(let minutes)?:
            return [DefinitionColumn.disableRefresh: .bool(false), DefinitionColumn.refreshInterval: .number(Double(minutes))]
        case nil: return [:]
        }
    }
}

/// `msdynmkt_staticlistmembers` (JSS §2.4 [D]): a string holding a JSON array of at most ten
/// `{"groupId","includeType":"Include"|"Exclude","name","inputType":"manualSelect"}`.
enum StaticGroupsWire {
    static func decode(_ value: JSONValue?) -> [MemberGroup] {
        let items: [JSONValue]
        switch value {
        case .string(let text)?: items = (try? JSONValue.parse(Data(text.utf8)))?.arrayValue ?? []
        case .array(let array)?: items = array
        default: items = []
        }
        return items.compactMap { item in
            guard let id = item["groupId"]?.stringValue ?? item["GroupId"]?.stringValue else { return nil }
            let role: MemberGroup.Role = (item["includeType"]?.stringValue ?? item["IncludeType"]?.stringValue)?
                .lowercased() == "exclude" ? .exclude : .include
            return MemberGroup(id: id.lowercased(), name: item["name"]?.stringValue ?? item["Name"]?.stringValue ?? "", role: role)
        }
    }

    static func encode(_ groups: [MemberGroup]) -> JSONValue {
        let items = groups.map { group in
            JSONValue.object([
                "groupId": .string(group.id), "includeType": .string(group.role == .include ? "Include" : "Exclude"),
                "name": .string(group.name), "inputType": .string("manualSelect"),
            ])
        }
        return .string(String(decoding: JSONValue.array(items).jsonData(), as: UTF8.self))
    }
}

/// The actions (JSS §3) with their documented request bodies, and their replies.
enum JourneysActions {
    static let publish = "msdynmkt_PublishSegmentDefinition"  // [D]
    static let stop = "msdynmkt_StopSegments"  // [D] Apr 2026
    static let addMembers = "msdynmkt_AddStaticMembers"  // [D]
    static let removeMembers = "msdynmkt_RemoveStaticMembers"  // [D]
    static let listGroupMembers = "msdynmkt_ListGroupMembers"  // [D]
    static let membersList = "msdynmkt_MembersList"  // [D]
    static let segmentStatus = "msdynmkt_SegmentStatus"  // undocumented [C]
    /// At most this many ids an Add/RemoveStaticMembers call [D]; ListGroupMembers pages up to 5000 [D].
    static let maxIdsPerCall = 1_000, maxGroupPageSize = 5_000

    /// `{"SegmentId"}`: the segment's id, as the docs since Aug 2023 and community scripts say [D][C].
    static func segmentBody(_ segmentId: String) -> [String: JSONValue] { ["SegmentId": .string(segmentId)] }

    static func stopBody(_ segmentId: String) -> [String: JSONValue] { ["SegmentIdList": .array([.string(segmentId)])] }

    static func membersBody(segmentId: String, groupId: String, ids: [String]) -> [String: JSONValue] {
        ["SegmentId": .string(segmentId), "GroupId": .string(groupId), "EntityIds": .array(ids.map(JSONValue.string))]
    }

    static func groupPageBody(segmentId: String, groupId: String, page: Int, size: Int) -> [String: JSONValue] {
        ["SegmentId": .string(segmentId), "GroupId": .string(groupId), "PageNo": .number(Double(page)), "PageSize": .number(Double(size))]
    }

    /// A value that is documented as JSON inside a string, accepted as either.
    static func embedded(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case .string(let text)?: return try? JSONValue.parse(Data(text.utf8))
        case .object?, .array?: return value
        default: return nil
        }
    }

    /// ListGroupMembers [D]: `{"Response": "{\"entityIds\":[…],\"additionalProperties\":{}}"}`; no
    /// total and no next flag: a page shorter than asked is the last [C].
    static func decodeGroupPage(_ reply: JSONValue) throws(DataverseError) -> [String] {
        if reply == .null { return [] }
        guard let inner = embedded(reply["Response"]) ?? (reply["entityIds"] != nil ? reply : nil) else {
            throw .malformedReply("ListGroupMembers without Response")
        }
        return (inner["entityIds"]?.arrayValue ?? inner["EntityIds"]?.arrayValue ?? []).compactMap { $0.stringValue?.lowercased() }
    }

    /// MembersList [D]: `ResultText` holds `{"baseEntityLogicalName","primaryKeyColumnName",
    /// "members":[…]}`; `totalCount` only per one integrator [C], so optional.
    static func decodeMembersList(_ reply: JSONValue) throws(DataverseError) -> (base: String?, ids: [String], total: Int?) {
        guard let inner = embedded(reply["ResultText"]) ?? (reply["members"] != nil ? reply : nil) else {
            throw .malformedReply("MembersList without ResultText")
        }
        let ids = (inner["members"]?.arrayValue ?? []).compactMap { $0.stringValue?.lowercased() }
        return (inner["baseEntityLogicalName"]?.stringValue, ids, inner["totalCount"]?.intValue)
    }

    /// StopSegments [D]: `{"summary","stopSingleSegmentResults":[{SegmentId, WasStopped, Message,
    /// DependentJourneys, DependentSegments}]}`, perhaps inside a string (JSS §5 q1 [I]). The
    /// blocker lists are null when empty [D]; their items may be ids, names or objects [I].
    static func decodeStop(_ reply: JSONValue, segmentId: String) -> StatusChangeOutcome {
        guard let object = embedded(reply) ?? embedded(reply["ResultText"]) ?? embedded(reply["Response"]) else {
            return .accepted  // 204 or an empty body: the docs promise nothing more [I].
        }
        let results = object["stopSingleSegmentResults"]?.arrayValue ?? object["StopSingleSegmentResults"]?.arrayValue ?? []
        let mine = results.first { $0["SegmentId"]?.stringValue?.lowercased() == segmentId.lowercased() } ?? results.first
        guard let mine else { return StatusChangeOutcome(accepted: true, message: object["summary"]?.stringValue) }
        let blockers = SegmentUsage(journeys: references(mine["DependentJourneys"]), dependentSegments: references(mine["DependentSegments"]))
        let stopped = mine["WasStopped"]?.boolValue ?? (mine["WasStopped"]?.stringValue?.lowercased() == "true" ? true : blockers.isEmpty)
        return StatusChangeOutcome(accepted: stopped, message: mine["Message"]?.stringValue ?? object["summary"]?.stringValue, blockers: blockers)
    }

    static func references(_ value: JSONValue?) -> [UsageReference] {
        let items = embedded(value)?.arrayValue ?? value?.arrayValue ?? []
        return items.compactMap { item in
            if let text = item.stringValue { return SegmentResolver.isGUID(text) ? UsageReference(id: text.lowercased()) : UsageReference(id: text, name: text) }
            let id = item["id"]?.stringValue ?? item["Id"]?.stringValue ?? item["JourneyId"]?.stringValue ?? item["SegmentId"]?.stringValue
            let name = item["name"]?.stringValue ?? item["Name"]?.stringValue
            guard let key = id ?? name else { return nil }
            return UsageReference(id: key.lowercased(), name: name)
        }
    }

    /// The message of a refused action: Dataverse's `{"error":{"message"}}`, or the community's
    /// `ResultText` (a publish naming the parse error and position [C]), or a bare `Message`.
    static func refusal(_ body: Data) -> String? {
        guard let json = try? JSONValue.parse(body) else { return nil }
        if let message = json["error"]?["message"]?.stringValue, !message.isEmpty { return message }
        if let text = json["ResultText"]?.stringValue, !text.isEmpty {
            if let inner = embedded(.string(text)), let message = inner["message"]?.stringValue ?? inner["Message"]?.stringValue { return message }
            return text
        }
        return json["Message"]?.stringValue ?? json["message"]?.stringValue
    }

    /// SegmentStatus [C]: `ResultText` with `lastExecution.status`; a reason for an Error is not
    /// documented: the first of these fields that is present [I].
    static func decodeErrorReason(_ reply: JSONValue) -> String? {
        guard let inner = embedded(reply["ResultText"]) ?? embedded(reply) else { return nil }
        let execution = inner["lastExecution"] ?? inner
        for key in ["reason", "errorMessage", "error", "message", "Message"] {
            if let text = execution[key]?.stringValue ?? inner[key]?.stringValue, !text.isEmpty { return text }
        }
        return nil
    }
}

/// `msdynmkt_segmentusage` (JSS §2.3 [C]): which journeys use a segment. Only `msdynmkt_usage` is
/// named there; the lookups follow Dataverse's `_<lookup>_value` naming, their formatted values
/// the names [I]. Read tolerantly: when the table answers otherwise, the journey count stands.
enum UsageColumn {
    static let entitySet = "msdynmkt_segmentusages"
    static let segment = "_msdynmkt_segmentid_value"
    static let journey = "_msdynmkt_journeyid_value"
    static let usage = "msdynmkt_usage"
}

/// `auto`'s one question (JSS §1 [I]: outbound's set may linger in `$metadata` while dead, so the
/// journeys set is asked for directly): a row of `msdynmkt_segmentdefinitions` means journeys,
/// Dataverse's 404 for an unknown entity set means outbound, anything else is no answer (nil).
enum JourneysProbe {
    static func probe(_ client: DataverseClient) -> SegmentAPI? {
        let query = ODataQuery(select: [DefinitionColumn.id], top: 1)
        do {
            _ = try client.firstPage(of: DefinitionColumn.entitySet, query: query, pageSize: 1)
            return .journeys
        } catch {
            return error.status == 404 ? .outbound : nil
        }
    }
}
