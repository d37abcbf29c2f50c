import GRDB
import Hummingbird

/// `GET /segtui/integrity`: SQLite's `PRAGMA integrity_check` over the service's database, for
/// tests and operators who want to know that the file survived a crash. It is not part of the
/// Dataverse Web API, so it lives outside `/api/data/`; it answers 200 with `{"ok": true,
/// "messages": ["ok"]}` when the database is sound and 500 with SQLite's findings when it is not.
enum DiagnosticRoutes {
    static let integrityPath = "/segtui/integrity"

    static func integrity(method: HTTPRequest.Method, state: ServerState) async throws -> Response {
        guard method == .get else { throw ServiceError.methodNotAllowed(method.rawValue, integrityPath) }
        let messages = try await state.database.pool.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check")
        }
        let ok = messages == ["ok"]
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("ok")
        writer.bool(ok)
        writer.key("messages")
        writer.beginArray()
        for message in messages { writer.string(message) }
        writer.endArray()
        writer.endObject()
        return Reply.json(writer.text, status: ok ? .ok : .internalServerError)
    }
}

/// `GET /segtui/requests`: `{"requests": N, "collectionReads": M}`, the Web API requests received
/// since the service started and the pages of collections among them, so that a benchmark can tell
/// how many requests one keystroke of a client cost.
extension DiagnosticRoutes {
    static let requestsPath = "/segtui/requests"

    static func requests(method: HTTPRequest.Method, state: ServerState) throws -> Response {
        guard method == .get else { throw ServiceError.methodNotAllowed(method.rawValue, requestsPath) }
        var writer = JSONWriter()
        writer.beginObject()
        let counts = state.requestCounts.withLock { $0 }
        writer.field("requests", counts.all)
        writer.field("collectionReads", counts.collectionReads)
        writer.endObject()
        return Reply.json(writer.text, status: .ok)
    }
}
