import Dataverse
import Foundation

/// The request and reply shapes of the segment actions, as the client reads them. Microsoft
/// documents the requests of `msdyncrm_SegmentMembersUpdate` and `msdyncrm_FetchContactsByQuery`
/// but not their replies: the reply shapes are our choice, answered by the embedded service from
/// `SegmentServer/Routes/ActionShapes.swift` and read only here, so correcting them against a live
/// organisation is a change in these two places.
public enum SegmentActionWire {
    public static let membersUpdate = "msdyncrm_SegmentMembersUpdate"
    public static let fetchContacts = "msdyncrm_FetchContactsByQuery"
    public static let validate = "msdyncrm_ValidateSegment"
    /// The documented limit of ids in one members update.
    public static let maxIdsPerCall = 20_000

    public enum Operation: String, Sendable, CaseIterable {
        case addByIds, removeByIds, addByQuery, getState
    }

    // MARK: msdyncrm_SegmentMembersUpdate

    public static func membersUpdateRequest(segmentId: String, operation: Operation, ids: [String] = [], query: String? = nil) -> [String: JSONValue] {
        var body: [String: JSONValue] = [
            "msdyncrm_segmentid": .string(segmentId),
            "msdyncrm_operation": .string(operation.rawValue),
        ]
        if operation == .addByIds || operation == .removeByIds {
            body["msdyncrm_memberids"] = .string(String(decoding: JSONValue.array(ids.map(JSONValue.string)).jsonData(), as: UTF8.self))
        }
        if let query { body["msdyncrm_query"] = .string(query) }
        return body
    }

    /// The update is processed asynchronously and its reply is undocumented (segment-service.md,
    /// corrections [D]): any 2xx means "queued". The embedded service's fields
    /// (`msdyncrm_state`, `msdyncrm_segmentsize`, `msdyncrm_added`, ...) are read when present and
    /// never required.
    public struct MembersUpdateResult: Sendable, Equatable {
        public var state: String?
        public var size: Int?
        public var added: Int?
        public var removed: Int?
        public var ignored: Int?
    }

    public static func decodeMembersUpdate(_ reply: JSONValue) -> MembersUpdateResult {
        MembersUpdateResult(
            state: reply["msdyncrm_state"]?.stringValue, size: reply["msdyncrm_segmentsize"]?.intValue,
            added: reply["msdyncrm_added"]?.intValue, removed: reply["msdyncrm_removed"]?.intValue,
            ignored: reply["msdyncrm_ignored"]?.intValue)
    }

    // MARK: msdyncrm_FetchContactsByQuery

    /// The back-end name compound queries and member fetches use for a segment.
    public static func queryName(forSegmentId id: String) -> String {
        "SEGMENT_CRM_ID_" + id.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// `(SEGMENT(SEGMENT_CRM_ID_<hex>)).ORDERBY(fullname ASC).SKIP(n).TAKE(m).SELECT(...)`.
    public static func fetchQuery(queryName: String, skip: Int, take: Int, select: [String] = Contact.Attribute.listed) -> String {
        "(SEGMENT(\(queryName))).ORDERBY(fullname ASC).SKIP(\(skip)).TAKE(\(take)).SELECT(\(select.joined(separator: ",")))"
    }

    /// The documented request (segment-service.md, corrections [D]): `Query`, a `FetchXml` with
    /// the page, `Scope` (270100000, organisation) and `TimeZone`. `OwningBusinessUnit` is
    /// documented too but optional here: the client does not hold WhoAmI's business unit.
    public static func fetchContactsRequest(query: String, skip: Int, take: Int) -> [String: JSONValue] {
        let page = take > 0 ? skip / take + 1 : 1
        let fetchXml =
            "<fetch count=\"\(take)\" page=\"\(page)\" returntotalrecordcount=\"true\"><entity name=\"contact\"><attribute name=\"contactid\"/></entity></fetch>"
        return ["Query": .string(query), "FetchXml": .string(fetchXml), "Scope": .number(270_100_000), "TimeZone": .number(0)]
    }

    /// `{"TotalCount": N, "MoreRecords": bool, "Contacts": [{contactid, fullname, …}]}`.
    public static func decodeFetch(_ reply: JSONValue) throws(DataverseError) -> (total: Int, more: Bool, contacts: [Contact]) {
        guard let rows = reply["Contacts"]?.arrayValue else { throw .malformedReply("a contact fetch without Contacts") }
        var contacts: [Contact] = []
        contacts.reserveCapacity(rows.count)
        for row in rows {
            guard let fields = row.objectValue else { throw .malformedReply("a contact that is not an object") }
            contacts.append(try Contact(record: ODataRecord(fields)))
        }
        return (reply["TotalCount"]?.intValue ?? contacts.count, reply["MoreRecords"]?.boolValue ?? false, contacts)
    }

    /// The fetch's `TotalCount` when the reply carries one [I: segment-service.md, corrections:
    /// the reply is undocumented]; nil otherwise, never a guess from the page's length.
    public static func decodeTotal(_ reply: JSONValue) -> Int? {
        reply["TotalCount"]?.intValue
    }

    /// The fetch's `MoreRecords` when the reply carries it [I, as `TotalCount`]; nil otherwise.
    public static func decodeMore(_ reply: JSONValue) -> Bool? {
        reply["MoreRecords"]?.boolValue
    }

    // MARK: msdyncrm_ValidateSegment

    /// The segment's own columns, flat (segment-service.md, corrections [D]); not wrapped in `Segment`.
    public static func validateRequest(type: SegmentKind, query: String) -> [String: JSONValue] {
        [
            SegmentAttribute.type: .number(Double(type.outboundCode ?? -1)),
            SegmentAttribute.query: .string(query),
            SegmentAttribute.status: .number(Double(SegmentStatus.draft.outboundCode ?? 192_350_000)),
        ]
    }

    /// Documented: `{"ValidationResult": "[{\"ErrorCode\":…,\"FieldName\":…}]"}`, `[]` when valid;
    /// the embedded service adds `Message` and `Position`.
    public static func decodeValidation(_ reply: JSONValue) throws(DataverseError) -> [ValidationIssue] {
        guard let text = reply["ValidationResult"]?.stringValue else { throw .malformedReply("a validation without ValidationResult") }
        guard let items = try JSONValue.parse(Data(text.utf8)).arrayValue else {
            throw .malformedReply("a ValidationResult that is not an array")
        }
        return items.map { item in
            let code = item["ErrorCode"]?.stringValue ?? "SegmentDciValidator_SegmentInvalid"
            var message = item["Message"]?.stringValue ?? code
            if let position = item["Position"]?.intValue { message += " (at \(position))" }
            return ValidationIssue(code: code, field: item["FieldName"]?.stringValue ?? "msdyncrm_query", message: message,
                                   position: item["Position"]?.intValue)
        }
    }
}
