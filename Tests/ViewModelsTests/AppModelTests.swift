import Foundation
import Keys
import Segments
import SegmentsTesting
import TestSupport
import XCTest

@testable import ViewModels

final class AppModelTests: XCTestCase {
    func testEnterOpensTheDetailWhichFollowsTheSelectionAndEscCloses() {
        onMain {
            var segments = demoSegments(5)
            segments[4].description = "Everyone who opened a mail this year"
            segments[4].query = "PROFILE(contact).FILTER(ISNOTNULL(contact.emailaddress1))"
            segments[4].type = .dynamic
            let service = InMemorySegmentService(segments: segments)
            let app = AppModel(service: service)
            app.start()
            waitUntil { !app.isBusy }
            app.handle(.enter)
            XCTAssertTrue(app.isDetailOpen)
            waitUntil { !app.isBusy }
            let fields = app.detail.fields
            XCTAssertEqual(fields.first { $0.label == "Name" }?.value, "Segment 004")
            XCTAssertEqual(fields.first { $0.label == "Query" }?.value, segments[4].query)
            XCTAssertEqual(fields.first { $0.label == "Description" }?.wraps, true)
            XCTAssertEqual(fields.first { $0.label == "Id" }?.value, segments[4].id)
            app.handle(.down)
            XCTAssertEqual(app.detail.segment?.name, "Segment 003", "the detail follows at once")
            waitUntil { !app.isBusy }
            app.handle(.escape)
            XCTAssertFalse(app.isDetailOpen)
            XCTAssertNil(app.detail.segment)
        }
    }

    func testADetailErrorIsShownAndTheListStillWorks() {
        onMain {
            let service = InMemorySegmentService(segments: demoSegments(5))
            let app = AppModel(service: service)
            app.start()
            waitUntil { !app.isBusy }
            service.failNext(with: .notFound("msdyncrm_segment With Id = x Does Not Exist (HTTP 404 [0x80040217])"))
            app.handle(.enter)
            waitUntil { !app.isBusy }
            XCTAssertEqual(app.visibleError?.isNotFound, true)
            app.handle(.character("j"))
            XCTAssertEqual(app.list.selectedIndex, 1)
        }
    }

    func testQuitAndCtrlCBothQuit() {
        onMain {
            for chord in [Key.character("q"), .control("c")] {
                let app = AppModel(service: InMemorySegmentService(segments: []))
                XCTAssertFalse(app.wantsQuit)
                app.handle(chord)
                XCTAssertTrue(app.wantsQuit, "\(chord) quits")
            }
        }
    }

    func testHelpOpensAndAnyKeyClosesIt() {
        onMain {
            let app = AppModel(service: InMemorySegmentService(segments: demoSegments(3)))
            app.start()
            waitUntil { !app.isBusy }
            app.handle(.character("?"))
            XCTAssertTrue(app.isHelpVisible)
            app.handle(.character("j"))
            XCTAssertFalse(app.isHelpVisible)
            XCTAssertEqual(app.list.selectedIndex, 1, "the key that closes help still acts")
        }
    }

    func testKeyMapHintsComeFromTheTable() {
        onMain {
            let map = KeyMap()
            XCTAssertEqual(map.action(for: .character("j")), .moveDown)
            XCTAssertEqual(map.action(for: .down), .moveDown)
            XCTAssertNil(map.action(for: .character("Z")))
            XCTAssertEqual(map.hints.map(\.hint), ["detail", "reload", "help", "quit"])
            let everyChord = map.bindings.flatMap(\.chords)
            XCTAssertEqual(everyChord.count, Set(everyChord).count, "no key is bound twice")
        }
    }

    func testSpinnerTicksOnlyWhileBusy() {
        onMain {
            let service = InMemorySegmentService(segments: demoSegments(3), gated: true)
            let app = AppModel(service: service)
            app.tick()
            XCTAssertEqual(app.spinnerTick, 0)
            app.start()
            app.tick()
            app.tick()
            XCTAssertEqual(app.spinnerTick, 2)
            service.gate.signal()
            waitUntil { !app.isBusy }
        }
    }
}
