import Foundation
import Segments

/// Keeps what is on screen true by itself (issue 13), at a cost the service's protection limits
/// never notice: every `interval` seconds one `SegmentService.refresh` (a `$batch`, one request)
/// asks for the rows of the list's filter modified since the newest modification seen, the
/// versions of the rows in view (deletions, moves out of the filter) and a conditional read (304
/// when unchanged) of the segment open in the detail; the editor or the members screen has its
/// segment read conditionally. Never a request per row, never a reload of the list.
///
/// One refresh is in flight at a time, and none starts while the user's own requests run. It
/// pauses while segtui is suspended and while nothing it watches is on screen, and backs off
/// (doubling up to `maximumDelay`, at least the service's Retry-After) while the service throttles
/// or fails, back to `interval` after the first good answer. Its requests go through their own
/// `BackgroundWork`, so a refresh does not turn the status bar's spinner.
@MainActor
public final class LiveRefresh {
    /// What is on screen, and so what a tick reads.
    public enum Focus: Equatable, Sendable {
        /// The list, and the segment in the detail beside it (with the version shown), if open.
        case list(detail: Segment?)
        /// An editor or members screen over one segment.
        case segment(Segment)
        /// Nothing the refresh watches (a form, the help over a screen): ticks do nothing.
        case none
    }

    /// Seconds between ticks; 0 turns the refresh off.
    public let interval: TimeInterval
    /// Rows asked for at most by `changed(since:)`; more changed means read the first page again.
    nonisolated public static let changedTop = 20
    /// The question reaches this far back before the mark: the service keeps whole seconds, so a
    /// row changed again within the mark's second has the mark's time and `gt` alone would miss
    /// it. Rows asked for twice come back with the version already shown and are skipped.
    nonisolated public static let markOverlap: TimeInterval = 1
    /// The longest wait between ticks while backing off.
    public var maximumDelay: TimeInterval { max(interval * 16, 120) }

    /// The delay before the next tick: `interval`, or longer while backing off.
    public private(set) var delay: TimeInterval
    public private(set) var isSuspended = false
    /// When the service last confirmed the list (or the segment on screen).
    public private(set) var lastConfirmed: Date?
    /// Since when the service has not answered, while it does not.
    public private(set) var offlineSince: Date?
    /// Ticks that read something.
    public private(set) var ticks = 0

    private let list: SegmentListModel
    let work: BackgroundWork
    private let service: any SegmentService
    private let scheduler: any Scheduler
    private let now: @MainActor () -> Date
    /// Bumped when the tick chain restarts, so that a stale scheduled tick does nothing.
    private var chain = 0
    private var clockChain = 0
    /// The newest `modifiedOn` the list has seen; changes are asked for after it.
    private var since: Date?
    private var sinceQuery: SegmentListQuery?
    /// The version of the watched segment last seen, per id, so a change is reported once.
    private var seenVersion: (id: String, etag: String?)?

    /// What is on screen; the app answers.
    public var focus: (@MainActor () -> Focus)?
    /// The segment in the detail changed on the service.
    public var onDetailChanged: (@MainActor (Segment) -> Void)?
    /// The segment of the editor or members screen changed on the service.
    public var onScreenSegmentChanged: (@MainActor (Segment) -> Void)?
    /// Something the status bar shows changed.
    public var onChange: (@MainActor () -> Void)?

    public init(list: SegmentListModel, service: any SegmentService, scheduler: any Scheduler, interval: TimeInterval,
                work: BackgroundWork = BackgroundWork(), now: @escaping @MainActor () -> Date = Date.init) {
        self.list = list
        self.service = service
        self.scheduler = scheduler
        self.interval = max(0, interval)
        self.delay = max(0, interval)
        self.work = work
        self.now = now
    }

    public var isOn: Bool { interval > 0 }
    /// A refresh request is in flight (tests wait on this, as on the app's busy counter).
    public var isRefreshing: Bool { work.isBusy }

    /// Starts ticking (the first tick one interval after the first page).
    public func start() {
        guard isOn else { return }
        scheduleTick()
    }

    /// Ctrl-Z: nothing is asked while the terminal belongs to the shell.
    public func suspend() {
        guard isOn, !isSuspended else { return }
        isSuspended = true
        chain += 1
        clockChain += 1
    }

    /// Back from the shell: what changed meanwhile is asked for at once.
    public func resume() {
        guard isOn, isSuspended else { return }
        isSuspended = false
        tick()
        scheduleClock()
    }

    /// The status bar's words: "up to date", "updated 4 s ago", "offline since 10:42".
    public var statusText: String? {
        guard isOn else { return nil }
        if let offlineSince { return "offline since " + Self.clockFormat.string(from: offlineSince) }
        guard let lastConfirmed else { return nil }
        let age = Int(max(0, now().timeIntervalSince(lastConfirmed)))
        if age < 1 { return "up to date" }
        if age < 60 { return "updated \(age) s ago" }
        return "updated \(age / 60) min ago"
    }

    private static let clockFormat: DateFormatter = {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "HH:mm"
        return format
    }()

    // MARK: ticking

    private func scheduleTick() {
        chain += 1
        let expected = chain
        scheduler.schedule(after: delay) { [weak self] in
            guard let self, self.chain == expected else { return }
            self.tick()
        }
    }

