/// The replies of the real-time journeys segment actions, in one place so that they can be
/// corrected against a live organisation (reference/journeys-segment-service.md §3). Each says
/// which reference tag it follows: [D] documented, [C] community code, [I] our inference.
///
/// Replies the docs do not show, and what this service does:
/// - msdynmkt_PublishSegmentDefinition: 204 on success [C]; a query that does not parse is a 400
///   in the usual error shape whose message names the position (community: `ResultText` with the
///   parse error and position [C]; we keep Dataverse's error shape [I]).
/// - msdynmkt_AddStaticMembers / msdynmkt_RemoveStaticMembers: 204, no body ("treat any 2xx as
///   success" [I]). Ids that are no contact (or lead, for a lead segment) are ignored, not stored,
///   as outbound ignored unknown ids [I]; a call that would take a group past 200,000 ids is
///   refused whole with 400 [D limit, I reply].
///
/// Entity sets beside the two of §2 that clients read to name who uses a segment (JourneyModels):
/// - `msdynmkt_segmentusages` [C table, §2.3]: `_msdynmkt_segmentid_value`, `_msdynmkt_journeyid_value`
///   (lookup column names [I]; their formatted values are the segment's and the journey's names)
///   and `msdynmkt_usage` (0 NotApplicable … 5 Content [C]).
/// - `msdynmkt_journeys` [I]: `msdynmkt_name`, `statuscode` 1 Draft, 2 Live, 3 Stopped, 4 Completed [I];
///   only a Live journey blocks a stop, any journey blocks a delete.
/// - `leads` and `accounts`: standard Dataverse tables, read-only here.
enum JourneyActionShapes {
    static func context(_ serviceRoot: String, _ action: String) -> String {
        serviceRoot + "$metadata#Microsoft.Dynamics.CRM.\(action)Response"
    }

    /// msdynmkt_ListGroupMembers [D]: `Response` is a string holding
    /// `{"entityIds":[...],"additionalProperties":{}}`; no total, no next-page flag.
    /// Ids are added as the read hands them over, as bytes; the inner document is then escaped
    /// once into the outer string: a page of 5,000 ids is about 200 KB, written twice, never
    /// held as 5,000 Strings or turned into a String and back.
    struct GroupMembersReply {
        private var inner: JSONWriter

        init(pageSize: Int) {
            // An id is 36 bytes, 39 with its quotes and comma.
            inner = JSONWriter(capacity: pageSize * 39 + 64)
            inner.beginObject()
            inner.key("entityIds")
            inner.beginArray()
        }

        mutating func add(_ id: UnsafeBufferPointer<UInt8>) { inner.string(utf8: id) }

        /// The whole reply, as the body's bytes.
        mutating func finish(serviceRoot: String) -> [UInt8] {
            inner.endArray()
            inner.key("additionalProperties")
            inner.beginObject()
            inner.endObject()
            inner.endObject()
            // Escaping adds a backslash before each quote: two an id.
            var writer = JSONWriter(capacity: inner.bytes.count + inner.bytes.count / 8 + 200)
            writer.beginObject()
            writer.field("@odata.context", context(serviceRoot, "msdynmkt_ListGroupMembers"))
            writer.key("Response")
            writer.string(utf8: inner.bytes)
            writer.endObject()
            return writer.bytes
        }
    }

    /// msdynmkt_MembersList [D]: `StatusCode` and `ResultText`, a string holding
    /// `{"baseEntityLogicalName","primaryKeyColumnName","members":[...],"additionalProperties":{}}`
    /// [D], plus `totalCount` [C]. No paging is documented: we send at most `MembersList.cap`
    /// members and the full count in `totalCount` [I].
    static func membersList(serviceRoot: String, baseEntity: String, members: [String], totalCount: Int) -> String {
        var inner = JSONWriter(capacity: members.count * 40 + 160)
        inner.beginObject()
        inner.field("baseEntityLogicalName", baseEntity)
        inner.field("primaryKeyColumnName", baseEntity + "id")
        inner.key("members")
        inner.beginArray()
        for id in members { inner.string(id) }
        inner.endArray()
        inner.field("totalCount", totalCount)
        inner.key("additionalProperties")
        inner.beginObject()
        inner.endObject()
        inner.endObject()
        return resultText(serviceRoot, "msdynmkt_MembersList", inner.text)
    }

    /// msdynmkt_SegmentStatus (undocumented; `lastExecution.status` such as "Success" [C]). The
    /// other fields are ours [I]: the segment's status label, and for the last execution its
    /// status ("NotStarted", "InProgress", "Success", "Error"), the reason of an Error, the count
    /// and times.
    static func segmentStatus(
        serviceRoot: String, segmentId: String, status: String, execution: String, reason: String?, memberCount: Int?, startedOn: String?,
        finishedOn: String?
    ) -> String {
        var inner = JSONWriter()
        inner.beginObject()
        inner.field("segmentId", segmentId)
        inner.field("status", status)
        inner.key("lastExecution")
        inner.beginObject()
        inner.field("status", execution)
        inner.field("reason", reason)
        inner.field("memberCount", memberCount)
        inner.field("startedOn", startedOn)
        inner.field("finishedOn", finishedOn)
        inner.endObject()
        inner.endObject()
        return resultText(serviceRoot, "msdynmkt_SegmentStatus", inner.text)
    }

    private static func resultText(_ serviceRoot: String, _ action: String, _ text: String) -> String {
        var writer = JSONWriter(capacity: text.utf8.count + 200)
        writer.beginObject()
        writer.field("@odata.context", context(serviceRoot, action))
        writer.field("StatusCode", 200)
        writer.field("ResultText", text)
        writer.endObject()
        return writer.text
    }

    /// One segment's outcome in msdynmkt_StopSegments [D].
    struct StopResult {
        var segmentId: String
        var stopped: Bool
        var message: String?
        var dependentJourneys: [String]
        var dependentSegments: [String]
    }

    /// msdynmkt_StopSegments [D]: `{"summary","stopSingleSegmentResults":[{SegmentId, WasStopped,
    /// Message, DependentJourneys, DependentSegments}]}`; the lists are null when empty, as in the
    /// docs' example. Whether they hold names or ids is not documented: journeys by name,
    /// segments by id [I].
    static func stopSegments(serviceRoot: String, results: [StopResult]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", context(serviceRoot, "msdynmkt_StopSegments"))
        let stopped = results.filter(\.stopped).count
        writer.field("summary", "Successfully stopped \(stopped) of \(results.count) segments.")
        writer.key("stopSingleSegmentResults")
        writer.beginArray()
        for result in results {
            writer.beginObject()
            writer.field("SegmentId", result.segmentId)
            writer.key("WasStopped")
            writer.bool(result.stopped)
            writer.field("Message", result.message)
            for (key, list) in [("DependentJourneys", result.dependentJourneys), ("DependentSegments", result.dependentSegments)] {
                writer.key(key)
                if list.isEmpty {
                    writer.null()
                } else {
                    writer.beginArray()
                    for item in list { writer.string(item) }
                    writer.endArray()
                }
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.text
    }
}
