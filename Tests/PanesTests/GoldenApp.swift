import Foundation
import Keys
import Segments
import SegmentsTesting
import TerminalKit
import TestSupport

@testable import Panes
@testable import ViewModels

/// What every golden screen starts from, so that each test states only what differs: the app over
/// an in-memory service named as the status bar shows it, started and idle, and the one way a
/// screen is drawn for comparison.
enum GoldenApp {
    static let contacts: [Contact] = [
        Contact(id: "c0000000-0000-4000-8000-000000000001", fullName: "Ana Souza", email: "ana.souza@example.com"),
        Contact(id: "c0000000-0000-4000-8000-000000000002", fullName: "Björn Åkesson", email: "bjorn@example.se"),
        Contact(id: "c0000000-0000-4000-8000-000000000003", fullName: "山田 太郎", email: "taro.yamada@example.jp"),
        Contact(id: "c0000000-0000-4000-8000-000000000004", fullName: "Seán O'Brien", email: "sean@example.ie"),
    ]

    /// `prepare` scripts the service before the first load (a failure, usage, members).
    @MainActor
    static func start(
        _ segments: [Segment] = ScreenFixtures.demo, contacts: [Contact] = contacts, api: SegmentAPI = .outbound,
        keyMap: KeyMap = KeyMap(), scheduler: any Scheduler = ManualScheduler(),
        prepare: (InMemorySegmentService) -> Void = { _ in }
    ) -> (AppModel, InMemorySegmentService) {
        let service = InMemorySegmentService(segments: segments, contacts: contacts, displayName: "127.0.0.1:8080", api: api)
        prepare(service)
        let app = AppModel(service: service, keyMap: keyMap, scheduler: scheduler)
        app.start()
        waitUntil { !app.isBusy }
        return (app, service)
    }

    /// Opens the members of the demo's static segment (the second row), Ana and Björn in it.
    @MainActor
    static func openMembers(_ app: AppModel, _ service: InMemorySegmentService, file: StaticString = #filePath, line: UInt = #line) {
        app.handle(.down)
        let id = app.list.selected!.id
        try! service.updateMembers(of: id, add: [contacts[0].id, contacts[1].id], remove: [])
        app.pressAndWait(.character("m"), file: file, line: line)
    }

    /// Monochrome, so that a golden screen holds the text and the styles only.
    @MainActor
    static func render(_ app: AppModel, rows: Int = 24, columns: Int = 80, ascii: Bool = false) -> GridCanvas {
        let canvas = GridCanvas(rows: rows, columns: columns, asciiOnly: ascii)
        RootView.fit(app, to: canvas.size)
        RootView(model: app, theme: Theme(colors: .monochrome, ascii: ascii)).render(on: canvas)
        return canvas
    }

    /// Renders the app and compares it with the golden screen `name`; returns the canvas for the
    /// test's own checks.
    @MainActor
    @discardableResult
    static func check(_ app: AppModel, _ name: String, rows: Int = 24, columns: Int = 80, ascii: Bool = false,
                      file: StaticString = #filePath, line: UInt = #line) -> GridCanvas {
        let canvas = render(app, rows: rows, columns: columns, ascii: ascii)
        assertGolden(canvas, name, file: file, line: line)
        return canvas
    }
}

extension AppModel {
    /// Presses `keys` in order, then lets the work they started (a load, a save) finish.
    func pressAndWait(_ keys: Key..., file: StaticString = #filePath, line: UInt = #line) {
        for key in keys { handle(key) }
        waitUntil("the app to be idle", file: file, line: line) { !isBusy }
    }
}
