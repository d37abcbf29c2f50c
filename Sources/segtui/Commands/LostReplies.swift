import Dispatch
import Foundation
import Segments

/// What a command does when it cannot tell from the answer whether its write happened.
///
/// A reply can be lost after the service committed: the connection drops, a proxy times out. The
/// client then repeats a conditional PATCH or DELETE (safe: it does nothing twice), and the repeat
/// meets 412 or 404 because the first one already took effect. A POST is not repeated. So after
/// such an error a command reads the service again and reports what is true, instead of the error.
enum LostReplies {
    /// Whether `error` leaves open that the write was done: no answer, an answer we could not
    /// read, or the conflict (412) or not-found (404) a repeated conditional write meets after a
    /// lost reply.
    static func mayHaveLanded(_ error: SegmentServiceError) -> Bool {
        switch error {
        case .unreachable, .malformedReply, .conflict, .notFound: return true
        default: return false
        }
    }

    /// Whether `error` is worth trying again for a request that is safe to repeat.
    static func isTransient(_ error: SegmentServiceError) -> Bool {
        switch error {
        case .unreachable, .malformedReply: return true
        default: return false
        }
    }

    /// Runs `body`, which must be safe to repeat (a read, or adding or removing the same ids), up
    /// to `attempts` times while it fails transiently, backing off a little between tries.
    static func repeating<T>(attempts: Int = 4, _ body: () throws(SegmentServiceError) -> T) throws(SegmentServiceError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do throws(SegmentServiceError) {
                return try body()
            } catch where isTransient(error) && attempt < attempts {
                // A dropped connection is usually back at once; a little pause spares a struggling service.
                _ = DispatchSemaphore(value: 0).wait(timeout: .now() + 0.1 * Double(attempt))
            }
        }
    }
}
