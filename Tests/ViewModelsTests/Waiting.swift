import Foundation
import XCTest

/// Runs the main queue until `condition` holds or the deadline passes; results of background
/// work land on the main queue, so a test must let it turn instead of sleeping.
@MainActor
func waitUntil(
    _ what: String = "condition", timeout: TimeInterval = 5, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () -> Bool
) {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while !condition() {
        if Date() > deadline {
            XCTFail("timed out waiting for \(what)", file: file, line: line)
            return
        }
        _ = RunLoop.main.run(mode: .default, before: Date(timeIntervalSinceNow: 0.005))
    }
}

/// XCTest on Linux runs test methods on the main thread but cannot call main-actor methods;
/// this states the isolation the thread already has.
func onMain(_ body: @MainActor () -> Void) {
    MainActor.assumeIsolated(body)
}
