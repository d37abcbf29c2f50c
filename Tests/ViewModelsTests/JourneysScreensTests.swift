import Foundation
import Segments
import TestSupport
import XCTest

@testable import ViewModels

/// The detail, editor, `n`, `L` and `D` on a journeys service.
final class JourneysScreensTests: XCTestCase {
    private typealias J = JourneysMembersTests

    func testDetailShowsBothRecordsInDomainWordsAndAnErrorsReason() {
        onMain {
            var s = J.journeysSegment("Lapsed buyers", type: .mixed, status: .error)
            s.errorReason = "The query refers to a missing attribute: contact.lastpurchase"
            s.definitionId = "de000000-0000-4000-8000-000000000001"
            s.computation = SegmentComputation(state: .failed, startedOn: Date(timeIntervalSince1970: 1_790_000_000))
            s.baseEntity = .lead
            s.refresh = .off
            let h = Harness([s], api: .journeys)
            h.service.setUsage(of: s.id, SegmentUsage(journeys: [UsageReference(id: "j1", name: "Win-back")], journeyCount: 1,
                                                      dependentSegments: [UsageReference(id: "s2", name: "Lapsed VIPs")]))
            h.press(.enter)
            h.settle()
            let fields = Dictionary(h.app.detail.fields.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
            XCTAssertEqual(fields["Kind"], "Static and dynamic")
            XCTAssertEqual(fields["Error"], "The query refers to a missing attribute: contact.lastpurchase")
            XCTAssertEqual(fields["Base table"], "lead")
            XCTAssertEqual(fields["Static groups"], "Include VIPs: 0\nExclude Opted out: 0")
            XCTAssertEqual(fields["Refresh"], "Off")
            XCTAssertEqual(fields["Refresh off"], "Yes")
            XCTAssertEqual(fields["Computation"], "Error")
            XCTAssertEqual(fields["Computed from"], "2026-09-21T14:13:20Z")
            XCTAssertEqual(fields["Journeys using it"], "Win-back")
            XCTAssertEqual(fields["Used by segments"], "Lapsed VIPs")
            XCTAssertEqual(fields["Definition id"], "de000000-0000-4000-8000-000000000001")
            XCTAssertNotNil(fields["Query"])
        }
    }

    func testTheAdaptersOwnListGainsTheErrorReason() {
        var s = J.journeysSegment("Broken", status: .error)
        s.errorReason = "Evaluation timed out"
        s.detailFields = [DetailField(label: "Name", value: "Broken"), DetailField(label: "Status", value: "Error"),
                          DetailField(label: "Query", value: "PROFILE(contact)")]
        XCTAssertEqual(SegmentDetailModel.fields(of: s).map(\.label), ["Name", "Status", "Error", "Query"])
        XCTAssertEqual(SegmentDetailModel.fields(of: s)[2].value, "Evaluation timed out")
    }

    func testEditorChangesRefreshAndOffersToPublishAStoppedSegmentAgain() {
        onMain {
            let s = J.journeysSegment("Stopped audience", type: .dynamic, status: .stopped)
            let h = Harness([s], api: .journeys)
            h.press(.character("e"))
            h.settle()
            guard case .editor(let editor)? = h.app.screen else { return XCTFail("the editor is open") }
            XCTAssertEqual(editor.fields, [.name, .description, .query, .refresh])
            XCTAssertEqual(editor.text(.refresh), "30")
            h.press(.tab, .tab, .tab)
            XCTAssertEqual(editor.focus, .refresh)
            h.press(.backspace, .backspace)
            h.type("soon")
            h.press(.control("s"))
            XCTAssertEqual(editor.issues[.refresh], "A number of minutes (1 or more), or off.")
            for _ in 0..<4 { h.press(.backspace) }
            h.type("off")
            h.press(.backTab)
            h.type(".FILTER(ISNOTNULL(emailaddress1))")
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(h.stored("Stopped audience")?.refresh, .off)
            XCTAssertEqual(h.stored("Stopped audience")?.query, "PROFILE(contact).FILTER(ISNOTNULL(emailaddress1))")
            let dialog = try! XCTUnwrap(h.app.dialog, "a changed query of a stopped segment offers to publish again")
            XCTAssertEqual(dialog.title, "Publish again")
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.stored("Stopped audience")?.status, .goingLive)
        }
    }

    func testNoPublishOfferWhenOnlyTheRefreshChanged() {
        onMain {
            let h = Harness([J.journeysSegment("Quiet", type: .dynamic, status: .stopped)], api: .journeys)
            h.press(.character("e"))
            h.settle()
            h.press(.tab, .tab, .tab, .backspace, .backspace)
            h.type("60")
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(h.stored("Quiet")?.refresh, .every(minutes: 60))
            XCTAssertNil(h.app.dialog)
        }
    }

