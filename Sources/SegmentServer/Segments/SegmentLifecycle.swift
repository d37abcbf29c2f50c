import Foundation
import GRDB

/// Status changes and the service's own moves: Going live evaluates the query and, after a
/// delay, lands on Live (or Error with the reason); Stopping lands on Stopped. The due time is
/// stored, so that a restart finishes what a stop interrupted.
final class SegmentLifecycle: Sendable {
    /// Where the reason of an Error status is shown. The documentation names no such column;
    /// this one is ours, read-only, and null unless the status is Error.
    static let errorAttribute = "msdyncrm_evaluationerror"

    let pool: DatabasePool
    /// Seconds a segment stays Going live or Stopping.
    let delay: Double
    private let scheduler: LifecycleScheduler

    init(pool: DatabasePool, delay: Double) {
        self.pool = pool
        self.scheduler = LifecycleScheduler(delay: delay)
        self.delay = scheduler.delay
    }

    /// A query evaluated outside the write lock, for the query text it was evaluated from.
    struct Evaluation: Sendable {
        var query: String?
        var outcome: Result<Int, SegmentQueryError>
    }

    /// Evaluates `query` for `segment` in a read transaction, so that a write can use the result.
    static func evaluation(_ db: Database, _ segment: StoredSegment) throws -> Evaluation {
        do {
            return Evaluation(query: segment.query, outcome: .success(try evaluate(db, segment)))
        } catch let error as SegmentQueryError {
            return Evaluation(query: segment.query, outcome: .failure(error))
        }
    }

    /// Moves `segment` to `status` inside the caller's transaction, or refuses with 400. Going
    /// straight to Live needs `evaluated`, the query's count taken before the write began.
    func requestStatus(_ db: Database, segment: StoredSegment, to status: SegmentStatus, evaluated: Evaluation? = nil) throws {
        guard segment.status != status else { return }
        guard segment.status.canMove(to: status) else {
            let allowed = segment.status.outboundTransitions.map(\.label).joined(separator: ", ")
            throw ServiceError.badRequest(
                "A segment cannot go from \(segment.status.label) to \(status.label). From \(segment.status.label) it can go to: \(allowed.isEmpty ? "nothing" : allowed).",
                code: "0x80040203")
        }
        switch status {
        case .goingLive, .stopping:
            let due = scheduler.dueTime()
            try db.execute(
                sql: "UPDATE segments SET statuscode = ?, statecode = 0, statusdue = ?, errorreason = NULL WHERE msdyncrm_segmentid = ?",
                arguments: [status.outboundCode, due, segment.id])
            let id = segment.id
            db.afterNextTransaction { _ in self.schedule(id, after: self.delay) }
        case .live:
            // The 2019 way: straight to Live. There is no in-between status to park an error in, so
            // refuse. The route evaluated the query before taking the write lock; evaluating here
            // would stop every other writer for as long as the query runs.
            guard let evaluated, evaluated.query == segment.query else {
                if segment.type == .static {
                    try markLive(db, segment, size: try SegmentStore.memberCount(db, segmentId: segment.id))
                    return
                }
                throw ServiceError.versionMismatch
            }
            switch evaluated.outcome {
            case .success(let size): try markLive(db, segment, size: size)
            case .failure(let error): throw ServiceError.badRequest("The segment query is not valid: \(error.description).", code: "0x80040203")
            }
        default:
            try db.execute(
                sql: "UPDATE segments SET statuscode = ?, statecode = ?, statusdue = NULL WHERE msdyncrm_segmentid = ?",
                arguments: [status.outboundCode, status.outboundStateCode, segment.id])
        }
    }

