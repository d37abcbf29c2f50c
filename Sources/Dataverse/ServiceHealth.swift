import Foundation
import Synchronization

/// What the client knows of the service's state beyond single requests: throttled until when,
/// offline or not. The UI reads it to say "service busy, retrying in N s" or "offline"; while a
/// throttle lasts, new requests wait behind it instead of piling up, and `cancel()` (Esc) ends
/// the wait for all of them.
public final class ServiceHealth: Sendable {
    public struct State: Sendable, Equatable {
        public var throttledUntil: Date?
        public var isOffline = false
        public var lastProblem: String?
    }

    private let state = Mutex(State())
    private let wake = Mutex<[DispatchSemaphore]>([])
    private let cancelled = Mutex(0)
    /// Called (on any thread) when the state changes.
    public let onChange = Mutex<(@Sendable (State) -> Void)?>(nil)

    public init() {}

    public var current: State { state.withLock { $0 } }

    func throttled(until date: Date) {
        update { $0.throttledUntil = max(date, $0.throttledUntil ?? date) }
    }

    func reachable() {
        update { state in
            state.isOffline = false
            if let until = state.throttledUntil, until <= Date() { state.throttledUntil = nil }
        }
    }

    func unreachable(_ problem: String) {
        update { state in
            state.isOffline = true
            state.lastProblem = problem
        }
    }

    /// Ends every wait for the throttle now; the waiting requests fail with `.cancelled`.
    public func cancel() {
        cancelled.withLock { $0 += 1 }
        update { $0.throttledUntil = nil }
        for semaphore in wake.withLock({ $0 }) { semaphore.signal() }
    }

    /// Counts cancellations; a request notes it when it starts, so that a cancel at any moment
    /// of its life (even between two tries) ends it.
    var generation: Int { cancelled.withLock { $0 } }

    /// Blocks until the throttle is over. Throws `.cancelled` if `cancel()` came since `generation`.
    func waitWhileThrottled(since generation: Int) throws(DataverseError) {
        while let until = state.withLock({ $0.throttledUntil }), until > Date() {
            let semaphore = DispatchSemaphore(value: 0)
            wake.withLock { $0.append(semaphore) }
            _ = semaphore.wait(timeout: .now() + min(until.timeIntervalSinceNow, 1))
            wake.withLock { $0.removeAll { $0 === semaphore } }
            if cancelled.withLock({ $0 }) != generation { throw .cancelled }
        }
        if cancelled.withLock({ $0 }) != generation { throw .cancelled }
    }

    /// Waits `seconds` unless cancelled; true when the whole wait passed.
    func pause(_ seconds: TimeInterval, since generation: Int) -> Bool {
        let semaphore = DispatchSemaphore(value: 0)
        wake.withLock { $0.append(semaphore) }
        _ = semaphore.wait(timeout: .now() + seconds)
        wake.withLock { $0.removeAll { $0 === semaphore } }
        return cancelled.withLock { $0 } == generation
    }

    private func update(_ change: (inout State) -> Void) {
        let (changed, new): (Bool, State) = state.withLock { state in
            let old = state
            change(&state)
            return (old != state, state)
        }
        if changed, let observer = onChange.withLock({ $0 }) { observer(new) }
    }
}
