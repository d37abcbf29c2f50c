import Foundation
import Segments

/// The connection as the user sees it: who is signed in where, whether the service is busy
/// (throttled, with a countdown that Esc cancels) or unreachable (retried by itself, with
/// back-off, until it answers again).
@MainActor
public final class ConnectionModel {
    public private(set) var identity: ServiceIdentity?
    public private(set) var throttledUntil: Date?
    public private(set) var isOffline = false
    public private(set) var problem: String?

    private let service: any SegmentService
    private let work: BackgroundWork
    private let scheduler: any Scheduler
    private var probeDelay: TimeInterval = ConnectionModel.firstProbeDelay
    private var probing = false
    private var ticking = false
    private let now: @MainActor () -> Date

    public static let firstProbeDelay: TimeInterval = 2
    public static let maxProbeDelay: TimeInterval = 30

    public var onChange: (@MainActor () -> Void)?
    /// Called when the service answers again after being unreachable.
    public var onRecovered: (@MainActor () -> Void)?

    public init(service: any SegmentService, work: BackgroundWork, scheduler: any Scheduler, now: @escaping @MainActor () -> Date = Date.init) {
        self.service = service
        self.work = work
        self.scheduler = scheduler
        self.now = now
        service.health?.observe { [weak self] state in
            DispatchQueue.main.async { @Sendable in MainActor.assumeIsolated { self?.healthChanged(state) } }
        }
    }

    /// Asks who is signed in; the header shows it when it arrives.
    public func start() {
        work.run({ [service] () throws(SegmentServiceError) in try service.identity() }) { [weak self] result in
            guard let self, case .success(let identity) = result else { return }
            self.identity = identity
            self.onChange?()
        }
    }

    public var isThrottled: Bool { (throttledUntil.map { $0 > now() }) ?? false }

    /// What the status bar says, or nil when all is well.
    public var statusText: String? {
        if let until = throttledUntil, until > now() {
            let seconds = Int(until.timeIntervalSince(now()).rounded(.up))
            return "Service busy, retrying in \(seconds) s (Esc cancels)"
        }
        if isOffline { return "Offline: \(problem ?? "the service does not answer"); retrying by itself" }
        return nil
    }

    /// Esc while throttled: give up waiting; the waiting requests end as cancelled.
    public func cancelWait() {
        service.health?.cancelWaits()
        throttledUntil = nil
        onChange?()
    }

    /// A request failed for want of a connection: mark offline and start probing. Services with
    /// a `ConnectionHealthSource` report every request's failure themselves (`healthChanged`); this is for
    /// those without one, whose failures the app passes on.
    public func noteFailure(_ error: SegmentServiceError) {
        guard case .unreachable(let detail) = error else { return }
        goOffline(detail)
        onChange?()
    }

    /// A request was answered: for services without a `ServiceHealth`, whose answers the app
    /// passes on, so that the offline notice goes with the first answer, not the next probe.
    public func noteAnswer() {
        if isOffline { recovered() }
    }

    /// Any request that found the service unreachable (the detail, the editor, the picker, not
    /// only the list) marks it offline and starts the probe.
    private func healthChanged(_ state: ConnectionHealth) {
        throttledUntil = state.throttledUntil
        if state.isOffline {
            goOffline(state.lastProblem)
        } else if isOffline {
            // Any answer is proof enough: the notice goes with the first one, not with the
            // next probe, which may be half a minute away after a long outage.
            recovered()
        }
        if isThrottled { tick() }
        onChange?()
    }

    private func goOffline(_ detail: String?) {
        if let detail { problem = detail }
        isOffline = true
        scheduleProbe()
    }

    /// Once a second while throttled, so that the countdown moves.
    private func tick() {
        guard !ticking else { return }
        ticking = true
        scheduler.schedule(after: 1) { [weak self] in
            guard let self else { return }
            self.ticking = false
            self.onChange?()
            if self.isThrottled { self.tick() }
        }
    }

    private func recovered() {
        isOffline = false
        problem = nil
        probeDelay = Self.firstProbeDelay
        onChange?()
        onRecovered?()
    }

    private func scheduleProbe() {
        guard !probing else { return }
        probing = true
        scheduler.schedule(after: probeDelay) { [weak self] in self?.probe() }
    }

    private func probe() {
        work.run({ [service] () throws(SegmentServiceError) in try service.identity() }) { [weak self] result in
            guard let self else { return }
            self.probing = false
            switch result {
            case .success(let identity):
                self.identity = identity
                if self.isOffline { self.recovered() }
            case .failure(let error):
                if case .unreachable(let detail) = error { self.problem = detail }
                self.probeDelay = min(Self.maxProbeDelay, self.probeDelay * 2)
                self.scheduleProbe()
                self.onChange?()
            }
        }
    }
}