    /// The member count `segment` has now; a query that cannot be evaluated throws `SegmentQueryError`.
    static func evaluate(_ db: Database, _ segment: StoredSegment) throws -> Int {
        if segment.type == .static { return try SegmentStore.memberCount(db, segmentId: segment.id) }
        guard let text = segment.query, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SegmentQueryError(message: "The segment has no query", position: 0)
        }
        let query = try SegmentQueryParser.parse(text)
        if query.hasModifiers {
            throw SegmentQueryError(message: "ORDERBY, SKIP, TAKE and SELECT belong to member fetches, not to a segment query", position: 0)
        }
        return try SegmentQueryCompiler.count(query.set, db: db, excluding: segment.id)
    }

    private func markLive(_ db: Database, _ segment: StoredSegment, size: Int) throws {
        let now = Timestamp.now()
        try db.execute(
            sql: """
                UPDATE segments SET statuscode = ?, statecode = 0, statusdue = NULL, errorreason = NULL, msdyncrm_segmentsize = ?,
                    msdyncrm_lastevaluationtime = ?, msdyncrm_nextevaluation = ? WHERE msdyncrm_segmentid = ?
                """,
            arguments: [SegmentStatus.live.outboundCode, size, now, segment.type == .dynamic ? now + 86_400 : nil, segment.id])
    }

    /// What the due move will write, worked out in a read transaction: the evaluation of a segment
    /// Going live runs there, never while holding the write lock that every writer waits for.
    enum Move: Sendable {
        case live(version: Int64, size: Int)
        case error(version: Int64, reason: String)
        case stopped(version: Int64)
    }

    static func plan(_ db: Database, id: String) -> Move? {
        guard let segment = try? SegmentStore.load(db, id: id) else { return nil }
        switch segment.status {
        case .goingLive:
            do {
                return .live(version: segment.version, size: try evaluate(db, segment))
            } catch let error as SegmentQueryError {
                return .error(version: segment.version, reason: "The segment query is not valid: \(error.description).")
            } catch {
                // Any other failure (SQLite's included) ends in Error too: left Going live, the
                // evaluation would start again at every restart and fail again, forever.
                return .error(version: segment.version, reason: "The segment query could not be evaluated.")
            }
        case .stopping:
            return .stopped(version: segment.version)
        default:
            return nil
        }
    }

    /// Writes a planned move unless the segment changed since it was planned; false if it did.
    func apply(_ db: Database, id: String, _ move: Move) throws -> Bool {
        guard let segment = try SegmentStore.load(db, id: id) else { return true }
        switch move {
        case .live(let version, let size):
            guard segment.status == .goingLive, segment.version == version else { return segment.status != .goingLive }
            try markLive(db, segment, size: size)
        case .error(let version, let reason):
            guard segment.status == .goingLive, segment.version == version else { return segment.status != .goingLive }
            try db.execute(
                sql: "UPDATE segments SET statuscode = ?, statecode = 0, statusdue = NULL, errorreason = ? WHERE msdyncrm_segmentid = ?",
                arguments: [SegmentStatus.error.outboundCode, reason, id])
        case .stopped(let version):
            guard segment.status == .stopping, segment.version == version else { return segment.status != .stopping }
            try db.execute(
                sql: "UPDATE segments SET statuscode = ?, statecode = 0, statusdue = NULL WHERE msdyncrm_segmentid = ?",
                arguments: [SegmentStatus.stopped.outboundCode, id])
        }
        try SegmentStore.touch(db, id: id)
        return true
    }

    /// The service's own move out of Going live or Stopping, when it is due: planned in a read,
    /// written in a short write, planned again if a writer changed the segment in between.
    func advance(id: String) async {
        for _ in 0..<5 {
            guard let move = try? await pool.read({ db in Self.plan(db, id: id) }) else { return }
            let done: Bool
            do {
                done = try await pool.write { db in try self.apply(db, id: id, move) }
            } catch {
                return
            }
            if done { return }
        }
    }

    func schedule(_ id: String, after seconds: Double) {
        scheduler.schedule(id, after: seconds) { [weak self] in await self?.advance(id: id) }
    }

    /// Schedules the segments a previous run left Going live or Stopping.
    func resumePending() throws {
        let statuses = [SegmentStatus.goingLive, SegmentStatus.stopping].compactMap(\.outboundCode)
        try scheduler.resumePending(pool, table: "segments", key: "msdyncrm_segmentid", statuses: statuses) { [weak self] id in
            await self?.advance(id: id)
        }
    }

    func stop() { scheduler.stop() }
}
