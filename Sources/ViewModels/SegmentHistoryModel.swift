import Foundation
import Segments

/// `H` in the detail: who changed the segment, what and when, newest first, from the service's
/// audit records; or, where the organisation does not audit the table, a plain sentence saying so.
@MainActor
public final class SegmentHistoryModel {
    public enum State: Equatable, Sendable {
        case loading
        case loaded(SegmentHistory)
        case failed(SegmentServiceError)
    }

    /// One line of the screen: a record's heading (when, what, who) or one changed column.
    public struct Line: Equatable, Sendable {
        public enum Kind: Sendable { case heading, change }
        public var kind: Kind
        /// The heading's text, or the changed column's label.
        public var text: String
        public var oldValue: String?
        public var newValue: String?
    }

    public let segment: Segment
    public private(set) var state: State = .loading
    /// First line in view.
    public private(set) var scrollOffset = 0

    private let service: any SegmentService
    private let work: BackgroundWork
    private let timeZone: TimeZone
    private var generation = 0
    var onChange: (@MainActor () -> Void)?

    public init(segment: Segment, service: any SegmentService, work: BackgroundWork, timeZone: TimeZone = .current) {
        self.segment = segment
        self.service = service
        self.work = work
        self.timeZone = timeZone
    }

    /// Reads the records (again).
    public func load() {
        generation += 1
        let expected = generation
        state = .loading
        onChange?()
        let id = segment.id
        work.run({ [service] () throws(SegmentServiceError) in try service.history(of: id) }) { [weak self] result in
            guard let self, expected == self.generation else { return }
            switch result {
            case .success(let history): self.state = .loaded(history)
            case .failure(let error): self.state = .failed(error)
            }
            self.scrollOffset = min(self.scrollOffset, max(0, self.lines.count - 1))
            self.onChange?()
        }
    }

    /// The records as lines, newest first: a heading for each, then its changed columns.
    public var lines: [Line] {
        guard case .loaded(.entries(let entries)) = state else { return [] }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = timeZone
        format.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var lines: [Line] = []
        for entry in entries.sorted(by: { $0.date > $1.date }) {
            let who = entry.user.map { " by \($0)" } ?? ""
            lines.append(Line(kind: .heading, text: "\(format.string(from: entry.date))  \(entry.operation.label)\(who)"))
            for change in entry.changes {
                lines.append(Line(kind: .change, text: change.field, oldValue: change.oldValue, newValue: change.newValue))
            }
        }
        return lines
    }

    /// What to say instead of lines: loading, not audited, no records, or the error.
    public var message: String? {
        switch state {
        case .loading: return "Reading the history…"
        case .failed(let error): return "Could not read the history: \(error.description)"
        case .loaded(.notAudited(let reason)): return "Not audited: \(reason). The service keeps no history of this segment."
        case .loaded(.entries(let entries)): return entries.isEmpty ? "No changes recorded." : nil
        }
    }

    public func scroll(by delta: Int) {
        let next = min(max(0, scrollOffset + delta), max(0, lines.count - 1))
        guard next != scrollOffset else { return }
        scrollOffset = next
        onChange?()
    }
}
