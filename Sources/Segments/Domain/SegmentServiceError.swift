import Foundation

/// Everything a `SegmentService` call can fail with, phrased for the person at the keyboard and
/// free of any one API: adapters map their transport's errors onto these in one place each.
public enum SegmentServiceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The segment changed on the service since it was read (the version no longer matches).
    case conflict
    /// No such segment (or group, or record) on the service; the message says what.
    case notFound(String)
    /// The service refused the change, with its own message and, when it named them, the
    /// journeys and segments that stand in the way.
    case refused(message: String, blockers: SegmentUsage)
    /// Not signed in, the token expired, or no privilege for this; the message says which.
    case unauthorised(String)
    /// The service is busy; try again after `retryAfter` seconds when it said.
    case throttled(retryAfter: Double?)
    /// No answer: refused, dropped, timed out, no route.
    case unreachable(String)
    /// The user gave up waiting (Esc).
    case cancelled
    /// The service answered, but not in a shape we understand.
    case malformedReply(String)
    /// A bad argument on our side, or an operation this API does not have.
    case invalidRequest(String)
    /// The URL answers, but not as Dataverse does (a web page, another API).
    case notDataverse(String)

    /// A refusal without named blockers.
    public static func refused(_ message: String) -> SegmentServiceError {
        .refused(message: message, blockers: SegmentUsage())
    }

    public var description: String {
        switch self {
        case .conflict: return "The segment changed on the service meanwhile"
        case .notFound(let message): return message.isEmpty ? "Not found" : message
        case .refused(let message, let blockers):
            var text = message.isEmpty ? "The service refused" : message
            let names = (blockers.journeys.map { "journey \($0.label)" } + blockers.dependentSegments.map { "segment \($0.label)" })
            if !names.isEmpty { text += " (used by \(names.joined(separator: ", ")))" }
            return text
        case .unauthorised(let message): return message.isEmpty ? "Not signed in, or no privilege for this" : message
        case .throttled(let seconds):
            if let seconds { return "The service is busy (throttled); try again in \(Int(seconds.rounded(.up))) s" }
            return "The service is busy (throttled)"
        case .unreachable(let detail): return "Cannot reach the service: \(detail)"
        case .cancelled: return "Cancelled"
        case .malformedReply(let detail): return "Unexpected reply from the service: \(detail)"
        case .invalidRequest(let detail): return "Invalid request: \(detail)"
        case .notDataverse(let detail): return "Not a Dataverse service: \(detail)"
        }
    }

    public var isConflict: Bool { self == .conflict }

    public var isNotFound: Bool {
        if case .notFound = self { return true }
        return false
    }
}
