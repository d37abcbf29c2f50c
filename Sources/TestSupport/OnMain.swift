/// XCTest on Linux runs test methods on the main thread but cannot call main-actor methods;
/// these state the isolation the thread already has.
public func onMain(_ body: @MainActor () -> Void) {
    MainActor.assumeIsolated(body)
}

/// `onMain` for a body that throws.
public func onMainThrowing(_ body: @MainActor () throws -> Void) throws {
    try MainActor.assumeIsolated(body)
}
