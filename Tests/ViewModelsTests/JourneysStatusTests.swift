import Foundation
import Segments
import TestSupport
import XCTest
@testable import ViewModels

/// `L` on a journeys service: publish and stop, and a stop refused for the journeys using it.
final class JourneysStatusTests: XCTestCase {
    func testARefusedStopNamesTheJourneysAndTheRowStaysLive() {
        onMain {
            var live = segment("Welcome audience", status: .live)
            live.api = .journeys
            let h = Harness([live], api: .journeys)
            let id = h.app.list.selected!.id
            h.service.setUsage(of: id, SegmentUsage(journeys: [UsageReference(id: "j1", name: "Onboarding")], journeyCount: 1))
            h.press(.character("L"))
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.app.actionError, "The segment is used and cannot be stopped. (used by journey Onboarding)")
            XCTAssertEqual(h.stored("Welcome audience")?.status, .live, "nothing moved")
            XCTAssertEqual(h.app.list.selected?.status, .live, "the row shows the service's answer")
        }
    }

    func testPublishGoesLiveThroughThePublishCall() {
        onMain {
            var draft = segment("Spring leads", status: .draft)
            draft.api = .journeys
            let h = Harness([draft], api: .journeys)
            h.press(.character("L"))
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.stored("Spring leads")?.status, .goingLive, "journeys has no status writes; publish did it")
            h.service.completeTransitions()
            h.clock.advance(by: h.clock.pendingDelays.first ?? 0)
            h.settle()
            XCTAssertEqual(h.app.list.selected?.status, .live)
        }
    }
}
