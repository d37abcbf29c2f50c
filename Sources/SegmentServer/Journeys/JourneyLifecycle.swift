import Foundation
import GRDB

/// Publish and stop of journeys segments (reference/journeys-segment-service.md §4): publish
/// moves the pair to Going live (definition 723270002, segment 1/5 Exporting); when the delay is
/// up the membership is evaluated in a read transaction (never under the write lock, so that a
/// million-contact evaluation does not hold up other writers) and the pair lands on Live (0/1),
/// Live with warnings (1/7) or, with the reason kept, Error (1/3). Stop goes through Stopping
/// (723270005, 1/8) to Stopped (723270006, 1/9). Due times are stored: a restart resumes them.
final class JourneyLifecycle: Sendable {
    let pool: DatabasePool
    let delay: Double
    private let scheduler: LifecycleScheduler

    init(pool: DatabasePool, delay: Double) {
        self.pool = pool
        self.scheduler = LifecycleScheduler(delay: delay)
        self.delay = scheduler.delay
    }

    /// Statuses a publish starts from: Draft, Stopped, and Draft after an Error. (Expired has no
    /// known value, §4; this service never expires a segment.)
    static func canPublish(_ definition: StoredDefinition) -> Bool {
        definition.status == JourneyOptions.draft || definition.status == JourneyOptions.stopped
    }

