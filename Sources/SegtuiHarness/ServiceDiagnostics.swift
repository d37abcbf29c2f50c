import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The embedded service's diagnostics over HTTP, for tests and benchmarks against `segtui serve`:
/// every Web API request it received (`GET /segtui/requests?log=N`) and faults on demand
/// (`POST /segtui/faults`).
public struct ServiceDiagnostics: Sendable {
    public struct Request: Sendable, Equatable, CustomStringConvertible {
        public var number: Int
        public var method: String
        /// Path and query as sent (percent-encoded).
        public var target: String
        /// The log number of the `$batch` this request was a part of; nil for a request on its own.
        public var batch: Int? = nil

        /// The path without the query and without `/api/data/v9.x/`, percent-decoded: `msdyncrm_segments(…)`.
        public var resource: String {
            let path = String(target.prefix { $0 != "?" }).removingPercentEncoding ?? target
            guard let range = path.range(of: "/api/data/") else { return path }
            let rest = path[range.upperBound...]
            return rest.firstIndex(of: "/").map { String(rest[rest.index(after: $0)...]) } ?? String(rest)
        }

        /// The query, percent-decoded (`+` stays as sent).
        public var query: String {
            guard let mark = target.firstIndex(of: "?") else { return "" }
            return String(target[target.index(after: mark)...]).removingPercentEncoding ?? ""
        }

        public var description: String { "\(method) \(resource)\(query.isEmpty ? "" : "?" + query)" }
    }

    public let baseURL: URL

    public init(baseURL: URL) { self.baseURL = baseURL }

    /// The number the next request will get: take it before an action, read the log from it after.
    public func mark() throws -> Int {
        let json = try get("segtui/requests")
        // The log numbers a batch's parts too, so it runs ahead of the count of requests.
        return json["logNext"] as? Int ?? json["requests"] as? Int ?? 0
    }

    /// Web API requests received since the service started, a `$batch` counted once as the
    /// service protection counts it (its parts are in the log, not in this count).
    public func requestCount() throws -> Int {
        try get("segtui/requests")["requests"] as? Int ?? 0
    }

    /// Every Web API request from number `from` on.
    public func requests(from: Int) throws -> [Request] {
        let json = try get("segtui/requests?log=\(from)")
        let items = json["log"] as? [[String: Any]] ?? []
        return items.compactMap { item in
            guard let number = item["n"] as? Int, let method = item["method"] as? String, let target = item["target"] as? String else { return nil }
            return Request(number: number, method: method, target: target, batch: item["batch"] as? Int)
        }
    }

    /// The next `count` Web API requests answer `status` (429 or 5xx) with `Retry-After: retryAfter`.
    public func injectFaults(status: Int, count: Int, retryAfter: Int = 1) throws {
        _ = try send("POST", "segtui/faults?status=\(status)&count=\(count)&retryAfter=\(retryAfter)")
    }

    public func clearFaults() throws { _ = try send("DELETE", "segtui/faults") }

    public enum Failure: Error, CustomStringConvertible {
        case status(Int, String)
        case transport(String)
        public var description: String {
            switch self {
            case .status(let code, let body): return "HTTP \(code): \(body)"
            case .transport(let reason): return reason
            }
        }
    }

    private func get(_ path: String) throws -> [String: Any] {
        let data = try send("GET", path)
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    private func send(_ method: String, _ path: String) throws -> Data {
        guard let url = URL(string: path, relativeTo: baseURL)?.absoluteURL else { throw Failure.transport("bad path \(path)") }
        var request = URLRequest(url: url, timeoutInterval: 20)
        request.httpMethod = method
        let box = Reply()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.value.withLock { $0 = (data, (response as? HTTPURLResponse)?.statusCode, error.map { "\($0)" }) }
            done.signal()
        }.resume()
        done.wait()
        let (data, status, error) = box.value.withLock { $0 }
        if let error { throw Failure.transport(error) }
        guard let status, (200..<300).contains(status) else {
            throw Failure.status(status ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
        }
        return data ?? Data()
    }
}

/// The answer a URLSession callback hands back to the waiting caller.
private final class Reply: Sendable {
    let value = Mutex<(data: Data?, status: Int?, error: String?)>((nil, nil, nil))
}
