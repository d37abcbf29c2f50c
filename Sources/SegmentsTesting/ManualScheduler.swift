import Foundation
import ViewModels

/// A clock that only moves when told to; blocks run in time order as `advance` passes them.
@MainActor
public final class ManualScheduler: Scheduler {
    private var pending: [(due: TimeInterval, order: Int, action: @MainActor () -> Void)] = []
    private var counter = 0
    public private(set) var now: TimeInterval = 0

    public init() {}

    public func schedule(after seconds: TimeInterval, _ action: @escaping @MainActor () -> Void) {
        counter += 1
        pending.append((now + max(0, seconds), counter, action))
    }

    /// Delays of the blocks still waiting, from now, soonest first.
    public var pendingDelays: [TimeInterval] { pending.map { $0.due - now }.sorted() }

    /// Moves the clock on by `seconds`, running every block that falls due, including blocks
    /// that those blocks schedule within the same span.
    public func advance(by seconds: TimeInterval) {
        let target = now + seconds
        while let next = pending.filter({ $0.due <= target }).min(by: { ($0.due, $0.order) < ($1.due, $1.order) }) {
            pending.removeAll { $0.order == next.order }
            now = next.due
            next.action()
        }
        now = target
    }
}
