import Foundation
import Keys
@testable import TerminalKit

/// Waits until `count` keys arrived (or five seconds passed), reading as the run loop does.
@MainActor
func readKeys(_ session: TerminalSession, count: Int) -> [Key] {
    var keys: [Key] = []
    let deadline = Date().addingTimeInterval(5)
    while keys.count < count && Date() < deadline {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, 100)
        keys += session.readKeys()
    }
    return keys
}