    func testAQueryErrorIsShownAtItsPositionWithTheCursorThere() {
        onMain {
            let h = Harness([J.journeysSegment("Typo", type: .dynamic)], api: .journeys)
            h.press(.character("e"))
            h.settle()
            guard case .editor(let editor)? = h.app.screen else { return XCTFail("the editor is open") }
            h.press(.tab, .tab)
            h.type(".FILTER(")
            h.press(.control("s"))
            h.settle()
            XCTAssertEqual(editor.issues[.query], "Unbalanced parentheses at position 24.")
            XCTAssertEqual(editor.buffer(.query).cursor, 23, "the cursor is where the service says")
            XCTAssertEqual(h.stored("Typo")?.query, "PROFILE(contact)", "nothing saved")
        }
    }

    func testALiveSegmentMustBeStoppedFirstAndTheEditorSaysSo() {
        onMain {
            let h = Harness([J.journeysSegment("Live one", type: .dynamic, status: .liveWithWarnings)], api: .journeys)
            h.press(.character("e"))
            h.settle()
            guard case .editor(let editor)? = h.app.screen else { return XCTFail("the editor is open") }
            XCTAssertTrue(editor.isReadOnly)
            XCTAssertEqual(editor.notice, "This segment is live with warnings and cannot be edited. L stops it; edit it once it is stopped.")
            h.press(.character("L"))
            XCTAssertEqual(h.app.dialog?.title, "Stop segment", "L stops Live with warnings too")
        }
    }

    func testNewLeadSegmentOfEveryKindTheServiceCreates() {
        onMain {
            let h = Harness(demoSegments(1), api: .journeys)
            h.press(.character("n"))
            guard case .form(let form)? = h.app.screen else { return XCTFail("the form is open") }
            XCTAssertEqual(form.kinds, [.dynamic, .static, .mixed])
            h.type("Lead nurture")
            h.press(.tab, .right)
            XCTAssertEqual(form.type, .mixed)
            // Refresh joined the journeys form with issue 11's leftovers; the rest is as it was.
            XCTAssertEqual(form.fields, [.name, .type, .baseEntity, .description, .query, .refresh, .members])
            h.press(.tab, .right)
            XCTAssertEqual(form.baseEntity, .lead)
            XCTAssertEqual(form.fields, [.name, .type, .baseEntity, .description, .query, .refresh], "the contact picker finds no leads")
            h.press(.tab, .tab)
            XCTAssertEqual(form.focus, .query)
            h.type("PROFILE(lead)")
            h.press(.control("s"))
            h.settle()
            let created = try! XCTUnwrap(h.stored("Lead nurture"))
            XCTAssertEqual(created.type, .mixed)
            XCTAssertEqual(created.baseEntity, .lead)
            XCTAssertEqual(created.status, .draft)
            XCTAssertEqual(try! h.service.groups(of: created.id).map(\.role), [.include], "a mixed segment starts with one Include group")
        }
    }

    func testDeleteIsRefusedWhileJourneysUseItAndNamesThem() {
        onMain {
            let s = J.journeysSegment("Used", type: .dynamic, status: .stopped)
            let h = Harness([s], api: .journeys)
            h.service.setUsage(of: s.id, SegmentUsage(journeys: [UsageReference(id: "j1", name: "Onboarding"),
                                                                 UsageReference(id: "j2", name: "Renewals")]))
            h.press(.character("D"))
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.app.actionError, "Not deleted: The segment is in use and cannot be deleted. (used by journey Onboarding, journey Renewals)")
            XCTAssertNotNil(h.stored("Used"))
        }
    }

    func testLRepublishesAnExpiredSegmentAndFollowsItToLiveWithWarnings() {
        onMain {
            let h = Harness([J.journeysSegment("Old", type: .dynamic, status: .expired)], api: .journeys)
            h.press(.character("L"))
            XCTAssertEqual(h.app.dialog?.title, "Go live", "an expired journeys segment must be published again")
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.stored("Old")?.status, .goingLive)
            var moved = h.service.storedSegments
            moved[0].status = .liveWithWarnings
            h.service.replaceSegments(moved)
            h.clock.advance(by: h.clock.pendingDelays.first ?? 0)
            h.settle()
            XCTAssertEqual(h.app.list.selected?.status, .liveWithWarnings)
            XCTAssertEqual(h.app.toast, "Segment 'Old' is Live with warnings")
        }
    }

    func testARefusedStopNamesTheDependentSegmentsToo() {
        onMain {
            let s = J.journeysSegment("Base", type: .dynamic, status: .live)
            let h = Harness([s], api: .journeys)
            h.service.setUsage(of: s.id, SegmentUsage(dependentSegments: [UsageReference(id: "s9", name: "Base minus VIPs")]))
            h.press(.character("L"))
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.app.actionError, "The segment is used and cannot be stopped. (used by segment Base minus VIPs)")
            XCTAssertEqual(h.stored("Base")?.status, .live)
        }
    }
}
