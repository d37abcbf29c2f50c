import Foundation
import Hummingbird
import SeededRandom
import Synchronization

/// Faults to exercise clients against: server errors, latency, dropped connections and broken
/// bodies. Off by default; rates are shares of requests (0...1), drawn from a seeded generator so
/// that a failing run can be repeated.
public struct FaultInjection: Sendable {
    /// Share of requests answered 500 or 503 (half each).
    public var errorRate: Double
    /// Seconds added before every answer.
    public var latency: Double
    /// Share of requests whose connection is closed without an answer.
    public var dropRate: Double
    /// Share of requests answered 200 with a body that is not valid JSON.
    public var malformedRate: Double
    public var seed: UInt64

    public init(errorRate: Double = 0, latency: Double = 0, dropRate: Double = 0, malformedRate: Double = 0, seed: UInt64 = 1) {
        self.errorRate = errorRate
        self.latency = latency
        self.dropRate = dropRate
        self.malformedRate = malformedRate
        self.seed = seed
    }

    public var isOff: Bool { errorRate <= 0 && latency <= 0 && dropRate <= 0 && malformedRate <= 0 }
}

final class FaultInjector: Sendable {
    enum Fault {
        case drop, serverError, unavailable, malformed
    }

    let faults: FaultInjection
    private let random: Mutex<SeededRandom>

    init(_ faults: FaultInjection) {
        self.faults = faults
        random = Mutex(SeededRandom(seed: faults.seed))
    }

    /// The fault for this request, if any, after the configured latency.
    func next() async -> Fault? {
        if faults.latency > 0 { try? await Task.sleep(for: .milliseconds(Int64(faults.latency * 1000))) }
        let (roll, coin) = random.withLock { random in
            (Double(random.next() % 1_000_000) / 1_000_000, random.next() % 2 == 0)
        }
        var threshold = faults.dropRate
        if roll < threshold { return .drop }
        threshold += faults.errorRate
        if roll < threshold { return coin ? .serverError : .unavailable }
        threshold += faults.malformedRate
        if roll < threshold { return .malformed }
        return nil
    }

    static func response(for fault: Fault) -> Response {
        switch fault {
        case .serverError:
            return Reply.error(ServiceError(status: .internalServerError, code: "0x80040216", message: "An unexpected error occurred."))
        case .unavailable:
            return Reply.error(
                ServiceError(
                    status: .serviceUnavailable, code: "0x80040216", message: "The service is temporarily unavailable.",
                    headers: [("Retry-After", "1")]))
        case .malformed, .drop:
            return Reply.json("{\"value\": [{\"msdyncrm_segmentid\": \"8d2f5c0e-")
        }
    }
}
