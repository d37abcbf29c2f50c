/// The `audit` table over the Web API ([D] `audit` table reference: entity set `audits`, key
/// `auditid`, `action`, `operation`, `createdon`, `_userid_value`, `_objectid_value`,
/// `objecttypecode`), read through the shared OData machinery; read-only, as in Dataverse.
/// The changed values are not columns here: [D] says to read them through the messages
/// (`RetrieveRecordChangeHistory`, AuditRoutes), not from `attributemask`/`changedata`.
extension EntityModel {
    /// `action` [D]: the event that caused the change (those this service records, and the common others).
    static let auditActions: [Int: String] = [
        1: "Create", 2: "Update", 3: "Delete", 4: "Activate", 5: "Deactivate", 13: "Assign", 14: "Share",
    ]
    /// `operation` [D].
    static let auditOperations: [Int: String] = [1: "Create", 2: "Update", 3: "Delete", 4: "Access", 5: "Upsert"]

    static let audits: EntityModel = {
        var model = EntityModel(
            entitySet: "audits", logicalName: "audit", table: "audits", key: "auditid",
            properties: [
                PropertyModel(name: "auditid", column: "auditid", kind: .guid, nullable: false),
                PropertyModel(name: "action", column: "action", kind: .optionSet { EntityModel.auditActions[$0] ?? "Action \($0)" }, nullable: false),
                PropertyModel(name: "operation", column: "operation", kind: .optionSet { EntityModel.auditOperations[$0] ?? "Operation \($0)" }, nullable: false),
                PropertyModel(name: "createdon", column: "createdon", kind: .date, nullable: false),
                PropertyModel(name: "_userid_value", column: "userid", kind: .lookup(EntityModel.users), nullable: false),
                PropertyModel(name: "_objectid_value", column: "objectid", kind: .guid, nullable: false),
                PropertyModel(name: "objecttypecode", column: "objecttypecode", kind: .string(maxLength: 100), nullable: false),
            ])
        model.versionSQL = "t.seq"
        return model
    }()
}
