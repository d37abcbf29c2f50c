import Foundation

/// Throttling and reachability as the client sees them beyond single requests, for the status
/// bar ("busy, retrying in N s", "offline"). Adapters over a network give one; others do not.
public struct ConnectionHealth: Sendable, Equatable {
    public var throttledUntil: Date?
    public var isOffline: Bool
    public var lastProblem: String?

    public init(throttledUntil: Date? = nil, isOffline: Bool = false, lastProblem: String? = nil) {
        self.throttledUntil = throttledUntil
        self.isOffline = isOffline
        self.lastProblem = lastProblem
    }
}

/// The source of `ConnectionHealth` a service exposes.
public protocol ConnectionHealthSource: Sendable {
    var current: ConnectionHealth { get }
    /// Calls `observer` (on any thread) whenever the health changes; replaces an earlier observer.
    func observe(_ observer: @escaping @Sendable (ConnectionHealth) -> Void)
    /// Ends every wait for a throttle now; the waiting calls fail with `.cancelled`.
    func cancelWaits()
}
