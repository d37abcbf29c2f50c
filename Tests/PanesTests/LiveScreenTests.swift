import Foundation
@testable import SegmentsTesting
import TerminalKit
import TestSupport
import XCTest

@testable import Panes
@testable import Segments
@testable import ViewModels

/// Issue 13 on screen: a row changed elsewhere, marked; the status bar's freshness; the history.
final class LiveScreenTests: XCTestCase {
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    @MainActor
    private static func liveApp(_ service: InMemorySegmentService, clock: ManualScheduler) -> AppModel {
        let app = AppModel(service: service, scheduler: clock, refreshInterval: 10,
                           now: { LiveScreenTests.epoch.addingTimeInterval(clock.now) })
        app.historyTimeZone = TimeZone(identifier: "UTC")!
        app.start()
        waitUntil { !app.isBusy }
        return app
    }

    @MainActor
    private static func render(_ app: AppModel, rows: Int = 24, columns: Int = 80, ascii: Bool = false) -> GridCanvas {
        let canvas = GridCanvas(rows: rows, columns: columns, asciiOnly: ascii)
        RootView.fit(app, to: canvas.size)
        RootView(model: app, theme: Theme(colors: .monochrome, ascii: ascii)).render(on: canvas)
        return canvas
    }

    func testARowChangedElsewhereIsMarkedAndTheStatusBarSaysUpToDate() {
        onMain {
            let service = InMemorySegmentService(segments: ScreenFixtures.demo, displayName: "127.0.0.1:8080")
            let clock = ManualScheduler()
            let app = Self.liveApp(service, clock: clock)
            app.handle(.down)
            var rows = ScreenFixtures.demo
            // Not a row on its way to Live: those are followed by their own polls.
            rows[3].name = "São Paulo (renamed)"
            rows[3].etag = "W/\"999\""
            rows[3].modifiedOn = Date(timeIntervalSince1970: 1_790_100_000)
            service.replaceSegments(rows)
            clock.advance(by: 10)
            waitUntil { !app.live.isRefreshing }
            let canvas = Self.render(app)
            assertGolden(canvas, "list-live-marked-80x24")
            XCTAssertEqual(canvas.style(row: 5, column: 2), Style(.accent, bold: true), "the changed row is marked")
            XCTAssertEqual(canvas.style(row: 3, column: 2), .selection, "the selection stayed on its row")
            XCTAssertEqual(canvas.style(row: 6, column: 2), .plain)
            clock.advance(by: SegmentListModel.markSeconds)
            let later = Self.render(app)
            XCTAssertEqual(later.style(row: 5, column: 2), .plain, "the mark is gone after a few seconds")
            XCTAssertTrue(later.lines(trimmingTrailingSpaces: true).last?.contains("updated 3 s ago") == true)
        }
    }

    @MainActor
    private static func historyApp(audited: Bool = true) -> AppModel {
        let service = InMemorySegmentService(segments: ScreenFixtures.demo, displayName: "127.0.0.1:8080")
        let id = ScreenFixtures.demo[0].id
        if audited {
            // Fixed records, one carrying escape sequences as a hostile service might.
            let entries = [
                SegmentHistoryEntry(id: "a1", date: Date(timeIntervalSince1970: 1_790_000_000), user: "Ana Souza", operation: .create,
                                    changes: [HistoryFieldChange(field: "Name", column: "name", oldValue: nil, newValue: "Newsletter")]),
                SegmentHistoryEntry(id: "a2", date: Date(timeIntervalSince1970: 1_790_003_600), user: "Bo\u{1b}]0;pwned\u{7}",
                                    operation: .update,
                                    changes: [HistoryFieldChange(field: "Name", column: "name", oldValue: "Newsletter",
                                                                 newValue: "Newsletter subscribers"),
                                              HistoryFieldChange(field: "Query", column: "query", oldValue: "PROFILE(contact)",
                                                                 newValue: "PROFILE(contact)\n.FILTER(x)")]),
                SegmentHistoryEntry(id: "a3", date: Date(timeIntervalSince1970: 1_790_007_200), user: nil, operation: .other("Publish"),
                                    changes: []),
            ]
            service.state.withLock { $0.history = [id: entries] }
        } else {
            service.setAudited(false)
        }
        let clock = ManualScheduler()
        let app = liveApp(service, clock: clock)
        app.handle(.enter)
        waitUntil { !app.isBusy }
        app.handle(.character("H"))
        return app
    }

    func testTheHistoryScreenNewestFirstSanitised() {
        onMain {
            let app = Self.historyApp()
            XCTAssertEqual(app.context, .history)
            let loading = Self.render(app)
            XCTAssertTrue(loading.lines(trimmingTrailingSpaces: true).joined().contains("Reading the history"))
            waitUntil { !app.isBusy }
            let canvas = Self.render(app)
            assertGolden(canvas, "history-80x24")
            let text = canvas.lines(trimmingTrailingSpaces: true).joined(separator: "\n")
            XCTAssertFalse(text.contains("\u{1b}"), "no escape reaches the terminal")
            let publish = text.range(of: "Publish")!.lowerBound
            let create = text.range(of: "Create")!.lowerBound
            XCTAssertLessThan(publish, create, "newest first")
            app.handle(.escape)
            XCTAssertEqual(app.context, .detail, "Esc goes back to the detail")
        }
    }

    func testTheHistoryOfAnUnauditedTableSaysSoPlainly() {
        onMain {
            let app = Self.historyApp(audited: false)
            waitUntil { !app.isBusy }
            let canvas = Self.render(app, ascii: true)
            assertGolden(canvas, "history-not-audited-80x24-ascii")
            XCTAssertTrue(canvas.lines(trimmingTrailingSpaces: true).joined().contains("Not audited"))
        }
    }
}
