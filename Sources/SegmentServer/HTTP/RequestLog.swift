import Synchronization

/// Every Web API request the service received, in order (method, path and query as sent), so that
/// a test or a benchmark can see exactly what a client asked: no per-row reads, one request a
/// refresh. `GET /segtui/requests?log=N` answers the entries from number N on. Bounded: the
/// oldest entries are dropped past `capacity`, and their numbers are never reused.
final class RequestLog: Sendable {
    struct Entry: Sendable {
        var number: Int
        var method: String
        /// Path and query exactly as they arrived (still percent-encoded).
        var target: String
        /// The number of the `$batch` this request was a part of (BatchRequests), nil for one on its own.
        var batch: Int? = nil
    }

    static let capacity = 100_000
    private let entries = Mutex((first: 0, items: [Entry]()))

    @discardableResult
    func append(method: String, target: String, batch: Int? = nil) -> Int {
        entries.withLock { log in
            let number = log.first + log.items.count
            log.items.append(Entry(number: number, method: method, target: target, batch: batch))
            if log.items.count > Self.capacity {
                log.items.removeFirst(log.items.count - Self.capacity)
                log.first = number + 1 - log.items.count
            }
            return number
        }
    }

    /// The number the next entry will get (a batch's parts take numbers of their own).
    var next: Int { entries.withLock { $0.first + $0.items.count } }

    /// The entries numbered `from` and later that are still kept.
    func entries(from: Int) -> [Entry] {
        entries.withLock { log in
            let start = max(0, from - log.first)
            return start < log.items.count ? Array(log.items[start...]) : []
        }
    }
}

extension ServerState {
    /// Every Web API request, once its target is known: logged, then answered with a fault if a
    /// test queued one (FaultQueue).
    @discardableResult
    func received(method: String, target: String) throws(ServiceError) -> Int {
        let number = requestLog.append(method: method, target: target)
        if let fault = faultQueue.next() { throw fault }
        return number
    }
}
