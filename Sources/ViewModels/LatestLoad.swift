import Segments

/// Page loads where only the latest counts: each load supersedes the one before it, whose reply
/// then lands nowhere (the user paged on, or reloaded). The member screens load their pages with
/// it; the list's paging is another matter (`PageChain`: keyset pages kept by continuation,
/// several in flight, one a direction), which member pages, read by number, do not need.
@MainActor
final class LatestLoad {
    /// A load is in flight.
    private(set) var isLoading = false
    private var generation = 0
    private let work: BackgroundWork

    init(work: BackgroundWork) {
        self.work = work
    }

    /// Runs `fetch` in the background; `landed` gets its result on the main queue unless another
    /// load has started since.
    func run<Value: Sendable>(
        _ fetch: @escaping @Sendable () throws(SegmentServiceError) -> Value,
        landed: @escaping @MainActor (Result<Value, SegmentServiceError>) -> Void
    ) {
        generation += 1
        let expected = generation
        isLoading = true
        work.run(fetch) { [weak self] result in
            guard let self, expected == self.generation else { return }
            self.isLoading = false
            landed(result)
        }
    }
}
