import GRDB

/// `msdyncrm_FetchContactsByQuery`: the contacts of a query, ordered, skipped and taken as its
/// `.ORDERBY(...).SKIP(n).TAKE(m).SELECT(...)` say.
enum MemberFetch {
    static func run(_ db: Database, query: SegmentQuery, skip: Int, take: Int, serviceRoot: String) throws -> String {
        let alias = "contact"
        var selected: [PropertyModel] = []
        var order: [(PropertyModel, Bool)] = []
        do {
            for ref in query.select { selected.append(try SegmentQueryCompiler.contactProperty(ref, alias: ref.alias ?? alias)) }
            for (ref, descending) in query.orderBy {
                order.append((try SegmentQueryCompiler.contactProperty(ref, alias: ref.alias ?? alias), descending))
            }
        } catch {
            throw ServiceError.badRequest("The query is not valid: \(error.description).")
        }
        if selected.isEmpty { selected = [EntityModel.contacts.keyProperty] }
        let membership: SQLFragment
        let total: Int
        do {
            (membership, total) = try condition(db, query.set)
        } catch let error as SegmentQueryError {
            throw ServiceError.badRequest("The query is not valid: \(error.description).")
        }
        let orderSQL = (order.map { "\($0.0.comparableSQL) \($0.1 ? "DESC" : "ASC")" } + ["t.contactid ASC"]).joined(separator: ", ")
        let columns = selected.map(\.valueSQL).joined(separator: ", ")
        var sql = "SELECT \(columns) FROM contacts t WHERE \(membership.sql) ORDER BY \(orderSQL) LIMIT \(take) OFFSET \(skip)"
        var arguments = membership.arguments
        if let segmentId = try staticSegmentId(db, query.set), Self.isNameOrder(order) {
            // The members' own name index gives the same order without visiting non-members.
            // The offset is walked in the covering index alone; only the page's rows are joined.
            sql = """
                SELECT \(columns) FROM (
                    SELECT contactid, fullname_fold FROM segment_members WHERE segmentid = ?
                    ORDER BY fullname_fold ASC, contactid ASC LIMIT \(take) OFFSET \(skip)
                ) m JOIN contacts t ON t.contactid = m.contactid
                ORDER BY m.fullname_fold ASC, m.contactid ASC
                """
            arguments = [segmentId.databaseValue]
        }
        var writer = JSONWriter(capacity: 256 + take * 64)
        ActionShapes.fetchContactsOpen(serviceRoot: serviceRoot, totalCount: total, moreRecords: skip + take < total, into: &writer)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            writer.beginObject()
            for (index, property) in selected.enumerated() {
                writer.key(property.name)
                RecordRenderer.writeValue(row[index], kind: property.kind, to: &writer)
            }
            writer.endObject()
        }
        ActionShapes.fetchContactsClose(&writer)
        return writer.text
    }

    /// The order the member index serves: by full name, ascending (then by id, as everywhere).
    private static func isNameOrder(_ order: [(PropertyModel, Bool)]) -> Bool {
        order.count == 1 && order[0].0.name == "fullname" && order[0].1 == false
    }

    private static func staticSegmentId(_ db: Database, _ set: SegmentSet) throws -> String? {
        guard case .segment(let name, _) = set else { return nil }
        return try String.fetchOne(
            db, sql: "SELECT msdyncrm_segmentid FROM segments WHERE msdyncrm_segmentqueryname = ? COLLATE NOCASE AND msdyncrm_segmenttype = 192350001",
            arguments: [name])
    }

    /// Membership of contact `t`, and the total. A static segment is checked row by row against
    /// its member key, so that a page in name order reads only as many members as it shows; its
    /// size is kept equal to its member count, so it gives the total at no cost.
    private static func condition(_ db: Database, _ set: SegmentSet) throws -> (SQLFragment, Int) {
        if case .segment(let name, _) = set,
            let row = try Row.fetchOne(
                db,
                sql: "SELECT msdyncrm_segmentid, msdyncrm_segmentsize FROM segments WHERE msdyncrm_segmentqueryname = ? COLLATE NOCASE AND msdyncrm_segmenttype = 192350001",
                arguments: [name])
        {
            let id: String = row[0]
            let size = try (row[1] as Int?) ?? SegmentStore.memberCount(db, segmentId: id)
            let exists = SQLFragment(
                "EXISTS (SELECT 1 FROM segment_members m WHERE m.segmentid = ? AND m.contactid = t.contactid)", [id.databaseValue])
            return (exists, size)
        }
        let (sql, arguments) = try SegmentQueryCompiler.membersSQL(set, db: db)
        return (SQLFragment("t.contactid IN (" + sql + ")", arguments), try SegmentQueryCompiler.count(set, db: db))
    }
}
