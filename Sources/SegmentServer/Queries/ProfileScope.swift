/// What a `PROFILE(...)`'s conditions can name: the base row (contact or lead, aliased `c` in SQL)
/// and the parent accounts its `.RELATE`/`.RELATEOPTIONAL` steps join (aliased `r0`, `r1`...).
struct ProfileScope {
    struct Join {
        var alias: String
        var sqlAlias: String
        var sql: String
    }

    var baseAlias: String
    var baseModel: EntityModel
    var joins: [Join] = []

    /// Relationship schema names to the parent account, per base table. Neither the docs nor the
    /// community parsers list them: these are Dataverse's usual names and the descriptive form,
    /// both [I] (reference/journeys-segment-service.md §2.5).
    static let relationships: [String: [String: String]] = [
        "contact": ["contact_customer_accounts": "parentcustomerid", "contact_account_parentcustomerid": "parentcustomerid"],
        "lead": ["lead_parent_account": "parentaccountid", "lead_account_parentaccountid": "parentaccountid"],
    ]

    init(entity: String, alias: String, relations: [SegmentRelation]) throws(SegmentQueryError) {
        baseAlias = alias
        baseModel = entity == "lead" ? .leads : .contacts
        for relation in relations {
            guard let column = Self.relationships[entity]?[relation.name.lowercased()] else {
                let known = (Self.relationships[entity] ?? [:]).keys.sorted().joined(separator: ", ")
                throw SegmentQueryError(
                    message: "Unknown relationship '\(relation.name)' of \(entity) (known: \(known))", position: relation.position)
            }
            guard relation.alias.lowercased() != alias.lowercased(), !joins.contains(where: { $0.alias.lowercased() == relation.alias.lowercased() })
            else { throw SegmentQueryError(message: "The alias '\(relation.alias)' is used twice", position: relation.position) }
            let sqlAlias = "r\(joins.count)"
            let kind = relation.optional ? "LEFT JOIN" : "JOIN"
            joins.append(Join(alias: relation.alias, sqlAlias: sqlAlias, sql: "\(kind) accounts \(sqlAlias) ON \(sqlAlias).accountid = c.\(column)"))
        }
    }

    /// `SELECT c.contactid FROM contacts c ...`: member ids are always named `contactid`, so that
    /// set operations and callers need not care which table they come from.
    var selectSQL: String {
        let key = baseModel.key == "contactid" ? "c.contactid" : "c.\(baseModel.key) AS contactid"
        return (["SELECT \(key) FROM \(baseModel.table) c"] + joins.map(\.sql)).joined(separator: " ")
    }

    /// The SQL column, its comparable form, and the property `ref` names.
    func resolve(_ ref: SegmentAttributeRef) throws(SegmentQueryError) -> (column: String, comparable: String, property: PropertyModel) {
        let given = ref.alias?.lowercased()
        var model = baseModel
        var prefix = "c"
        if let given, given != baseAlias.lowercased() {
            guard let join = joins.first(where: { $0.alias.lowercased() == given }) else {
                throw SegmentQueryError(message: "Unknown alias '\(ref.alias ?? "")' (the profile is '\(baseAlias)')", position: ref.position)
            }
            model = .accountRecords
            prefix = join.sqlAlias
        }
        var name = ref.name.lowercased()
        if name == "parentcustomerid" || name == "parentaccountid" { name = "_\(name)_value" }
        guard let property = model.property(name), property.readable else {
            throw SegmentQueryError(message: "Unknown attribute '\(ref.name)' of \(model.logicalName)", position: ref.position)
        }
        let column = "\(prefix).\(property.column)"
        guard property.kind.isString else { return (column, column, property) }
        let comparable = property.foldColumn.map { "\(prefix).\($0)" } ?? PropertyModel.foldSQL(column)
        return (column, comparable, property)
    }
}
