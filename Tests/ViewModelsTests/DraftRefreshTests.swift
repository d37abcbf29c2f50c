import Foundation
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

/// Journeys' refresh settings in the editor's and the new-segment form's drafts, and the form's
/// refresh field (issue 11's leftovers).
final class DraftRefreshTests: XCTestCase {
    private typealias J = JourneysMembersTests

    private func temporaryStore() -> (DraftStore, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)").path
        return (DraftStore(directory: folder), folder)
    }

    func testAnEditedRefreshIsKeptInTheDraftAndComesBackOnRestore() throws {
        let (store, folder) = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        onMain {
            let original = J.journeysSegment("Weekly", type: .dynamic, status: .stopped)
            let h = Harness([original], drafts: store, api: .journeys)
            h.press(.character("e"))
            h.settle()
            guard case .editor(let editor)? = h.app.screen else { return XCTFail("the editor is open") }
            h.press(.tab, .tab, .tab)
            XCTAssertEqual(editor.focus, .refresh)
            h.press(.backspace, .backspace)
            h.type("off")
            XCTAssertTrue(h.app.saveDraftIfNeeded())
            let saved = try! XCTUnwrap(store.load())
            XCTAssertEqual(saved.mine?.refresh, "off")
            XCTAssertEqual(saved.base?.refresh, "30", "what the edit began from")

            let next = Harness([original], drafts: store, start: false, api: .journeys)
            next.app.start()
            next.settle()
            next.confirmDialog()
            next.settle()
            guard case .editor(let restored)? = next.app.screen else { return XCTFail("the editor is back") }
            XCTAssertEqual(restored.text(.refresh), "off")
            XCTAssertEqual(restored.changes.refresh, .off, "only the refresh differs from the draft's base")
            next.press(.control("s"))
            next.settle()
            XCTAssertEqual(next.stored("Weekly")?.refresh, .off)
        }
    }

    func testTheNewSegmentFormTakesARefreshOnJourneysAndKeepsItInItsDraft() throws {
        let (store, folder) = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        onMain {
            let h = Harness(demoSegments(1), drafts: store, api: .journeys)
            h.press(.character("n"))
            guard case .form(let form)? = h.app.screen else { return XCTFail("the form is open") }
            XCTAssertTrue(form.fields.contains(.refresh))
            h.type("Hourly")
            h.press(.tab, .left)
            XCTAssertEqual(form.type, .dynamic)
            h.press(.tab, .tab, .tab)
            XCTAssertEqual(form.focus, .query)
            h.type("PROFILE(contact)")
            h.press(.tab)
            XCTAssertEqual(form.focus, .refresh)
            h.type("soon")
            h.press(.control("s"))
            XCTAssertEqual(form.issues[.refresh], "A number of minutes (1 or more), or off; empty leaves it to the service.")
            XCTAssertEqual(form.focus, .refresh)
            XCTAssertNil(h.stored("Hourly"))
            for _ in 0..<4 { h.press(.backspace) }
            h.type("60")
            XCTAssertTrue(h.app.saveDraftIfNeeded())
            XCTAssertEqual(store.load()?.mine?.refresh, "60")

            // The draft brings the refresh back into a new form, which creates with it.
            let next = Harness(demoSegments(1), drafts: store, start: false, api: .journeys)
            next.app.start()
            next.settle()
            next.confirmDialog()
            guard case .form(let restored)? = next.app.screen else { return XCTFail("the form is back") }
            XCTAssertEqual(restored.refresh.text, "60")
            XCTAssertEqual(restored.name.text, "Hourly")
            next.press(.control("s"))
            next.settle()
            XCTAssertEqual(next.stored("Hourly")?.refresh, .every(minutes: 60))
        }
    }

    func testAnEmptyRefreshLeavesItToTheServiceAndOutboundHasNoRefreshField() {
        onMain {
            let h = Harness(demoSegments(1), api: .journeys)
            h.press(.character("n"))
            guard case .form(let form)? = h.app.screen else { return XCTFail("the form is open") }
            XCTAssertEqual(form.type, .static, "no query needed")
            h.press(.control("s"))
            XCTAssertEqual(form.issues[.name], "A segment needs a name.")
            XCTAssertNil(form.issues[.refresh], "empty is the service's default")

            let outbound = Harness(demoSegments(1))
            outbound.press(.character("n"))
            guard case .form(let other)? = outbound.app.screen else { return XCTFail("the form is open") }
            outbound.press(.tab)
            for _ in other.kinds {
                XCTAssertFalse(other.fields.contains(.refresh), "outbound has no refresh settings (\(other.type.label))")
                outbound.press(.right)
            }
            XCTAssertNil(other.draft.mine?.refresh)
        }
    }

    /// Drafts written before the refresh was kept still load, with no refresh.
    func testADraftWithoutARefreshStillLoads() throws {
        let (store, folder) = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let old = """
            {"kind": "edit", "segmentId": "x", "segmentName": "Old", "segmentKind": "dynamic", "savedAt": "2026-11-01T10:00:00Z",
             "base": {"name": "Old", "description": "", "query": "PROFILE(contact)"},
             "mine": {"name": "Old!", "description": "", "query": "PROFILE(contact)"}, "added": [], "removed": []}
            """
        try old.write(toFile: store.path, atomically: true, encoding: .utf8)
        let draft = try XCTUnwrap(store.load())
        XCTAssertEqual(draft.mine?.name, "Old!")
        XCTAssertNil(draft.mine?.refresh)
    }
}
