import Foundation
import Segments

/// Who is in a segment now, of any kind, dynamic included (journeys' MembersList: the query's
/// members plus the Include groups, less the Exclude groups), a page at a time, read-only.
@MainActor
public final class CurrentMembersModel {
    public nonisolated static let pageSize = 50

    public private(set) var segment: Segment
    public private(set) var people: [Contact] = []
    /// 1-based.
    public private(set) var page = 1
    public private(set) var total: Int?
    public private(set) var hasMore = false
    public private(set) var selectedIndex = 0
    public var isLoading: Bool { loads.isLoading }
    public private(set) var lastError: SegmentServiceError?

    private let loads: LatestLoad
    private let service: any SegmentService
    var onChange: (@MainActor () -> Void)?

    public init(segment: Segment, service: any SegmentService, work: BackgroundWork) {
        self.segment = segment
        self.service = service
        self.loads = LatestLoad(work: work)
    }

    /// Whether `v` leads back to the groups (only segments with static members have any).
    public var hasGroups: Bool { segment.type.hasStaticMembers }

    public func load(page newPage: Int = 1) {
        let segment = self.segment
        lastError = nil
        loads.run({ [service] () throws(SegmentServiceError) in
            try service.currentMembers(of: segment, page: MemberPageRequest(page: newPage, size: Self.pageSize))
        }) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let reply):
                self.people = reply.people
                self.total = reply.total
                self.hasMore = reply.hasMore
                self.page = newPage
                self.selectedIndex = min(self.selectedIndex, max(0, reply.people.count - 1))
            case .failure(let error):
                self.lastError = error
            }
            self.changed()
        }
        changed()
    }

    public func moveSelection(by delta: Int) {
        selectedIndex = min(max(0, selectedIndex + delta), max(0, people.count - 1))
        changed()
    }

    public func nextPage() {
        guard hasMore, !isLoading else { return }
        selectedIndex = 0
        load(page: page + 1)
    }

    public func previousPage() {
        guard page > 1, !isLoading else { return }
        selectedIndex = 0
        load(page: page - 1)
    }

    /// "members 51–100 of 240", or without the total when the service gave none.
    public var positionLabel: String {
        guard !people.isEmpty else { return "" }
        let first = (page - 1) * Self.pageSize + 1
        let last = first + people.count - 1
        if let total { return "members \(first)–\(last) of \(total)" }
        return "members \(first)–\(last)" + (hasMore ? "+" : "")
    }

    private func changed() { onChange?() }
}
