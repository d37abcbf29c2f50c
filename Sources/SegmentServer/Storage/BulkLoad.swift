import GRDB

/// Loading many rows at once. Building an index once from sorted rows is cheaper than growing it
/// one random key at a time, so a bulk load drops the secondary indexes of the tables it fills
/// and makes them again at the end (primary keys stay: they are the tables themselves).
enum BulkLoad {
    static func withoutIndexes<T>(_ db: Database, on tables: [String], _ body: () throws -> T) throws -> T {
        let marks = Array(repeating: "?", count: tables.count).joined(separator: ", ")
        let indexes = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN (\(marks)) AND sql IS NOT NULL",
            arguments: StatementArguments(tables))
        for index in indexes { try db.execute(sql: "DROP INDEX \(index["name"] as String)") }
        let result = try body()
        for index in indexes { try db.execute(sql: index["sql"] as String) }
        return result
    }
}
