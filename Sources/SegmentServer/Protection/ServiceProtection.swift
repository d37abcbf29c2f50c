import Foundation
import Synchronization

/// Service protection limits like Dataverse's, per caller: requests in a sliding window and
/// requests in flight. Past either, the answer is 429 with `Retry-After`.
public struct ServiceProtection: Sendable {
    public var requestsPerWindow: Int
    /// Seconds of the sliding window.
    public var window: Double
    public var maxConcurrent: Int

    public init(requestsPerWindow: Int = 6000, window: Double = 300, maxConcurrent: Int = 52) {
        self.requestsPerWindow = requestsPerWindow
        self.window = window
        self.maxConcurrent = maxConcurrent
    }
}

final class ProtectionGate: Sendable {
    private struct Caller {
        var times: [Double] = []
        var start = 0
        var inFlight = 0
    }

    let limits: ServiceProtection
    private let callers = Mutex<[String: Caller]>([:])

    init(limits: ServiceProtection) {
        self.limits = limits
    }

    /// Admits a request of `caller` or throws 429; an admitted request must call `leave`.
    func enter(_ caller: String, now: Double = Date().timeIntervalSince1970) throws(ServiceError) {
        let limits = self.limits
        let refusal: ServiceError? = callers.withLock { callers in
            var state = callers[caller] ?? Caller()
            defer { callers[caller] = state }
            // Times are appended in order; `start` skips those that left the window without copying.
            while state.start < state.times.count, state.times[state.start] <= now - limits.window { state.start += 1 }
            if state.start > 1024 {
                state.times.removeFirst(state.start)
                state.start = 0
            }
            if state.times.count - state.start >= limits.requestsPerWindow {
                let retry = max(1, Int((state.times[state.start] + limits.window - now).rounded(.up)))
                return ServiceError(
                    status: .tooManyRequests, code: "0x80072322",
                    message: "Number of requests exceeded the limit of \(limits.requestsPerWindow) over time window of \(Int(limits.window)) seconds.",
                    headers: [("Retry-After", String(retry))])
            }
            if state.inFlight >= limits.maxConcurrent {
                return ServiceError(
                    status: .tooManyRequests, code: "0x80072326",
                    message: "Number of concurrent requests exceeded the limit of \(limits.maxConcurrent).", headers: [("Retry-After", "1")])
            }
            state.times.append(now)
            state.inFlight += 1
            return nil
        }
        if let refusal { throw refusal }
    }

    func leave(_ caller: String) {
        callers.withLock { callers in callers[caller]?.inFlight -= 1 }
    }
}
