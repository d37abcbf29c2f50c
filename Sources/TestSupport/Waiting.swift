import Foundation
import XCTest

// Tests never sleep for a fixed time: they wait on a condition with a deadline, letting the run
// loop turn in between, since results of background work land on the main queue.

/// Polls `produce` until it gives a value or `timeout` seconds pass; at the deadline fails the
/// test ("timed out waiting for WHAT") and returns nil. `what` is read only then, so it may
/// describe the last state seen.
@discardableResult
public func waitFor<T>(
    _ what: @autoclosure () -> String, within timeout: TimeInterval = 5, poll interval: TimeInterval = 0.005,
    file: StaticString = #filePath, line: UInt = #line, _ produce: () throws -> T?
) rethrows -> T? {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while true {
        if let value = try produce() { return value }
        if Date() > deadline { break }
        _ = RunLoop.current.run(mode: .default, before: Date(timeIntervalSinceNow: interval))
    }
    XCTFail("timed out waiting for \(what())", file: file, line: line)
    return nil
}

/// Waits until `condition` holds, failing the test at the deadline. A condition that asks a
/// server polls less often (`poll`), so as not to load what it waits for.
public func waitUntil(
    _ what: @autoclosure () -> String = "condition", within timeout: TimeInterval = 5, poll interval: TimeInterval = 0.005,
    file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool
) rethrows {
    try waitFor(what(), within: timeout, poll: interval, file: file, line: line) { try condition() ? true : nil }
}

/// Polls `condition` until it holds or `timeout` seconds pass and says whether it held, without
/// failing: for callers that decide themselves (a process that may or may not be gone).
public func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date(timeIntervalSinceNow: timeout)
    while Date() < deadline {
        if condition() { return true }
        _ = RunLoop.current.run(mode: .default, before: Date(timeIntervalSinceNow: 0.05))
    }
    return condition()
}
