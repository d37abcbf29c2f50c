import Dispatch
import Segments

/// Runs blocking service calls on a background queue and hands their results to the main queue,
/// counting what is in flight so that the status bar can spin and tests can wait until idle.
@MainActor
public final class BackgroundWork {
    /// Requests started and not yet landed.
    public private(set) var inFlight = 0
    /// Called on the main queue whenever `inFlight` changes.
    public var onChange: (@MainActor () -> Void)?
    private let queue: DispatchQueue

    public init(queue: DispatchQueue = DispatchQueue(label: "segtui.service", qos: .userInitiated, attributes: .concurrent)) {
        self.queue = queue
    }

    public var isBusy: Bool { inFlight > 0 }

    /// Runs `work` off the main queue, then `completion` on it.
    public func run<Value: Sendable>(
        _ work: @escaping @Sendable () throws(SegmentServiceError) -> Value,
        completion: @escaping @MainActor (Result<Value, SegmentServiceError>) -> Void
    ) {
        inFlight += 1
        onChange?()
        queue.async { @Sendable in
            let result: Result<Value, SegmentServiceError>
            do throws(SegmentServiceError) { result = .success(try work()) } catch { result = .failure(error) }
            DispatchQueue.main.async { @Sendable in
                MainActor.assumeIsolated {
                    self.inFlight -= 1
                    completion(result)
                    self.onChange?()
                }
            }
        }
    }
}