    private func tick() {
        guard !isSuspended else { return }
        let focus = self.focus?() ?? .list(detail: nil)
        // One refresh at a time, and the user's own requests first: ask again at the next tick.
        guard !work.isBusy, !list.isFetching else { return scheduleTick() }
        switch focus {
        case .none:
            scheduleTick()
        case .list(let detail):
            guard list.acceptsLiveChanges else { return scheduleTick() }
            refreshList(detail: detail)
        case .segment(let segment):
            refreshScreen(segment)
        }
    }

    private struct ListAnswer: Sendable {
        var delta: SegmentDelta
        var firstPage: SegmentPage?
        var versions: [SegmentVersion]?
        var detail: ConditionalRead?
    }

    private func refreshList(detail: Segment?) {
        ticks += 1
        let query = list.query
        if sinceQuery != query {
            // A new filter or order: its rows bring their own newest modification.
            since = nil
            sinceQuery = query
        }
        let since = [self.since, list.newestModification].compactMap { $0 }.max() ?? .distantPast
        let asked = since == .distantPast ? since : since.addingTimeInterval(-Self.markOverlap)
        // The versions shown, so that a full answer made only of rows already on screen (the
        // overlap's) does not send for the first page.
        let shown = Dictionary(list.rows.compactMap { row in row.etag.map { (row.id, $0) } }) { first, _ in first }
        let visible = list.visibleIds
        let ask = RefreshAsk(
            since: asked, query: query, top: Self.changedTop, visibleIds: visible,
            detail: detail.map { SegmentVersion(id: $0.id, etag: $0.etag, modifiedOn: $0.modifiedOn) })
        work.run({ [service] () throws(SegmentServiceError) -> ListAnswer in
            let answer = try service.refresh(ask)
            // More changed than fit: the first page is the one read that brings them all.
            let news = answer.delta.changed.contains { $0.etag == nil || shown[$0.id] != $0.etag }
            let page = answer.delta.truncated && news ? try service.firstPage(query) : nil
            return ListAnswer(delta: answer.delta, firstPage: page, versions: answer.versions, detail: answer.detail)
        }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let answer): self.listAnswered(answer, query: query, since: since, asked: visible)
            case .failure(let error): self.failed(error)
            }
        }
    }

    private func listAnswered(_ answer: ListAnswer, query: SegmentListQuery, since mark: Date, asked ids: [String]) {
        succeeded()
        // An answer to an older filter says nothing about this one.
        guard query == list.query, list.acceptsLiveChanges else {
            onChange?()
            return
        }
        let rows = answer.firstPage?.segments ?? answer.delta.changed
        list.merge(changed: rows, scheduler: scheduler)
        // The delta's newest row moves the mark even when the first page was read instead, so
        // that a burst of changes costs one extra read, not one every tick.
        since = ((rows + answer.delta.changed).compactMap(\.modifiedOn) + [mark]).max()
        if let versions = answer.versions {
            let present = Set(versions.map { $0.id.lowercased() })
            list.markDeleted(ids.filter { !present.contains($0.lowercased()) }, scheduler: scheduler)
        }
        if case .changed(let fresh)? = answer.detail { onDetailChanged?(fresh) }
        onChange?()
    }

    private func refreshScreen(_ segment: Segment) {
        ticks += 1
        if seenVersion?.id != segment.id { seenVersion = (segment.id, segment.etag) }
        let id = segment.id
        let etag = seenVersion?.etag
        work.run({ [service] () throws(SegmentServiceError) in try service.segment(id: id, ifNoneMatch: etag) }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let read):
                self.succeeded()
                if case .changed(let fresh) = read, self.seenVersion?.id == fresh.id {
                    self.seenVersion = (fresh.id, fresh.etag)
                    self.onScreenSegmentChanged?(fresh)
                }
                self.onChange?()
            case .failure(let error):
                self.failed(error)
            }
        }
    }

    // MARK: answers

    private func succeeded() {
        lastConfirmed = now()
        offlineSince = nil
        delay = interval
        scheduleTick()
        scheduleClock()
    }

    /// Throttled or failing: wait twice as long (at least Retry-After), up to the cap.
    private func failed(_ error: SegmentServiceError) {
        switch error {
        case .throttled(let retryAfter):
            delay = max(retryAfter ?? 0, min(maximumDelay, delay * 2))
        case .unreachable:
            if offlineSince == nil { offlineSince = now() }
            delay = min(maximumDelay, delay * 2)
        case .cancelled:
            delay = interval
        default:
            delay = min(maximumDelay, delay * 2)
        }
        scheduleTick()
        onChange?()
    }

    /// Redraws the status bar when "updated N s ago" would read differently, and only then.
    private func scheduleClock() {
        guard isOn, !isSuspended, let lastConfirmed else { return }
        clockChain += 1
        let expected = clockChain
        let age = max(0, now().timeIntervalSince(lastConfirmed))
        let nextChange = age < 60 ? age.rounded(.down) + 1 : (age / 60).rounded(.down) * 60 + 60
        scheduler.schedule(after: nextChange - age) { [weak self] in
            guard let self, self.clockChain == expected else { return }
            self.onChange?()
            self.scheduleClock()
        }
    }
}
