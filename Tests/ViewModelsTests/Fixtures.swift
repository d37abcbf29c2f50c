import Foundation
import Keys
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

/// Contacts "Contact 00" … with emails, for member and picker tests.
func demoContacts(_ count: Int) -> [Contact] {
    (0..<count).map { i in
        Contact(id: String(format: "c0000000-0000-4000-8000-%012d", i), fullName: String(format: "Contact %02d", i),
                email: String(format: "contact%02d@example.com", i))
    }
}

@MainActor
final class CopyLog {
    var items: [String] = []
}

/// An app on an in-memory service with a hand-driven clock, loaded and idle.
@MainActor
struct Harness {
    let app: AppModel
    let service: InMemorySegmentService
    let clock: ManualScheduler
    /// What the app put on the clipboard, once a test listens (`listenToCopies`).
    let copied = CopyLog()

    func listenToCopies() { app.onCopy = { [copied] text in copied.items.append(text) } }

    init(_ segments: [Segment] = demoSegments(5), contacts: [Contact] = demoContacts(30), readOnly: Bool = false,
         drafts: DraftStore? = nil, start: Bool = true, api: SegmentAPI = .outbound) {
        service = InMemorySegmentService(segments: segments, contacts: contacts, api: api)
        clock = ManualScheduler()
        app = AppModel(service: service, keyMap: KeyMap(readOnly: readOnly), scheduler: clock, drafts: drafts)
        if start {
            app.start()
            settle()
        }
    }

    func settle(file: StaticString = #filePath, line: UInt = #line) {
        waitUntil("idle", file: file, line: line) { !app.isBusy }
    }

    func press(_ chords: Key...) {
        for chord in chords { app.handle(chord) }
    }

    /// Presses `key`, lets the screen it opens load, and returns that screen's model as `model`
    /// finds it on top; nil, and a failure, when it is not there.
    func open<Model>(_ key: Key, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                     _ model: (AppModel.Screen?) -> Model?) -> Model? {
        press(key)
        settle(file: file, line: line)
        guard let found = model(app.screen) else {
            XCTFail("\(what) is open", file: file, line: line)
            return nil
        }
        return found
    }

    func type(_ text: String) {
        app.handle(batch: text.map { Key.character($0) })
    }

    /// Selects the segment named `name` in the list.
    func select(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let id = app.list.rows.first(where: { $0.name == name })?.id else {
            return XCTFail("no row \(name)", file: file, line: line)
        }
        app.list.select(id: id)
    }

    func stored(_ name: String) -> Segment? { service.storedSegments.first { $0.name == name } }

    /// Confirms the open dialog: Tab to the confirm button, Enter.
    func confirmDialog(file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotNil(app.dialog, "a dialog is open", file: file, line: line)
        // Most dialogs open on Cancel (or on the name to type); a draft's opens on Restore.
        if app.dialog?.isConfirmFocused == false { press(.tab) }
        press(.enter)
    }
}

/// A segment with fixed fields for editor tests.
func segment(_ name: String, type: SegmentKind = .dynamic, status: SegmentStatus = .draft, query: String? = nil,
             description: String? = nil, index: Int = 90) -> Segment {
    Segment(id: String(format: "5e000000-0000-4000-8000-%012d", index), name: name, type: type, status: status,
            description: description, query: query ?? (type.hasQuery ? "PROFILE(contact)" : nil),
            modifiedOn: Date(timeIntervalSince1970: 1_750_000_000 + Double(index)), etag: "W/\"\(index)\"")
}
