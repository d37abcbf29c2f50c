import Foundation
import GRDB
import Synchronization

/// When the service's own status moves happen, for both segment APIs: a record that enters an
/// in-between status (Going live, Stopping) gets a due time, stored in its `statusdue` column, and
/// one pending move here; scheduling it again replaces the pending one. A restart reads the due
/// times back, so the move happens even if the service stopped meanwhile. What a move writes is the
/// lifecycle's business (SegmentLifecycle, JourneyLifecycle); this only says when.
final class LifecycleScheduler: Sendable {
    /// Seconds a record stays in an in-between status.
    let delay: Double
    private let tasks = Mutex<[String: (token: UUID, task: Task<Void, Never>)]>([:])
    private let stopped = Mutex(false)

    init(delay: Double) {
        self.delay = max(0, delay)
    }

    /// The due time, in milliseconds since 1970, of a move that starts now.
    func dueTime() -> Int64 { Self.nowMilliseconds() + Int64(delay * 1000) }

    /// Runs `move` for record `id` after `seconds`, in place of the move pending for it, if any.
    /// `move` should hold its lifecycle weakly: the scheduler outlives no one.
    func schedule(_ id: String, after seconds: Double, move: @escaping @Sendable () async -> Void) {
        guard !stopped.withLock({ $0 }) else { return }
        let token = UUID()
        let task = Task.detached { [weak self] in
            try? await Task.sleep(for: .milliseconds(Int64(max(0, seconds) * 1000)))
            guard !Task.isCancelled, let self else { return }
            await move()
            self.tasks.withLock { tasks in
                if tasks[id]?.token == token { tasks[id] = nil }
            }
        }
        tasks.withLock { tasks in
            tasks[id]?.task.cancel()
            tasks[id] = (token, task)
        }
    }

    /// Schedules the records a previous run left in one of `statuses`, at their stored due times
    /// (at once when overdue; after the delay when a row has none).
    func resumePending(
        _ pool: DatabasePool, table: String, key: String, statuses: [Int], move: @escaping @Sendable (String) async -> Void
    ) throws {
        let pending = try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(key), statusdue FROM \(table) WHERE statuscode IN (\(statuses.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(statuses)
            ).map { (id: $0[0] as String, due: $0[1] as Int64?) }
        }
        let now = Self.nowMilliseconds()
        for (id, due) in pending {
            schedule(id, after: due.map { Double(max(0, $0 - now)) / 1000 } ?? delay) { await move(id) }
        }
    }

    /// Cancels every pending move and takes no more.
    func stop() {
        stopped.withLock { $0 = true }
        let running = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks.values.map(\.task)
        }
        for task in running { task.cancel() }
    }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
