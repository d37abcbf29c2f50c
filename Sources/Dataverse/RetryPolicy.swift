import Foundation

/// When a failed request is tried again, and after how long.
///
/// - 429: always, after `Retry-After`: the service refused before doing anything.
/// - 5xx and network errors: only requests that are safe to repeat: GET, and PATCH or DELETE
///   made conditional with `If-Match` (a repeat either does nothing or fails with 412). A POST is
///   never repeated blindly: it may have been done before the answer was lost.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    /// The longest `Retry-After` we wait out before giving the 429 to the caller.
    public var maxThrottleWait: TimeInterval

    public init(maxAttempts: Int = 4, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 8, maxThrottleWait: TimeInterval = 300) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxThrottleWait = maxThrottleWait
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    public static func isRepeatable(_ request: HTTPRequest) -> Bool {
        switch request.method {
        case "GET", "HEAD": return true
        // DataverseClient.batch sends reads only, so a `$batch` from this client is safe to repeat.
        case "POST" where request.url.path.hasSuffix("/$batch"): return true
        case "PATCH", "DELETE": return request.headers["If-Match"] != nil
        default: return false
        }
    }

    /// Capped exponential back-off with full jitter, so that many clients do not retry in step.
    public func backOff(attempt: Int, random: Double = Double.random(in: 0...1)) -> TimeInterval {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        return max(0.05, ceiling * random)
    }

    /// Seconds from a `Retry-After` header (delta-seconds or an HTTP date).
    public static func retryAfter(_ header: String?, now: Date = Date()) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: header).map { max(0, $0.timeIntervalSince(now)) }
    }
}
