import GRDB

/// Writes `RetrieveRecordChangeHistoryResponse` for one record from the audit tables ([D] shape in
/// AuditRoutes): each detail an `AttributeAuditDetail` with its `AuditRecord` and the changed
/// columns before (`OldValue`) and after (`NewValue`), rendered as the record's own columns are.
struct AuditHistoryWriter {
    let model: EntityModel
    let formatted: Bool

    private struct Audit {
        var seq: Int64, id: String, action: Int, operation: Int, createdOn: Int64, userId: String, userName: String?
        var logicalName: String
        var changes: [(attribute: String, old: DatabaseValue, new: DatabaseValue)] = []
    }

    func write(_ db: Database, objectId: String, serviceRoot: String) throws -> String {
        var audits: [Audit] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT a.seq, a.auditid, a.action, a.operation, a.createdon, a.userid, u.fullname, a.objecttypecode
                FROM audits a LEFT JOIN systemusers u ON u.systemuserid = a.userid
                WHERE a.objectid = ? ORDER BY a.seq DESC
                """, arguments: [objectId])
        while let row = try rows.next() {
            audits.append(Audit(
                seq: row[0], id: row[1], action: row[2], operation: row[3], createdOn: row[4], userId: row[5], userName: row[6],
                logicalName: row[7]))
        }
        if let oldest = audits.last?.seq, let newest = audits.first?.seq {
            let position = Dictionary(uniqueKeysWithValues: audits.enumerated().map { ($1.seq, $0) })
            let changes = try Row.fetchCursor(
                db, sql: "SELECT seq, attribute, oldvalue, newvalue FROM audit_changes WHERE seq BETWEEN ? AND ? ORDER BY seq, attribute",
                arguments: [oldest, newest])
            while let row = try changes.next() {
                guard let index = position[row[0] as Int64] else { continue }
                audits[index].changes.append((attribute: row[1] as String, old: row[2] as DatabaseValue, new: row[3] as DatabaseValue))
            }
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", serviceRoot + "$metadata#Microsoft.Dynamics.CRM.RetrieveRecordChangeHistoryResponse")
        writer.key("AuditDetailCollection")
        writer.beginObject()
        writer.key("MoreRecords")
        writer.bool(false)
        writer.field("PagingCookie", "")
        writer.field("TotalRecordCount", audits.count)
        writer.key("AuditDetails")
        writer.beginArray()
        for audit in audits { write(audit, to: &writer, objectId: objectId) }
        writer.endArray()
        writer.endObject()
        writer.endObject()
        return writer.text
    }

    private func write(_ audit: Audit, to writer: inout JSONWriter, objectId: String) {
        writer.beginObject()
        writer.field("@odata.type", "#Microsoft.Dynamics.CRM.AttributeAuditDetail")
        writer.key("AuditRecord")
        writer.beginObject()
        writer.field("@odata.type", "#Microsoft.Dynamics.CRM.audit")
        writer.field("auditid", audit.id)
        label("createdon", Timestamp.formatted(audit.createdOn), to: &writer)
        writer.field("createdon", Timestamp.iso(audit.createdOn))
        label("action", EntityModel.auditActions[audit.action], to: &writer)
        writer.field("action", audit.action)
        label("operation", EntityModel.auditOperations[audit.operation], to: &writer)
        writer.field("operation", audit.operation)
        label("_userid_value", audit.userName, to: &writer)
        writer.field("_userid_value", audit.userId)
        writer.field("_objectid_value", objectId)
        writer.field("objecttypecode", audit.logicalName)
        writer.endObject()
        // Creates and deletes have no "before" (deletes no "after" either); an update has both.
        if !audit.changes.isEmpty {
            writer.key("OldValue")
            values(audit.changes.map { ($0.attribute, $0.old) }, logicalName: audit.logicalName, to: &writer)
            writer.key("NewValue")
            values(audit.changes.map { ($0.attribute, $0.new) }, logicalName: audit.logicalName, to: &writer)
        }
        writer.endObject()
    }

    private func values(_ values: [(String, DatabaseValue)], logicalName: String, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("@odata.type", "#Microsoft.Dynamics.CRM.\(logicalName)")
        for (attribute, value) in values where !value.isNull {
            let kind = model.properties.first { $0.column == attribute }?.kind ?? .string(maxLength: 0)
            label(attribute, kind.label(of: value), to: &writer)
            writer.key(attribute)
            RecordRenderer.writeValue(value, kind: kind, to: &writer)
        }
        writer.endObject()
    }

    private func label(_ name: String, _ text: String?, to writer: inout JSONWriter) {
        guard formatted, let text else { return }
        writer.field(name + "@OData.Community.Display.V1.FormattedValue", text)
    }
}

extension PropertyKind {
    /// The formatted value Dataverse sends beside a value of this kind, if any (lookups: their
    /// target's name, which RecordRenderer joins in).
    func label(of value: DatabaseValue) -> String? {
        guard case .int64(let n) = value.storage else { return nil }
        switch self {
        case .optionSet(let label): return label(Int(n))
        case .integer: return NumberText.grouped(n)
        case .date: return Timestamp.formatted(n)
        case .boolean: return n != 0 ? "Yes" : "No"
        default: return nil
        }
    }
}
