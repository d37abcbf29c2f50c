import Dataverse
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

    /// Segments being watched, by id, with the delay before their next poll.
    public private(set) var watching: [String: TimeInterval] = [:]
    private var polls: [String: Int] = [:]

    private let service: any SegmentService
    private let work: BackgroundWork
    private let scheduler: any Scheduler
    /// A fresher copy of a segment arrived.
    var onSegment: (@MainActor (Segment) -> Void)?
    var onToast: (@MainActor (String) -> Void)?
    var onError: (@MainActor (DataverseError) -> Void)?

    init(service: any SegmentService, work: BackgroundWork, scheduler: any Scheduler) {
        self.service = service
        self.work = work
        self.scheduler = scheduler
    }

    public var isWatching: Bool { !watching.isEmpty }

    /// Where `L` takes a segment: Live and Error stop, Draft and Stopped go live; nil while the
    /// segment is on its way somewhere (or can go nowhere).
    public static func target(for status: SegmentStatus) -> SegmentStatus? {
        switch status {
        case .live, .liveEditable: return .stopping
        case .draft, .stopped, .error: return .goingLive
        case .goingLive, .stopping, .expired, .unknown: return nil
        }
    }

    /// Sends the change (conditional on the ETag the user saw), then re-reads the segment.
    public func request(_ segment: Segment, to target: SegmentStatus) {
        let id = segment.id
        let etag = segment.etag
        let name = segment.name
        work.run({ [service] () throws(DataverseError) -> Segment in
            try service.setStatus(id: id, to: target, ifMatch: etag)
            return try service.segment(id: id)
        }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let fresh):
                self.onSegment?(fresh)
                self.polls[id] = nil
                self.follow(fresh, delay: Self.firstPollDelay)
            case .failure(let error):
                self.onError?(error)
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
        let count = (polls[segment.id] ?? 0) + 1
        guard segment.status.isTransitional, count <= Self.pollLimit else {
            if segment.status.isTransitional {
                onToast?("'\(segment.name)' is still \(segment.status.label.lowercased()); r looks again")
            }
            watching[segment.id] = nil
            polls[segment.id] = nil
            return
        }
        polls[segment.id] = count
        watching[segment.id] = delay
        let id = segment.id
        scheduler.schedule(after: delay) { [weak self] in self?.poll(id: id) }
    }

    private func poll(id: String) {
        guard let delay = watching[id] else { return }
        work.run({ [service] () throws(DataverseError) in try service.segment(id: id) }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let fresh):
                self.onSegment?(fresh)
                if fresh.status.isTransitional {
                    self.follow(fresh, delay: min(delay * 2, Self.longestPollDelay))
                } else {
                    self.watching[id] = nil
                    self.polls[id] = nil
                    self.onToast?(Self.arrival(fresh))
                }
            case .failure(let error):
                // A failed poll is not the end of the transition: say so and keep trying, slower.
                self.onError?(error)
                if error.status == 404 {
                    self.watching[id] = nil
                } else {
                    self.watching[id] = min(delay * 2, Self.longestPollDelay)
                    self.scheduler.schedule(after: self.watching[id] ?? delay) { [weak self] in self?.poll(id: id) }
                }
            }
        }
    }

    private func refresh(id: String, name: String) {
        work.run({ [service] () throws(DataverseError) in try service.segment(id: id) }) { [weak self] result in
            guard let self, case .success(let fresh) = result else { return }
            self.onSegment?(fresh)
            self.watchIfMoving(fresh)
        }
    }

    static func arrival(_ segment: Segment) -> String {
        switch segment.status {
        case .live: return "Segment '\(segment.name)' is live"
        case .stopped: return "Segment '\(segment.name)' is stopped"
        case .error: return "Segment '\(segment.name)' ended in Error"
        default: return "Segment '\(segment.name)' is \(segment.status.label)"
        }
    }
}
