import Dataverse
import Foundation

/// The request and reply shapes of the segment actions. Microsoft documents the requests of
/// `msdyncrm_SegmentMembersUpdate` and `msdyncrm_FetchContactsByQuery` but not their replies, so
/// the reply shapes below are our choice; client and embedded service both use this file, so that
/// correcting them against a live organisation is a change in one place.
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

    /// The reply: `{"msdyncrm_result": "<JSON>"}` where the inner JSON is
    /// `{"count": N, "added": a, "removed": r, "ignored": i, "memberids": [...]}` (`memberids` for getState only).
    public struct MembersUpdateResult: Sendable, Equatable, Codable {
        public var count: Int
        public var added: Int
        public var removed: Int
        public var ignored: Int
        public var memberids: [String]?

        public init(count: Int, added: Int = 0, removed: Int = 0, ignored: Int = 0, memberids: [String]? = nil) {
            self.count = count
            self.added = added
            self.removed = removed
            self.ignored = ignored
            self.memberids = memberids
        }
    }

    public static func encode(_ result: MembersUpdateResult) -> JSONValue {
        .object(["msdyncrm_result": .string(innerJSON(result))])
    }

    public static func decodeMembersUpdate(_ reply: JSONValue) throws(DataverseError) -> MembersUpdateResult {
        // The embedded service answers with flat response properties (msdyncrm_segmentsize, …);
        // both shapes are read until the two sides agree on one.
        if reply["msdyncrm_result"] == nil, let size = reply["msdyncrm_segmentsize"]?.intValue {
            return MembersUpdateResult(count: size, added: reply["msdyncrm_added"]?.intValue ?? 0,
                                       removed: reply["msdyncrm_removed"]?.intValue ?? 0,
                                       ignored: reply["msdyncrm_ignored"]?.intValue ?? 0)
        }
        return try decodeInner(reply, key: "msdyncrm_result", as: MembersUpdateResult.self)
    }

    // MARK: msdyncrm_FetchContactsByQuery

    /// `(SEGMENT(SEGMENT_CRM_ID_<hex>)).ORDERBY(fullname ASC).SKIP(n).TAKE(m).SELECT(...)`.
    public static func fetchQuery(queryName: String, skip: Int, take: Int) -> String {
        "(SEGMENT(\(queryName))).ORDERBY(fullname ASC).SKIP(\(skip)).TAKE(\(take)).SELECT(contactid,fullname,emailaddress1,jobtitle)"
    }

    public static func fetchContactsRequest(query: String) -> [String: JSONValue] {
        ["Query": .string(query)]
    }

    /// The reply: `{"Result": "<JSON>"}` where the inner JSON is `{"total": N, "contacts": [{contactid, …}]}`.
    public struct FetchResult: Sendable, Equatable, Codable {
        public var total: Int
        public var contacts: [[String: JSONValue]]

        public init(total: Int, contacts: [[String: JSONValue]]) {
            self.total = total
            self.contacts = contacts
        }
    }

    public static func encode(_ result: FetchResult) -> JSONValue {
        .object(["Result": .string(innerJSON(result))])
    }

    public static func decodeFetch(_ reply: JSONValue) throws(DataverseError) -> (total: Int, contacts: [Contact]) {
        // The embedded service's shape: {"TotalCount": N, "MoreRecords": b, "Contacts": [...]}.
        if reply["Result"] == nil, let rows = reply["Contacts"]?.arrayValue {
            var contacts: [Contact] = []
            for row in rows {
                guard let fields = row.objectValue else { throw .malformedReply("a contact that is not an object") }
                contacts.append(try Contact(record: ODataRecord(fields)))
            }
            return (reply["TotalCount"]?.intValue ?? contacts.count, contacts)
        }
        let result = try decodeInner(reply, key: "Result", as: FetchResult.self)
        var contacts: [Contact] = []
        for fields in result.contacts { contacts.append(try Contact(record: ODataRecord(fields))) }
        return (result.total, contacts)
    }

    // MARK: msdyncrm_ValidateSegment

    /// `{"ValidationResult": "[{\"ErrorCode\":…,\"FieldName\":…,\"Message\":…}]"}`, `[]` when valid.
    public struct ValidationItem: Sendable, Equatable, Codable {
        public var ErrorCode: String
        public var FieldName: String
        public var Message: String?

        public init(ErrorCode: String, FieldName: String, Message: String?) {
            self.ErrorCode = ErrorCode
            self.FieldName = FieldName
            self.Message = Message
        }
    }

    public static func encode(_ items: [ValidationItem]) -> JSONValue {
        .object(["ValidationResult": .string(innerJSON(items))])
    }

    public static func decodeValidation(_ reply: JSONValue) throws(DataverseError) -> [ValidationIssue] {
        let items = try decodeInner(reply, key: "ValidationResult", as: [ValidationItem].self)
        return items.map { ValidationIssue(code: $0.ErrorCode, field: $0.FieldName, message: $0.Message ?? $0.ErrorCode) }
    }

    // MARK: helpers

    private static func innerJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    private static func decodeInner<T: Decodable>(_ reply: JSONValue, key: String, as type: T.Type) throws(DataverseError) -> T {
        guard let text = reply[key]?.stringValue else { throw .malformedReply("the \(key) of the reply is missing") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw .malformedReply("the \(key) of the reply is not in the expected shape")
        }
    }
}
