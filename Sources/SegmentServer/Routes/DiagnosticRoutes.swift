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
/// how many requests one keystroke of a client cost. With `?log=K` also `"log": [{"n", "method",
/// "target"}]`, every request from number K on (RequestLog), so that a test sees what was asked.
extension DiagnosticRoutes {
    static let requestsPath = "/segtui/requests"

    static func requests(method: HTTPRequest.Method, query: String?, state: ServerState) throws -> Response {
        guard method == .get else { throw ServiceError.methodNotAllowed(method.rawValue, requestsPath) }
        var writer = JSONWriter()
        writer.beginObject()
        let counts = state.requestCounts.withLock { $0 }
        writer.field("requests", counts.all)
        writer.field("collectionReads", counts.collectionReads)
        // Parts of a `$batch` are logged too but not counted as requests: `logNext` is where the log goes on.
        writer.field("logNext", state.requestLog.next)
        if let from = try QueryParameters(rawQuery: query)["log"].map({ Int($0) ?? 0 }) {
            writer.key("log")
            writer.beginArray()
            for entry in state.requestLog.entries(from: from) {
                writer.beginObject()
                writer.field("n", entry.number)
                writer.field("method", entry.method)
                writer.field("target", entry.target)
                if let batch = entry.batch { writer.field("batch", batch) }
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return Reply.json(writer.text, status: .ok)
    }
}

/// `POST /segtui/faults?status=429|503&count=N&retryAfter=S` queues N answers of that status for
/// the next Web API requests (FaultQueue); `DELETE` clears the queue. Answers `{"queued": N}`.
extension DiagnosticRoutes {
    static let faultsPath = "/segtui/faults"

    static func faults(method: HTTPRequest.Method, query: String?, state: ServerState) throws -> Response {
        switch method {
        case .post:
            let parameters = try QueryParameters(rawQuery: query)
            let status = parameters["status"].flatMap { Int($0) } ?? 503
            guard status == 429 || (500...599).contains(status) else { throw ServiceError.badRequest("status must be 429 or 5xx") }
            let count = parameters["count"].flatMap { Int($0) } ?? 1
            let retryAfter = parameters["retryAfter"].flatMap { Int($0) } ?? 1
            state.faultQueue.add(FaultQueue.Fault(status: status, retryAfter: retryAfter), count: count)
        case .delete:
            state.faultQueue.clear()
        default:
            throw ServiceError.methodNotAllowed(method.rawValue, faultsPath)
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("queued", state.faultQueue.count)
        writer.endObject()
        return Reply.json(writer.text, status: .ok)
    }
}
