import Segments

/// Which pages to fetch, what to do when one lands, which to forget, and where the two chains meet.
extension SegmentListModel {
    enum Side: Sendable { case head, tail }

    /// Starts, for each chain with nothing in flight, the fetch of the missing page that the view
    /// (plus a margin either way) needs most: the one nearest the selection.
    func ensurePages() {
        guard hasLoadedOnce, !isReloading, !queryWaiting else { return }
        let count = self.count
        guard count > 0 else { return }
        let margin = max(Self.prefetchDistance, viewportRows)
        let low = max(0, scrollOffset - margin)
        let high = min(count - 1, scrollOffset + viewportRows - 1 + margin)
        guard low <= high else { return }
        if let length = knownLength {
            // Rows between the two chains' frontiers are reached from the nearer one.
            let tailStart = length - (tail?.known ?? 0)
            var headHigh = min(high, head.known - 1)
            var tailLow = max(low, tailStart)
            let gapLow = max(low, head.known)
            let gapHigh = min(high, tailStart - 1)
            if gapLow <= gapHigh {
                if gapLow - head.known <= tailStart - 1 - gapHigh { headHigh = gapHigh } else { tailLow = gapLow }
            }
            if low <= headHigh { need(.head, offsets: low...headHigh, focus: selectedIndex) }
            if tailLow <= high { need(.tail, offsets: (length - 1 - high)...(length - 1 - tailLow), focus: length - 1 - selectedIndex) }
        } else if anchoredAtEnd {
            need(.tail, offsets: (count - 1 - high)...(count - 1 - low), focus: count - 1 - selectedIndex)
        } else {
            need(.head, offsets: low...high, focus: selectedIndex)
        }
    }

    private func need(_ side: Side, offsets: ClosedRange<Int>, focus: Int) {
        let chain = side == .head ? head : (tail ?? PageChain(query: query.reversedOrder))
        guard chain.loading == nil else { return }
        let pageSize = max(1, query.pageSize)
        // Page indices by distance from the selection's page; past the frontier, pages that would be.
        let focusPage = chain.pageIndex(containing: focus) ?? (chain.pages.count + max(0, focus - chain.known) / pageSize)
        var candidates: [Int] = []
        let knownHigh = min(offsets.upperBound, chain.known - 1)
        if offsets.lowerBound <= knownHigh, let first = chain.pageIndex(containing: offsets.lowerBound),
            let last = chain.pageIndex(containing: knownHigh)
        {
            candidates = (first...last).filter { !chain.isResident(page: $0) }
        }
        if offsets.upperBound >= chain.known, !chain.isExhausted { candidates.append(chain.pages.count) }
        guard let index = candidates.min(by: { abs($0 - focusPage) < abs($1 - focusPage) }),
            let request = chain.request(forPage: index)
        else { return }
        if side == .tail, tail == nil { tail = chain }
        fetch(side, page: index, request: request)
    }

    private func fetch(_ side: Side, page index: Int, request: PageChain.Request) {
        if side == .head { head.loading = index } else { tail?.loading = index }
        let expected = generation
        requestsInFlight += 1
        work.run({ [service] () throws(SegmentServiceError) -> SegmentPage in
            switch request {
            case .first(let query): return try service.firstPage(query)
            case .next(let continuation): return try service.nextPage(continuation)
            }
        }) { [weak self] result in
            guard let self, !self.answerLanded(), expected == self.generation else { return }
            self.pageArrived(result, side: side, index: index, request: request)
        }
    }

    private func pageArrived(_ result: Result<SegmentPage, SegmentServiceError>, side: Side, index: Int, request: PageChain.Request) {
        if side == .head { head.loading = nil } else { tail?.loading = nil }
        switch result {
        case .success(let page):
            preservingEndAnchor {
                let extended: Bool
                if side == .head {
                    extended = head.store(page: index, page, fetchedWith: request.continuation)
                } else {
                    extended = tail?.store(page: index, page, fetchedWith: request.continuation) ?? false
                }
                if extended, knownLength == nil, (side == .tail) == anchoredAtEnd {
                    // Placeholders turned into rows; a page of them stays while more exist.
                    slack = max(query.pageSize, slack - page.segments.count)
                }
                learnLength(from: page, side: side)
                if extended { meet(after: side) }
            }
            lastError = nil
            onLoaded?(page.segments)
            trimWindow()
            clampSelection()
            ensurePages()
        case .failure(let error):
            // Keep what is loaded; the next move asks again.
            lastError = error
        }
        changed()
    }

    /// The length is known from a count under the cap, or when a chain reaches the end.
    func learnLength(from page: SegmentPage, side: Side) {
        if let count = page.totalCount {
            totalCount = count
            if knownLength == nil, count < Self.countCap { knownLength = count }
        }
        let chain = side == .head ? head : tail
        if let chain, chain.isExhausted { knownLength = chain.known }
        if knownLength != nil { anchoredAtEnd = false }
    }

    /// When a chain's new frontier page holds a row of the other chain's frontier, the two chains
    /// have met and the list's length is the sum of the two offsets of that row plus one.
    private func meet(after side: Side) {
        guard knownLength == nil, let tail else { return }
        let arrived = side == .head ? head.frontierRows : tail.frontierRows
        let other = side == .head ? tail.frontierRows : head.frontierRows
        guard !arrived.isEmpty, !other.isEmpty else { return }
        var otherOffsets: [String: Int] = [:]
        for entry in other { otherOffsets[entry.segment.id] = entry.offset }
        for entry in arrived {
            guard let otherOffset = otherOffsets[entry.segment.id] else { continue }
            knownLength = entry.offset + otherOffset + 1
            anchoredAtEnd = false
            return
        }
    }

    /// Keeps the rows of pages near the selection (and each chain's frontier); forgets the rest.
    func trimWindow() {
        let radius = Self.windowPages / 2 * max(1, query.pageSize)
        func around(_ offset: Int) -> ClosedRange<Int> { (offset - radius)...(offset + radius) }
        if let length = knownLength {
            head.drop(outside: around(selectedIndex))
            tail?.drop(outside: around(length - 1 - selectedIndex))
        } else if anchoredAtEnd {
            // Computed first: `count` reads the chain that `drop` changes.
            let kept = around(count - 1 - selectedIndex)
            head.drop(outside: nil)
            tail?.drop(outside: kept)
        } else {
            head.drop(outside: around(selectedIndex))
            tail?.drop(outside: nil)
        }
    }
}
