import Foundation
import Segments
import TestSupport
import XCTest

@testable import ViewModels

final class StatusChangeTests: XCTestCase {
    func testGoLiveAsksWithCancelFocusedThenPollsWithBackOffUntilLive() {
        onMain {
            let h = Harness([segment("Spring launch", status: .draft)])
            h.press(.character("L"))
            let dialog = try! XCTUnwrap(h.app.dialog)
            XCTAssertFalse(dialog.isConfirmFocused, "Cancel has the focus")
            XCTAssertEqual(dialog.confirmLabel, "Go live")
            h.press(.enter)
            XCTAssertNil(h.app.dialog, "Enter on Cancel cancels")
            XCTAssertEqual(h.stored("Spring launch")?.status, .draft)

            h.press(.character("L"))
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.stored("Spring launch")?.status, .goingLive)
            XCTAssertEqual(h.app.list.selected?.status, .goingLive, "the row shows the service's answer")
            XCTAssertTrue(h.app.isAnimating, "the row's spinner turns")
            XCTAssertEqual(h.clock.pendingDelays, [0.5])

            // Still moving: the delay doubles, up to 5 s.
            var delays: [TimeInterval] = []
            for _ in 0..<5 {
                delays.append(h.clock.pendingDelays.first ?? -1)
                h.clock.advance(by: h.clock.pendingDelays.first ?? 0)
                h.settle()
            }
            XCTAssertEqual(delays, [0.5, 1, 2, 4, 5])
            h.press(.character("j"), .character("k"))
            XCTAssertEqual(h.app.list.selectedIndex, 0, "other keys keep working")

            h.service.completeTransitions()
            h.clock.advance(by: 5)
            h.settle()
            XCTAssertEqual(h.app.list.selected?.status, .live)
            XCTAssertFalse(h.app.statusChanges.isWatching)
            XCTAssertTrue(h.clock.pendingDelays.allSatisfy { $0 <= AppModel.toastSeconds }, "no more polls")
            XCTAssertEqual(h.app.toast, "Segment 'Spring launch' is live")
            h.clock.advance(by: AppModel.toastSeconds)
            XCTAssertNil(h.app.toast, "toasts go by themselves")
        }
    }

    func testStopALiveSegment() {
        onMain {
            let h = Harness([segment("Newsletter", status: .live)])
            h.press(.character("L"))
            XCTAssertEqual(h.app.dialog?.confirmLabel, "Stop")
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.app.list.selected?.status, .stopping)
            h.service.completeTransitions()
            h.clock.advance(by: 0.5)
            h.settle()
            XCTAssertEqual(h.app.list.selected?.status, .stopped)
            XCTAssertEqual(h.app.toast, "Segment 'Newsletter' is stopped")
        }
    }

    func testRefusalsShowTheServiceMessageAndTheRowShowsTheServiceState() {
        onMain {
            let h = Harness([segment("Broken", status: .draft)])
            for error in [
                SegmentServiceError.refused("The segment query is not valid. (HTTP 400)"),
                .throttled(retryAfter: 300),
            ] {
                h.service.failNext(with: error)
                h.press(.character("L"))
                h.confirmDialog()
                h.settle()
                XCTAssertEqual(h.app.actionError, error.description)
                XCTAssertEqual(h.app.list.selected?.status, .draft, "no guess")
                h.press(.escape)
                XCTAssertNil(h.app.actionError, "Esc dismisses")
            }
        }
    }

    func testAVersionConflictShowsTheNewerStateFromTheService() {
        onMain {
            let h = Harness([segment("Shared", status: .draft)])
            // Someone else took it live meanwhile; our row still says Draft with the old ETag.
            try! h.service.setStatus(id: h.app.list.selected!.id, to: .goingLive, ifMatch: nil)
            h.press(.character("L"))
            h.confirmDialog()
            h.settle()
            XCTAssertEqual(h.app.actionError?.contains(SegmentServiceError.conflict.description), true, h.app.actionError ?? "")
            XCTAssertEqual(h.app.list.selected?.status, .goingLive, "re-read from the service")
            XCTAssertTrue(h.app.statusChanges.isWatching, "and followed from there")
        }
    }

    func testTransitionalSegmentsCannotBeToggledAndReadOnlyRefuses() {
        onMain {
            let h = Harness([segment("Moving", status: .goingLive)])
            h.press(.character("L"))
            XCTAssertNil(h.app.dialog)
            XCTAssertEqual(h.app.toast, "'Moving' is going live; wait until it settles")
            XCTAssertTrue(h.app.statusChanges.isWatching, "a moving segment seen in the list is followed")

            let ro = Harness([segment("Draft one")], readOnly: true)
            ro.press(.character("L"), .character("e"), .character("n"), .character("D"))
            XCTAssertNil(ro.app.dialog)
            XCTAssertNil(ro.app.screen)
            XCTAssertNil(ro.app.keyMap.action(for: .character("L")))
            XCTAssertTrue(ro.app.isReadOnly)
        }
    }

    func testASegmentStuckOnItsWayIsNotPolledForEver() {
        onMain {
            let h = Harness([segment("Stuck", status: .stopping)])
            XCTAssertTrue(h.app.statusChanges.isWatching)
            var rounds = 0
            while h.app.statusChanges.isWatching, rounds < 100 {
                h.clock.advance(by: StatusChanges.longestPollDelay)
                h.settle()
                rounds += 1
            }
            XCTAssertFalse(h.app.statusChanges.isWatching)
            XCTAssertEqual(rounds, StatusChanges.pollLimit)
            XCTAssertEqual(h.app.toast, "'Stuck' is still stopping; r looks again")
            XCTAssertFalse(h.app.isAnimating, "no more wake-ups")
        }
    }

    func testPollsThatFailBecauseTheServiceIsGoneStopAtTheSameLimit() {
        onMain {
            let h = Harness([segment("Stuck", status: .goingLive)])
            XCTAssertTrue(h.app.statusChanges.isWatching)
            h.service.setUnreachable("connection refused")
            var rounds = 0
            while h.app.statusChanges.isWatching, rounds < 100 {
                h.clock.advance(by: StatusChanges.longestPollDelay)
                h.settle()
                rounds += 1
            }
            XCTAssertFalse(h.app.statusChanges.isWatching, "an unreachable service does not keep it polling for ever")
            XCTAssertEqual(rounds, StatusChanges.pollLimit)
            XCTAssertEqual(h.app.toast, "'Stuck' is still unconfirmed; r looks again")
            XCTAssertFalse(h.app.isAnimating, "no more wake-ups")
        }
    }

    @MainActor func testAnArrivalInErrorSaysWhy() {
        var segment = Segment(id: "s1", name: "Broken", type: .dynamic, status: .error)
        XCTAssertEqual(StatusChanges.arrival(segment), "Segment 'Broken' ended in Error")
        segment.errorReason = "SEGMENT(SEGMENT_CJO_ID_00) refers to\na segment that does not exist"
        XCTAssertEqual(StatusChanges.arrival(segment),
                       "Segment 'Broken' ended in Error: SEGMENT(SEGMENT_CJO_ID_00) refers to a segment that does not exist")
    }
}
