import Foundation
import Keys
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

final class CreateAndDeleteTests: XCTestCase {
    func testCreateAStaticSegmentWithPickedMembersAndSelectIt() {
        onMain {
            let contacts = demoContacts(10)
            let h = Harness(demoSegments(3), contacts: contacts)
            h.press(.character("n"))
            guard case .form(let form)? = h.app.screen else { return XCTFail("the form is open") }
            XCTAssertEqual(h.app.context, .form)
            h.type("VIP O'Brien")
            h.press(.tab)
            XCTAssertEqual(form.focus, .type)
            XCTAssertEqual(form.type, .static)
            XCTAssertEqual(form.fields.last, .members)
            h.press(.tab)
            h.type("Invited guests")
            h.press(.tab)
            XCTAssertEqual(form.focus, .members)
            h.press(.enter)
            h.settle()
            XCTAssertNotNil(h.app.picker)
            h.press(.down, .character(" "), .character(" "), .character(" "), .enter)
            XCTAssertEqual(form.members.map(\.fullName), ["Contact 00", "Contact 01", "Contact 02"])
            h.press(.control("s"))
            h.settle()
            XCTAssertNil(h.app.screen)
            let created = try! XCTUnwrap(h.stored("VIP O'Brien"))
            XCTAssertEqual(created.type, .static)
            XCTAssertEqual(created.status, .draft)
            XCTAssertEqual(created.description, "Invited guests")
            XCTAssertEqual(h.service.storedMembers(of: created.id), Set(contacts.prefix(3).map(\.id)))
            XCTAssertEqual(h.app.list.selected?.id, created.id, "the new segment is selected")
            XCTAssertEqual(h.app.toast, "Created 'VIP O'Brien'")
        }
    }

    /// Found by EditEndToEndTests under load: the toast "Created" comes before the list has the
    /// new row, and an `L` typed in between went to the row selected before, stopping it.
    func testKeysRightAfterCreatingWaitForTheNewRow() {
        onMain {
            let service = InMemorySegmentService(segments: demoSegments(3), gated: true)
            let app = AppModel(service: service, scheduler: ManualScheduler())
            app.start()
            waitUntil("the first page") {
                service.releaseWaiting()
                return app.list.hasLoadedOnce && !app.isBusy
            }
            app.handle(.character("n"))
            app.handle(batch: "Fresh one".map { Key.character($0) })
            app.handle(.control("s"))
            waitUntil("the create at the service") { service.waitingAtGate == 1 }
            service.releaseWaiting()
            waitUntil("the reload at the service") { app.screen == nil && service.waitingAtGate == 1 }
            XCTAssertEqual(app.toast, "Created 'Fresh one'")
            app.handle(.character("L"))
            XCTAssertNil(app.dialog, "the key waits for the list that holds the new row")
            waitUntil("the new row") {
                service.releaseWaiting()
                return !app.isBusy && app.dialog != nil
            }
            XCTAssertEqual(app.list.selected?.name, "Fresh one")
            XCTAssertEqual(app.dialog?.title, "Go live")
            XCTAssertTrue(app.dialog?.message.contains("'Fresh one'") == true, app.dialog?.message ?? "no dialog")
        }
    }

    func testADynamicSegmentNeedsAValidQuery() {
        onMain {
            let h = Harness(demoSegments(2))
            h.press(.character("n"))
            guard case .form(let form)? = h.app.screen else { return XCTFail("the form is open") }
            h.press(.control("s"))
            XCTAssertEqual(form.issues[.name], "A segment needs a name.")
            h.type("Openers")
            h.press(.tab, .right, .right)
            XCTAssertEqual(form.type, .dynamic, "Static → Compound → Dynamic")
            XCTAssertEqual(form.fields.last, .query)
            h.press(.control("s"))
            XCTAssertEqual(form.issues[.query], "A dynamic segment needs a query.")
            XCTAssertEqual(form.focus, .query)
            h.type("contact.fullname")
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(form.issues[.query], "A query starts with PROFILE( or SEGMENT(.")
            XCTAssertNil(h.stored("Openers"))
            h.press(.home)
            h.type("PROFILE(contact).FILTER(ISNOTNULL(")
            h.press(.end)
            h.type("))")
            XCTAssertEqual(form.query.text, "PROFILE(contact).FILTER(ISNOTNULL(contact.fullname))")
            h.service.failNext(with: .unauthorised("You lack the Create privilege (HTTP 403 [0x80040220])"))
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(form.lastError, .unauthorised("You lack the Create privilege (HTTP 403 [0x80040220])"))
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(h.stored("Openers")?.query, "PROFILE(contact).FILTER(ISNOTNULL(contact.fullname))")
        }
    }

    func testDeleteNamesTheSegmentAndSendsTheETag() {
        onMain {
            let h = Harness([segment("Old campaign", index: 1), segment("Keep", index: 2)])
            h.select("Old campaign")
            h.press(.character("D"))
            let dialog = try! XCTUnwrap(h.app.dialog)
            XCTAssertTrue(dialog.message.contains("'Old campaign'"))
            XCTAssertNil(dialog.requiredText)
            h.press(.enter)
            XCTAssertEqual(h.service.storedSegments.count, 2, "Cancel is the default")
            h.press(.character("D"))
            h.confirmDialog()
            h.settle()
            XCTAssertNil(h.stored("Old campaign"))
            XCTAssertEqual(h.app.list.rows.map(\.name), ["Keep"])
            XCTAssertEqual(h.app.toast, "Deleted 'Old campaign'")
        }
    }

    func testDeletingALiveSegmentNeedsItsNameTyped() {
        onMain {
            let h = Harness([segment("Live one", status: .live)])
            h.press(.character("D"))
            XCTAssertEqual(h.app.dialog?.requiredText, "Live one")
            XCTAssertTrue(h.app.isEditingText)
            h.press(.tab, .enter)
            XCTAssertNotNil(h.app.dialog, "the button does nothing until the name is typed")
            h.press(.tab)
            h.type("Live on")
            h.press(.tab, .enter)
            XCTAssertNotNil(h.app.dialog)
            h.press(.tab)
            h.type("e")
            h.press(.tab, .enter)
            h.settle()
            XCTAssertTrue(h.service.storedSegments.isEmpty)
        }
    }

    func testADeleteOfAChangedSegmentIsRefused() {
        onMain {
            let h = Harness([segment("Moved on")])
            let id = h.app.list.selected!.id
            try! h.service.update(id: id, changes: SegmentChanges(description: "changed"), ifMatch: nil)
            h.press(.character("D"))
            h.confirmDialog()
            h.settle()
            XCTAssertNotNil(h.stored("Moved on"), "not deleted")
            XCTAssertEqual(h.app.actionError?.contains("changed on the service since you saw it"), true)
            XCTAssertEqual(h.app.list.selected?.etag, h.stored("Moved on")?.etag, "the row is read again")
        }
    }
}
