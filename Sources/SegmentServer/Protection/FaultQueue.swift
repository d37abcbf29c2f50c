import Foundation
import HTTPTypes
import Synchronization

/// Faults asked for on demand, for tests of a client's back-off: the next `count` Web API requests
/// answer 429 (with `Retry-After`, as service protection does [D] segment-service.md, "Service
/// protection") or 503 (with `Retry-After`, as FaultInjection's). `POST /segtui/faults?status=429&
/// count=3&retryAfter=2` queues them; `DELETE /segtui/faults` clears them.
final class FaultQueue: Sendable {
    struct Fault: Sendable, Equatable {
        var status: Int
        var retryAfter: Int
    }

    private let pending = Mutex<[Fault]>([])

    func add(_ fault: Fault, count: Int) {
        pending.withLock { $0 += Array(repeating: fault, count: max(0, count)) }
    }

    func clear() { pending.withLock { $0.removeAll() } }

    var count: Int { pending.withLock { $0.count } }

    /// The fault for this request, if one is queued.
    func next() -> ServiceError? {
        guard let fault = pending.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return nil }
        let retry = [("Retry-After", String(fault.retryAfter))]
        if fault.status == 429 {
            return ServiceError(
                status: .tooManyRequests, code: "0x80072322",
                message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds.", headers: retry)
        }
        return ServiceError(
            status: .init(code: fault.status), code: "0x80040216", message: "The service is temporarily unavailable.", headers: retry)
    }
}