    /// Inside the caller's write transaction. A query that does not parse is refused here, with its position.
    func publish(_ db: Database, segment: StoredJourneySegment, definition: StoredDefinition) throws {
        guard Self.canPublish(definition) else {
            throw ServiceError.badRequest(
                "The segment '\(definition.name)' is \(JourneyOptions.definitionStatus.label(definition.status)); only a Draft or Stopped segment can be published.")
        }
        if let text = definition.query, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                let query = try SegmentQueryParser.parse(text)
                if query.hasModifiers {
                    throw SegmentQueryError(message: "ORDERBY, SKIP, TAKE and SELECT do not belong in a segment query", position: 0)
                }
            } catch let error as SegmentQueryError {
                throw ServiceError.badRequest("The segment query is not valid: \(error.description).", code: "0x80040203")
            }
        } else if try StaticGroups.parse(definition.groupsText).isEmpty {
            throw ServiceError.badRequest("The segment '\(definition.name)' has neither a query nor static member groups.")
        }
        let now = Timestamp.now()
        try db.execute(
            sql: """
                UPDATE jx_definitions SET statuscode = ?, statecode = 0, statusdue = ?, errorreason = NULL, msdynmkt_computationstatus = ?,
                    msdynmkt_computationstartedon = ?, msdynmkt_computationfinishedon = NULL WHERE msdynmkt_segmentdefinitionid = ?
                """,
            arguments: [JourneyOptions.goingLive, scheduler.dueTime(), JourneyOptions.computationRunning, now, definition.id])
        try setSegmentStatus(db, segment.id, definitionStatus: JourneyOptions.goingLive)
        try JourneyStore.touchDefinition(db, id: definition.id)
        let id = definition.id
        db.afterNextTransaction { _ in self.schedule(id, after: self.delay) }
    }

    /// Live → Stopping, unless a live journey or a live segment depends on it (then nothing changes).
    func stop(_ db: Database, segment: StoredJourneySegment, definition: StoredDefinition) throws -> JourneyActionShapes.StopResult {
        var result = JourneyActionShapes.StopResult(segmentId: segment.id, stopped: false, dependentJourneys: [], dependentSegments: [])
        guard definition.isLive else {
            result.message = "The segment is \(JourneyOptions.definitionStatus.label(definition.status)), not Live."
            return result
        }
        result.dependentJourneys = try JourneyStore.journeysUsing(db, segmentId: segment.id, liveOnly: true)
        result.dependentSegments = try JourneyStore.liveSegmentsUsing(db, segmentId: segment.id)
        guard result.dependentJourneys.isEmpty, result.dependentSegments.isEmpty else {
            result.message = "The segment is used by live journeys or segments; stop them first."
            return result
        }
        try db.execute(
            sql: "UPDATE jx_definitions SET statuscode = ?, statusdue = ? WHERE msdynmkt_segmentdefinitionid = ?",
            arguments: [JourneyOptions.stopping, scheduler.dueTime(), definition.id])
        try setSegmentStatus(db, segment.id, definitionStatus: JourneyOptions.stopping)
        try JourneyStore.touchDefinition(db, id: definition.id)
        let id = definition.id
        db.afterNextTransaction { _ in self.schedule(id, after: self.delay) }
        result.stopped = true
        return result
    }

    private func setSegmentStatus(_ db: Database, _ segmentId: String, definitionStatus: Int) throws {
        let (state, status) = JourneyOptions.segmentStatus(forDefinition: definitionStatus)
        try db.execute(
            sql: "UPDATE jx_segments SET statecode = ?, statuscode = ? WHERE msdynmkt_segmentid = ?", arguments: [state, status, segmentId])
        try JourneyStore.touchSegment(db, id: segmentId)
    }

    /// The service's own move out of Going live or Stopping.
    func advance(definitionId id: String) async throws {
        let pending = try await pool.read { db -> (StoredDefinition, StoredJourneySegment?)? in
            guard let definition = try JourneyStore.definition(db, id: id), definition.isMoving else { return nil }
            return (definition, try JourneyStore.segment(db, definitionId: id))
        }
        guard let (definition, segment) = pending else { return }
        if definition.status == JourneyOptions.stopping {
            try await pool.write { db in
                guard try JourneyStore.definition(db, id: id)?.status == JourneyOptions.stopping else { return }
                try db.execute(
                    sql: "UPDATE jx_definitions SET statuscode = ?, statusdue = NULL WHERE msdynmkt_segmentdefinitionid = ?",
                    arguments: [JourneyOptions.stopped, id])
                try JourneyStore.touchDefinition(db, id: id)
                if let segment { try self.setSegmentStatus(db, segment.id, definitionStatus: JourneyOptions.stopped) }
            }
            return
        }
        // Evaluated off the write lock; applied only if nobody moved the pair meanwhile.
        let outcome: Result<Int, SegmentQueryError> = try await pool.read { db in
            guard let segment else { return .failure(SegmentQueryError(message: "The definition has no segment", position: 0)) }
            do {
                return .success(try JourneyMembership.count(db, segment: segment))
            } catch let error as SegmentQueryError {
                return .failure(error)
            }
        }
        let changedMeanwhile = try await pool.write { db -> Bool in
            guard let current = try JourneyStore.definition(db, id: id), current.status == JourneyOptions.goingLive else { return false }
            guard current.version == definition.version else { return true }
            let now = Timestamp.now()
            switch outcome {
            case .success(let count):
                // An empty result is published with a warning [I]: the reference lists the status, not its causes.
                let status = count == 0 ? JourneyOptions.liveWithWarnings : JourneyOptions.live
                try db.execute(
                    sql: """
                        UPDATE jx_definitions SET statuscode = ?, statusdue = NULL, errorreason = ?, msdynmkt_computationstatus = ?,
                            msdynmkt_computationfinishedon = ? WHERE msdynmkt_segmentdefinitionid = ?
                        """,
                    arguments: [status, count == 0 ? "The segment has no members." : nil, JourneyOptions.computationFinished, now, id])
                if let segment {
                    try self.setSegmentStatus(db, segment.id, definitionStatus: status)
                    let journeys = try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(DISTINCT u.journeyid) FROM jx_segmentusages u JOIN jx_journeys j ON j.msdynmkt_journeyid = u.journeyid
                            WHERE u.segmentid = ? AND j.statuscode = ?
                            """, arguments: [segment.id, JourneyOptions.journeyLive]) ?? 0
                    try db.execute(
                        sql: """
                            UPDATE jx_segments SET msdynmkt_membercount = ?, msdynmkt_lastevaluated = ?, msdynmkt_publishedjourneycount = ?
                            WHERE msdynmkt_segmentid = ?
                            """, arguments: [count, now, journeys, segment.id])
                }
            case .failure(let error):
                try db.execute(
                    sql: """
                        UPDATE jx_definitions SET statuscode = ?, statusdue = NULL, errorreason = ?, msdynmkt_computationstatus = ?,
                            msdynmkt_computationfinishedon = ? WHERE msdynmkt_segmentdefinitionid = ?
                        """,
                    arguments: [JourneyOptions.draft, "The segment could not be evaluated: \(error.description).", JourneyOptions.computationError, now, id])
                if let segment {
                    try db.execute(
                        sql: "UPDATE jx_segments SET statecode = 1, statuscode = ? WHERE msdynmkt_segmentid = ?",
                        arguments: [JourneyOptions.segError, segment.id])
                    try JourneyStore.touchSegment(db, id: segment.id)
                }
            }
            try JourneyStore.touchDefinition(db, id: id)
            return false
        }
        // Someone edited the definition while it was evaluated: evaluate it again.
        if changedMeanwhile { schedule(id, after: 0) }
    }

    func schedule(_ id: String, after seconds: Double) {
        scheduler.schedule(id, after: seconds) { [weak self] in try? await self?.advance(definitionId: id) }
    }

    /// Schedules the definitions a previous run left Going live or Stopping.
    func resumePending() throws {
        let statuses = [JourneyOptions.goingLive, JourneyOptions.stopping]
        try scheduler.resumePending(pool, table: "jx_definitions", key: DefinitionColumn.id, statuses: statuses) { [weak self] id in
            try? await self?.advance(definitionId: id)
        }
    }

    func stop() { scheduler.stop() }
}
