import Dispatch
import Foundation

/// Runs a block on the main queue later. Polling, debouncing and toasts go through it, so that
/// tests can replace the clock with one they advance by hand instead of waiting.
@MainActor
public protocol Scheduler: AnyObject {
    func schedule(after seconds: TimeInterval, _ action: @escaping @MainActor () -> Void)
}

/// The real clock: `DispatchQueue.main.asyncAfter`.
@MainActor
public final class MainQueueScheduler: Scheduler {
    public init() {}

    public func schedule(after seconds: TimeInterval, _ action: @escaping @MainActor () -> Void) {
        DispatchQueue.main.asyncAfter(deadline: .now() + seconds) { @Sendable in
            MainActor.assumeIsolated { action() }
        }
    }
}
