
/// What a lookup column points at, so that its formatted value (the target's name) can be joined in.
struct LookupTarget: Sendable {
    var table: String
    var keyColumn: String
    var nameColumn: String
    var logicalName: String
    var navigationProperty: String
}

enum PropertyKind: Sendable {
    case guid
    case string(maxLength: Int)
    /// An option set; the closure gives the label of a value.
    case optionSet(@Sendable (Int) -> String)
    /// A whole number with a formatted value ("12,408").
    case integer
    /// A row version: a number without a formatted value.
    case bigInt
    case date
    case lookup(LookupTarget)
    /// Stored 0/1, sent as true/false, labelled Yes/No.
    case boolean

    var edmType: String {
        switch self {
        case .guid, .lookup: return "Edm.Guid"
        case .string: return "Edm.String"
        case .optionSet, .integer: return "Edm.Int32"
        case .bigInt: return "Edm.Int64"
        case .date: return "Edm.DateTimeOffset"
        case .boolean: return "Edm.Boolean"
        }
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

/// One attribute of an entity as the Web API shows it, and where it lives in SQLite.
struct PropertyModel: Sendable {
    /// The Web API name (`_ownerid_value` for a lookup).
    var name: String
    /// The column in the entity's table.
    var column: String
    var kind: PropertyKind
    var nullable: Bool
    /// Write-only attributes (`msdyncrm_segmentmemberids`) read back as null.
    var readable = true
    /// A stored folded copy of a string column, used to filter and order without folding every row.
    var foldColumn: String?

    /// The value as selected from the table aliased `t`.
    var valueSQL: String { "t.\(column)" }

    /// What rows are compared and ordered by: strings case- and accent-insensitively.
    var comparableSQL: String {
        guard kind.isString else { return valueSQL }
        if let foldColumn { return "t.\(foldColumn)" }
        return Self.foldSQL("t.\(column)")
    }

    /// Folds in SQL: ASCII with SQLite's own `lower` (the common case, no call into Swift),
    /// anything else with `segtui_fold`. Both give `Fold.fold`'s result. A text is ASCII when it
    /// has as many bytes as characters, a test about three times cheaper than a `GLOB` for a
    /// character outside printable ASCII, which matters when a query scans a million contacts.
    static func foldSQL(_ column: String) -> String {
        "(CASE WHEN length(CAST(\(column) AS BLOB)) > length(\(column)) THEN segtui_fold(\(column)) ELSE lower(\(column)) END)"
    }
}

struct EntityModel: Sendable {
    var entitySet: String
    var logicalName: String
    var table: String
    var key: String
    var properties: [PropertyModel]
    /// The SQL that gives a row's version, for its ETag; tables without one have a fixed version.
    var versionSQL = "t.versionnumber"
    private var index: [String: Int] = [:]

    init(entitySet: String, logicalName: String, table: String, key: String, properties: [PropertyModel]) {
        self.entitySet = entitySet
        self.logicalName = logicalName
        self.table = table
        self.key = key
        self.properties = properties
        for (position, property) in properties.enumerated() { index[property.name] = position }
    }

    func property(_ name: String) -> PropertyModel? {
        index[name].map { properties[$0] }
    }

    var keyProperty: PropertyModel { properties[index[key]!] }

    var readableProperties: [PropertyModel] { properties.filter(\.readable) }
}

extension EntityModel {
    static let users = LookupTarget(
        table: "systemusers", keyColumn: "systemuserid", nameColumn: "fullname", logicalName: "systemuser",
        navigationProperty: "ownerid")

    static let segments: EntityModel = {
        typealias A = SegmentAttribute
        return EntityModel(
            entitySet: A.entitySet, logicalName: A.entityName, table: "segments", key: A.id,
            properties: [
                PropertyModel(name: A.id, column: A.id, kind: .guid, nullable: false),
                PropertyModel(name: A.name, column: A.name, kind: .string(maxLength: 100), nullable: false, foldColumn: "name_fold"),
                PropertyModel(name: A.type, column: A.type, kind: .optionSet { SegmentType(outboundCode: $0).label }, nullable: false),
                PropertyModel(name: A.status, column: A.status, kind: .optionSet { SegmentStatus(outboundCode: $0).label }, nullable: false),
                PropertyModel(
                    name: A.state, column: A.state,
                    kind: .optionSet { SegmentState(rawValue: $0)?.label ?? "State \($0)" }, nullable: false),
                PropertyModel(name: A.description, column: A.description, kind: .string(maxLength: 2000), nullable: true),
                PropertyModel(name: A.query, column: A.query, kind: .string(maxLength: 4000), nullable: true),
                PropertyModel(name: A.queryName, column: A.queryName, kind: .string(maxLength: 200), nullable: false),
                PropertyModel(
                    name: A.memberIds, column: "NULL", kind: .string(maxLength: 1_000_000), nullable: true, readable: false),
                PropertyModel(name: A.size, column: A.size, kind: .integer, nullable: true),
                PropertyModel(name: A.lastEvaluation, column: A.lastEvaluation, kind: .date, nullable: true),
                PropertyModel(name: A.nextEvaluation, column: A.nextEvaluation, kind: .date, nullable: true),
                PropertyModel(name: A.createdOn, column: A.createdOn, kind: .date, nullable: false),
                PropertyModel(name: A.modifiedOn, column: A.modifiedOn, kind: .date, nullable: false),
                PropertyModel(name: A.owner, column: "ownerid", kind: .lookup(users), nullable: false),
                PropertyModel(name: A.versionNumber, column: A.versionNumber, kind: .bigInt, nullable: false),
                PropertyModel(name: SegmentLifecycle.errorAttribute, column: "errorreason", kind: .string(maxLength: 2000), nullable: true),
            ])
    }()

    /// Read-only, so that clients can show who is signed in (`WhoAmI` gives only the id).
    static let systemUsers: EntityModel = {
        var model = EntityModel(
            entitySet: "systemusers", logicalName: "systemuser", table: "systemusers", key: "systemuserid",
            properties: [
                PropertyModel(name: "systemuserid", column: "systemuserid", kind: .guid, nullable: false),
                PropertyModel(name: "fullname", column: "fullname", kind: .string(maxLength: 200), nullable: false),
            ])
        model.versionSQL = "1"
        return model
    }()

    static let accounts = LookupTarget(
        table: "accounts", keyColumn: "accountid", nameColumn: "name", logicalName: "account",
        navigationProperty: "parentcustomerid_account")

    static let contacts = EntityModel(
        entitySet: "contacts", logicalName: "contact", table: "contacts", key: "contactid",
        properties: [
            PropertyModel(name: "contactid", column: "contactid", kind: .guid, nullable: false),
            PropertyModel(name: "fullname", column: "fullname", kind: .string(maxLength: 160), nullable: true, foldColumn: "fullname_fold"),
            PropertyModel(name: "firstname", column: "firstname", kind: .string(maxLength: 50), nullable: true),
            PropertyModel(name: "lastname", column: "lastname", kind: .string(maxLength: 50), nullable: true),
            PropertyModel(name: "emailaddress1", column: "emailaddress1", kind: .string(maxLength: 100), nullable: true),
            PropertyModel(name: "telephone1", column: "telephone1", kind: .string(maxLength: 50), nullable: true),
            PropertyModel(name: "jobtitle", column: "jobtitle", kind: .string(maxLength: 100), nullable: true),
            PropertyModel(name: "_parentcustomerid_value", column: "parentcustomerid", kind: .lookup(accounts), nullable: true),
            PropertyModel(name: "createdon", column: "createdon", kind: .date, nullable: false),
            PropertyModel(name: "modifiedon", column: "modifiedon", kind: .date, nullable: false),
            PropertyModel(name: "versionnumber", column: "versionnumber", kind: .bigInt, nullable: false),
        ])
}
