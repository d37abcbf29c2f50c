import Foundation

// The audit history of one record, on the Dataverse Web API's side of the wire, in one place.
// Sources ("Retrieve the history of audited data changes" and "Auditing overview", Power Apps
// developer docs, and the `audit` table reference):
// [D] audit records are the `audits` entity set (`auditid`, `createdon`, `action`, `operation`,
//     `_userid_value`, `_objectid_value`); their `attributemask`/`changedata` are not to be read:
//     the docs send callers to the messages instead, of which `RetrieveRecordChangeHistory`
//     returns a record's whole history with old and new values in one call:
//     `GET RetrieveRecordChangeHistory(Target=@target)?@target={'@odata.id':'<set>(<id>)'}` →
//     `{"AuditDetailCollection": {"AuditDetails": [{"AuditRecord": {…}, "OldValue": {…},
//     "NewValue": {…}}, …], "MoreRecords", "PagingCookie", "TotalRecordCount"}}`.
// [D] whether a table is audited: the organisation's `isauditenabled` (`organizations`) and the
//     table's `EntityDefinitions(LogicalName='…')` `IsAuditEnabled` (a managed property, `{"Value": …}`).
// [I] the order of AuditDetails (read newest first here, and sorted again by date); details that
//     are not attribute changes (a share, an association) carry no OldValue/NewValue and are
//     kept without changes; annotations inside OldValue/NewValue are labels, as on any record.

/// One audit record of a record, with the columns it changed.
public struct AuditDetail: Sendable, Equatable {
    public var id: String
    public var date: Date?
    public var userId: String?
    /// The user's name as the service rendered it (`_userid_value`'s formatted value).
    public var userName: String?
    /// `operation` (1 Create, 2 Update, 3 Delete, …) and `action` (1 Create, 2 Update, 3 Delete,
    /// 4 Activate, 5 Deactivate, …) with the service's labels [D].
    public var operation: Int?
    public var operationLabel: String?
    public var action: Int?
    public var actionLabel: String?
    /// The changed columns' values before and after; nil when the service sent none.
    public var oldValues: ODataRecord?
    public var newValues: ODataRecord?

    /// The changed columns: those either side names, annotations and the OData type left out.
    public var changedColumns: [String] {
        var columns: [String] = []
        for record in [oldValues, newValues].compactMap({ $0 }) {
            for key in record.fields.keys.sorted() where !key.contains("@") && !columns.contains(key) { columns.append(key) }
        }
        return columns
    }
}

/// Whether the organisation keeps audit records of a table, as far as the service says.
public enum AuditSetting: Sendable, Equatable {
    case audited
    case offForOrganization
    case offForTable
    /// The settings could not be read (privilege, an older service): nothing is claimed.
    case unknown
}

extension DataverseClient {
    /// `RetrieveRecordChangeHistory` for `entitySet(id)`, newest first, in one request.
    public func recordChangeHistory(entitySet: String, id: String) throws(DataverseError) -> [AuditDetail] {
        let target = "{'@odata.id':'\(entitySet)(\(id))'}"
        let text = serviceRoot.absoluteString + "RetrieveRecordChangeHistory(Target=@target)?@target=" + ODataQuery.encode(target)
        guard let url = URL(string: text) else { throw .invalidRequest("cannot form a URL for id \(id)") }
        let response = try send(HTTPRequest(method: "GET", url: url, headers: standardHeaders(prefer: [Self.formattedValues])))
        return try AuditWire.details(JSONValue.parse(response.body))
    }

    /// The organisation's and the table's audit switches, in at most two requests.
    public func auditing(of logicalName: String) -> AuditSetting {
        guard let url = URL(string: serviceRoot.absoluteString + "organizations?$select=isauditenabled"),
              let organization = try? JSONValue.parse(send(HTTPRequest(method: "GET", url: url, headers: standardHeaders())).body)
        else { return .unknown }
        if organization["value"]?.arrayValue?.first?["isauditenabled"]?.boolValue == false { return .offForOrganization }
        let name = ODataQuery.encode("'\(logicalName)'")
        guard let tableURL = URL(string: serviceRoot.absoluteString + "EntityDefinitions(LogicalName=\(name))?$select=IsAuditEnabled"),
              let table = try? JSONValue.parse(send(HTTPRequest(method: "GET", url: tableURL, headers: standardHeaders())).body)
        else { return .unknown }
        switch AuditWire.flag(table["IsAuditEnabled"]) {
        case false?: return .offForTable
        case true?: return .audited
        case nil: return .unknown
        }
    }
}

enum AuditWire {
    /// Tolerant: the collection may come bare (`{"AuditDetails": […]}`) or as `value`.
    static func details(_ reply: JSONValue) throws(DataverseError) -> [AuditDetail] {
        let collection = reply["AuditDetailCollection"] ?? reply
        guard let items = collection["AuditDetails"]?.arrayValue ?? collection["value"]?.arrayValue else {
            throw .malformedReply("RetrieveRecordChangeHistory without AuditDetails")
        }
        var details: [AuditDetail] = []
        for item in items {
            guard let fields = (item["AuditRecord"] ?? item).objectValue else { continue }
            let record = ODataRecord(fields)
            details.append(AuditDetail(
                id: record.string("auditid") ?? "", date: record.date("createdon"),
                userId: record.string("_userid_value"), userName: record.formatted("_userid_value"),
                operation: record.int("operation"), operationLabel: record.formatted("operation"),
                action: record.int("action"), actionLabel: record.formatted("action"),
                oldValues: item["OldValue"]?.objectValue.map(ODataRecord.init), newValues: item["NewValue"]?.objectValue.map(ODataRecord.init)))
        }
        return details
    }

    /// A managed property (`{"Value": true, …}`) or a plain boolean.
    static func flag(_ value: JSONValue?) -> Bool? {
        value?["Value"]?.boolValue ?? value?.boolValue
    }
}

extension ODataRecord {
    /// A value as people read it: the service's label, else the value itself; nil for null.
    public func text(_ name: String) -> String? {
        if let label = formatted(name) { return label }
        switch fields[name] {
        case .string(let text)?: return text
        case .bool(let flag)?: return flag ? "Yes" : "No"
        case .number(let number)?: return number.rounded() == number && abs(number) < 9.0e15 ? String(Int(number)) : String(number)
        case .array?, .object?: return String(decoding: fields[name]!.jsonData(), as: UTF8.self)
        case .null?, nil: return nil
        }
    }
}
