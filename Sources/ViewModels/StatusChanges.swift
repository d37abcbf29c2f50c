import Foundation
import Segments

/// Takes segments live and stops them, then watches them until the service says where they
/// ended: the PATCH asks for Going live or Stopping, and the service moves the segment on by
/// itself, so the row is re-read with back-off (0.5 s doubling to 5 s) until it is Live,
/// Stopped or Error. The row always shows the service's answer, never a guess.
@MainActor
public final class StatusChanges {
    public static let firstPollDelay: TimeInterval = 0.5
    public static let longestPollDelay: TimeInterval = 5

    /// Polls of one segment before giving up (about two and a half minutes at the longest delay):
    /// a segment stuck on its way must not keep the program awake for ever. `r` looks again.
    public static let pollLimit = 35

    /// One segment on its way: what to call it, how long until the next poll, polls so far.
    struct Watch {
        var name: String
        var delay: TimeInterval
        var polls: Int
    }

    /// Segments being watched, by id.
    private(set) var watching: [String: Watch] = [:]

    private let service: any SegmentService
    private let work: BackgroundWork
    private let scheduler: any Scheduler
    /// A fresher copy of a segment arrived.
    var onSegment: (@MainActor (Segment) -> Void)?
    var onToast: (@MainActor (String) -> Void)?
    var onError: (@MainActor (SegmentServiceError) -> Void)?
    /// A requested change did not happen; the text names it.
    var onActionFailed: (@MainActor (String) -> Void)?

    init(service: any SegmentService, work: BackgroundWork, scheduler: any Scheduler) {
        self.service = service
        self.work = work
        self.scheduler = scheduler
    }

    public var isWatching: Bool { !watching.isEmpty }

    /// Where `L` takes a segment: Live and Error stop, Draft and Stopped go live; nil while the
    /// segment is on its way somewhere (or can go nowhere).
    /// On journeys an expired segment is published again too (reference §4, Refresh: "must be
    /// republished"); outbound's metadata keeps an expired one where it is.
    public static func target(for status: SegmentStatus, api: SegmentAPI = .outbound) -> SegmentStatus? {
        if api == .journeys {
            if status.canStop { return .stopping }
            return status.canPublish ? .goingLive : nil
        }
        switch status {
        case .live, .liveEditable, .liveWithWarnings: return .stopping
        case .draft, .stopped, .error: return .goingLive
        case .goingLive, .stopping, .expired, .deleted, .unknown: return nil
        }
    }

    /// Sends the change (conditional on the ETag the user saw), then re-reads the segment.
    public func request(_ segment: Segment, to target: SegmentStatus) {
        let id = segment.id
        let etag = segment.etag
        let name = segment.name
        work.run({ [service] () throws(SegmentServiceError) -> Segment in
            // Publish and stop, not a status write: journeys has only these, and a stop it
            // refuses names what stands in the way.
            let outcome = target == .stopping
                ? try service.stop(id: id, ifMatch: etag) : try service.publish(id: id, ifMatch: etag)
            guard outcome.accepted else {
                throw .refused(message: outcome.message ?? "The service refused.", blockers: outcome.blockers)
            }
            return try service.segment(id: id)
        }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let fresh):
                self.onSegment?(fresh)
                self.watching[id] = nil
                self.follow(fresh, delay: Self.firstPollDelay)
            case .failure(let error):
                // Unreachable: the message names the action, so that one lost while the service
                // was down is not mistaken for one still on its way (the service's own refusals
                // name the segment themselves).
                if case .unreachable = error {
                    let verb = target == .goingLive ? "take '\(name)' live" : "stop '\(name)'"
                    self.onActionFailed?("Could not \(verb): \(error.description)")
                } else {
                    self.onError?(error)
                }
                // Show what the service holds now (a 412 means someone else moved it).
                self.refresh(id: id, name: name)
            }
        }
    }

    /// Starts watching a segment that is already on its way (seen in a reload).
    public func watchIfMoving(_ segment: Segment) {
        guard segment.status.isTransitional, watching[segment.id] == nil else { return }
        follow(segment, delay: Self.firstPollDelay)
    }

    private func follow(_ segment: Segment, delay: TimeInterval) {
        guard segment.status.isTransitional else {
            watching[segment.id] = nil
            return
        }
        schedulePoll(id: segment.id, name: segment.name, delay: delay, still: segment.status.label.lowercased())
    }

    /// Counts the poll and schedules it, or gives up once the limit is reached, whether the polls
    /// were answered (still on its way) or failed (the service unreachable).
    private func schedulePoll(id: String, name: String, delay: TimeInterval, still: String) {
        let polls = (watching[id]?.polls ?? 0) + 1
        guard polls <= Self.pollLimit else {
            watching[id] = nil
            onToast?("'\(name)' is still \(still); r looks again")
            return
        }
        watching[id] = Watch(name: name, delay: delay, polls: polls)
        scheduler.schedule(after: delay) { [weak self] in self?.poll(id: id) }
    }

    private func poll(id: String) {
        guard let watch = watching[id] else { return }
        let slower = min(watch.delay * 2, Self.longestPollDelay)
        work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id) }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let fresh):
                self.onSegment?(fresh)
                if fresh.status.isTransitional {
                    self.follow(fresh, delay: slower)
                } else {
                    self.watching[id] = nil
                    self.onToast?(Self.arrival(fresh))
                }
            case .failure(let error):
                // A failed poll is not the end of the transition: say so and keep trying, slower,
                // within the same limit as answered polls.
                self.onError?(error)
                if error.isNotFound {
                    self.watching[id] = nil
                } else {
                    self.schedulePoll(id: id, name: watch.name, delay: slower, still: "unconfirmed")
                }
            }
        }
    }

    private func refresh(id: String, name: String) {
        work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id) }) { [weak self] result in
            guard let self, case .success(let fresh) = result else { return }
            self.onSegment?(fresh)
            self.watchIfMoving(fresh)
        }
    }

    static func arrival(_ segment: Segment) -> String {
        switch segment.status {
        case .live: return "Segment '\(segment.name)' is live"
        case .stopped: return "Segment '\(segment.name)' is stopped"
        case .error:
            // The reason, when the service gave one, is what the user needs next (issue 12, bug 3).
            let reason = segment.errorReason.map { ": " + $0.replacingOccurrences(of: "\n", with: " ") } ?? ""
            return "Segment '\(segment.name)' ended in Error" + reason
        default: return "Segment '\(segment.name)' is \(segment.status.label)"
        }
    }
}
