import GRDB

/// A JSON answer with the headers that go with it.
struct ReadResult: Sendable {
    var body: String
    var etag: String?
    var preferenceApplied: String?
}

/// Runs collection and single-record reads: one SELECT with bound values, keyset paging, a count
/// capped at 5000 (and bounded work to get it), the JSON rendered while the rows stream.
enum RecordReader {
    static let countCap = 5000

    static func collection(
        _ db: Database, model: EntityModel, options: CollectionOptions, preferences: Preferences, serviceRoot: String
    ) throws -> ReadResult {
        let renderer = RecordRenderer(model: model, select: options.select, preferences: preferences)
        let keys = options.pagingKeys(model: model)
        var conditions: [SQLFragment] = []
        if let filter = options.filter { conditions.append(try FilterCompiler.compile(filter, model: model)) }
        var page = 1
        if let token = options.skipToken {
            let position = try SkipToken.decode(token, keys: keys.map(\.property))
            page = position.page
            conditions.append(keyset(after: position.values, keys: keys))
        }
        // `$top` only limits when no page size is asked for, as in Dataverse.
        let pageSize: Int
        var paged = true
        if let size = preferences.maxPageSize {
            pageSize = size
        } else if let top = options.top {
            pageSize = min(top, Preferences.maximumPageSize)
            paged = false
        } else {
            pageSize = Preferences.maximumPageSize
        }

        var sql = "SELECT " + (renderer.columns + keys.map(\.property.comparableSQL)).joined(separator: ", ")
        sql += " FROM \(model.table) t " + renderer.joins.joined(separator: " ")
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.map { "(\($0.sql))" }.joined(separator: " AND ")
        let arguments = StatementArguments(conditions.flatMap(\.arguments))
        sql += whereClause
        sql += " ORDER BY " + keys.map { "\($0.property.comparableSQL) \($0.descending ? "DESC" : "ASC")" }.joined(separator: ", ")
        sql += " LIMIT \(pageSize + (paged ? 1 : 0))"

        var writer = JSONWriter(capacity: 64 * 1024)
        writer.beginObject()
        writer.field(
            "@odata.context", RecordRenderer.context(serviceRoot: serviceRoot, model: model, selectText: options.selectText, entity: false))
        if options.count {
            // Counting stops at the cap: a count over a million rows would cost more than the page.
            var countConditions = [SQLFragment]()
            if let filter = options.filter { countConditions.append(try FilterCompiler.compile(filter, model: model)) }
            let countWhere = countConditions.isEmpty ? "" : " WHERE " + countConditions.map(\.sql).joined(separator: " AND ")
            let count =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM \(model.table) t\(countWhere) LIMIT \(countCap))",
                    arguments: StatementArguments(countConditions.flatMap(\.arguments))) ?? 0
            writer.field("@odata.count", count)
        }
        writer.key("value")
        writer.beginArray()
        var sent = 0
        var more = false
        var lastKeyValues: [DatabaseValue] = []
        let keyStart = renderer.columns.count
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            if sent == pageSize {
                more = true
                break
            }
            renderer.write(row, to: &writer)
            sent += 1
            if paged, sent == pageSize { lastKeyValues = (keyStart..<(keyStart + keys.count)).map { row[$0] as DatabaseValue } }
        }
        writer.endArray()
        if paged, more, sent > 0 {
            let token = SkipToken.encode(SkipToken.Position(page: page + 1, values: lastKeyValues), keys: keys.map(\.property))
            writer.field("@odata.nextLink", nextLink(serviceRoot: serviceRoot, model: model, options: options, token: token))
        }
        writer.endObject()
        return ReadResult(body: writer.text, etag: nil, preferenceApplied: preferences.applied(pageSize: true))
    }

    static func single(
        _ db: Database, model: EntityModel, id: String, options: CollectionOptions, preferences: Preferences, serviceRoot: String
    ) throws -> ReadResult? {
        let renderer = RecordRenderer(model: model, select: options.select, preferences: preferences)
        let sql =
            "SELECT " + renderer.columns.joined(separator: ", ") + " FROM \(model.table) t " + renderer.joins.joined(separator: " ")
            + " WHERE t.\(model.keyProperty.column) = ?"
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [id]) else { return nil }
        var writer = JSONWriter(capacity: 2048)
        writer.beginObject()
        writer.field(
            "@odata.context", RecordRenderer.context(serviceRoot: serviceRoot, model: model, selectText: options.selectText, entity: true))
        var record = JSONWriter(capacity: 2048)
        renderer.write(row, to: &record)
        // Splice the record's members after the context: one object, not a nested one.
        var bytes = writer.bytes
        let members = record.bytes.dropFirst()
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: members)
        return ReadResult(body: String(decoding: bytes, as: UTF8.self), etag: renderer.etag(of: row), preferenceApplied: preferences.applied(pageSize: false))
    }

    /// Rows strictly after `values` in the order of `keys`. SQLite sorts NULL first ascending and
    /// last descending; each case below follows that, so that no row is skipped or repeated.
    static func keyset(after values: [DatabaseValue], keys: [(property: PropertyModel, descending: Bool)]) -> SQLFragment {
        var alternatives: [SQLFragment] = []
        for k in 0..<keys.count {
            var parts: [String] = []
            var arguments: [DatabaseValue] = []
            for j in 0..<k {
                let column = keys[j].property.comparableSQL
                if values[j].isNull {
                    parts.append("\(column) IS NULL")
                } else {
                    parts.append("\(column) = ?")
                    arguments.append(values[j])
                }
            }
            let column = keys[k].property.comparableSQL
            let value = values[k]
            switch (keys[k].descending, value.isNull) {
            case (false, true): parts.append("\(column) IS NOT NULL")
            case (false, false):
                parts.append("\(column) > ?")
                arguments.append(value)
            case (true, true): continue  // nothing sorts after NULL when descending
            case (true, false):
                parts.append(keys[k].property.nullable ? "(\(column) < ? OR \(column) IS NULL)" : "\(column) < ?")
                arguments.append(value)
            }
            alternatives.append(SQLFragment(parts.joined(separator: " AND "), arguments))
        }
        guard !alternatives.isEmpty else { return SQLFragment("0") }
        var sql = alternatives.map { "(\($0.sql))" }.joined(separator: " OR ")
        var arguments = alternatives.flatMap(\.arguments)
        // A redundant bound on the first key lets SQLite seek in its index instead of scanning from the start.
        if let first = keys.first, !first.property.nullable, !values[0].isNull {
            sql = "\(first.property.comparableSQL) \(first.descending ? "<=" : ">=") ? AND (\(sql))"
            arguments.insert(values[0], at: 0)
        }
        return SQLFragment(sql, arguments)
    }

    static func nextLink(serviceRoot: String, model: EntityModel, options: CollectionOptions, token: String) -> String {
        var parts: [String] = []
        if let select = options.selectText { parts.append("$select=" + PercentEncoding.queryValue(select)) }
        if let filter = options.filterText { parts.append("$filter=" + PercentEncoding.queryValue(filter)) }
        if let order = options.orderText { parts.append("$orderby=" + PercentEncoding.queryValue(order)) }
        if options.count { parts.append("$count=true") }
        parts.append("$skiptoken=" + PercentEncoding.queryValue(token))
        return serviceRoot + model.entitySet + "?" + parts.joined(separator: "&")
    }
}
