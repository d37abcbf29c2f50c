import Foundation
import Keys
import Segments
import SegmentsTesting
import TerminalKit
import TestSupport
import XCTest

@testable import Panes
@testable import ViewModels

/// Golden screens on a journeys service: the list with its journeys column, the detail of both
/// records, the groups side by side, who is in a segment now, the editor's refresh field and the
/// new-segment form of contacts or leads.
final class JourneysScreenTests: XCTestCase {
    static let include = MemberGroup(id: "9a000000-0000-4000-8000-000000000001", name: "VIP customers", role: .include)
    static let exclude = MemberGroup(id: "9a000000-0000-4000-8000-000000000002", name: "Opted out", role: .exclude)

    /// The demo rows as journeys segments: kinds of journeys, groups, refresh, some used by journeys.
    static var segments: [Segment] {
        var rows = [
            ScreenFixtures.segment(0, "Newsletter subscribers", .dynamic, .live, size: 12_408, modified: "11/27/2026 4:05 PM"),
            ScreenFixtures.segment(1, "O'Brien's VIP list", .static, .draft, size: 2, modified: "11/26/2026 9:41 AM"),
            ScreenFixtures.segment(2, "東京の見込み客", .mixed, .goingLive, size: 311, modified: "11/25/2026 2:17 PM"),
            ScreenFixtures.segment(3, "Clientes de São Paulo", .static, .stopped, size: 87, modified: "11/24/2026 11:02 AM"),
            ScreenFixtures.segment(4, "Lapsed buyers", .dynamic, .error, size: 0, modified: "11/23/2026 8:30 AM"),
            ScreenFixtures.segment(5, "Spring leads", .dynamic, .liveWithWarnings, size: 1_204, modified: "11/22/2026 5:55 PM"),
        ]
        for index in rows.indices {
            rows[index].api = .journeys
            rows[index].refresh = .every(minutes: 30)
            rows[index].definitionId = String(format: "de000000-0000-4000-8000-%012d", index)
            if rows[index].type.hasStaticMembers { rows[index].groups = [include, exclude] }
        }
        rows[0].usage = SegmentUsage(journeys: [UsageReference(id: "j1", name: "Monthly newsletter")], journeyCount: 1)
        rows[5].usage = SegmentUsage(journeyCount: 3)
        rows[5].baseEntity = .lead
        rows[4].errorReason = "Attribute 'lastpurchasedate' does not exist on contact."
        rows[4].query = "PROFILE(contact).FILTER(lastpurchasedate < '2025-01-01')"
        rows[4].computation = SegmentComputation(state: .failed, startedOn: Date(timeIntervalSince1970: 1_789_999_000),
                                                 finishedOn: Date(timeIntervalSince1970: 1_790_000_000))
        return rows
    }

    @MainActor
    static func app() -> (AppModel, InMemorySegmentService) {
        GoldenApp.start(segments, api: .journeys) { service in
            for segment in segments where !segment.usage.isEmpty { service.setUsage(of: segment.id, segment.usage) }
        }
    }

    /// Opens the groups of the static segment, Ana and Björn included and Seán excluded.
    @MainActor
    static func openGroups(_ app: AppModel, _ service: InMemorySegmentService, file: StaticString = #filePath, line: UInt = #line) {
        let id = segments[1].id
        let contacts = GoldenApp.contacts
        _ = try! service.changeMembers(of: id, groupId: include.id, add: [contacts[0].id, contacts[1].id], remove: [])
        _ = try! service.changeMembers(of: id, groupId: exclude.id, add: [contacts[3].id], remove: [])
        app.list.select(id: id)
        app.pressAndWait(.character("m"), file: file, line: line)
    }

    func testListWithTheJourneysUsingEachSegment() {
        onMain {
            let (app, _) = Self.app()
            let canvas = GoldenApp.check(app, "journeys-list-100x24", columns: 100)
            let header = canvas.lines()[1]
            for column in ["Name", "Type", "Status", "Members", "Journeys", "Modified on"] {
                XCTAssertTrue(header.contains(column), "the list shows \(column): \(header)")
            }
            XCTAssertTrue(canvas.lines()[2].hasSuffix("1  11/27/2026 4:05 PM"), canvas.lines()[2])
            XCTAssertEqual(SegmentColumns(width: 80, journeys: true).columns.map(\.column),
                           [.name, .type, .status, .members, .journeys], "80 columns drop the date first")
        }
    }

    /// "Static and dynamic" does not fit the 8-column Type column: the list says "Mixed", the
    /// detail the whole label.
    func testAMixedSegmentIsMixedInTheListAndStaticAndDynamicInTheDetail() {
        onMain {
            let (app, _) = Self.app()
            let mixed = try! XCTUnwrap(Self.segments.first { $0.type == .mixed })
            let list = GoldenApp.render(app, columns: 100)
            let row = try! XCTUnwrap(list.lines().first { $0.contains(mixed.name) })
            XCTAssertTrue(row.contains("  Mixed  "), row)
            XCTAssertFalse(list.text.contains("Static …"), "no kind is cut in the list")
            app.list.select(id: mixed.id)
            app.handle(.enter)
            waitUntil { !app.isBusy }
            XCTAssertTrue(GoldenApp.render(app, rows: 40, columns: 80).text.contains("Static and dynamic"))
        }
    }

    func testDetailOfASegmentInErrorWithItsReason() {
        onMain {
            let (app, _) = Self.app()
            app.list.select(id: Self.segments[4].id)
            app.pressAndWait(.enter)
            let canvas = GoldenApp.check(app, "journeys-detail-error-80x40", rows: 40, columns: 80)
            XCTAssertTrue(canvas.text.contains("Attribute 'lastpurchasedate' does not exist on contact."))
        }
    }

    func testGroupsSideBySideWithStagedChanges() {
        onMain {
            let (app, service) = Self.app()
            Self.openGroups(app, service)
            guard case .groups(let groups)? = app.screen else { return XCTFail("the groups are open") }
            groups.add([GoldenApp.contacts[2]])
            app.handle(.character("j"))
            app.handle(.character("j"))
            app.handle(.character("d"))
            let canvas = GoldenApp.check(app, "journeys-groups-80x24")
            XCTAssertTrue(canvas.text.contains("Include: VIP customers (2)"))
            XCTAssertTrue(canvas.text.contains("Exclude: Opted out (1)"))
        }
    }

    func testWhoIsInTheSegmentNow() {
        onMain {
            let (app, service) = Self.app()
            let id = Self.segments[0].id
            service.setQueryMembers(of: id, Set(GoldenApp.contacts.map(\.id)))
            app.pressAndWait(.character("m"))
            let canvas = GoldenApp.check(app, "journeys-current-members-80x24")
            XCTAssertTrue(canvas.text.contains("4 members · Dynamic of contacts"))
        }
    }

    func testEditorWithTheRefreshField() {
        onMain {
            let (app, _) = Self.app()
            app.list.select(id: Self.segments[3].id)
            app.pressAndWait(.character("e"))
            let canvas = GoldenApp.check(app, "journeys-editor-80x24")
            XCTAssertTrue(canvas.text.contains("Refresh (minutes, or off)"))
        }
    }

    func testNewSegmentFormOffersJourneysKindsAndLeads() {
        onMain {
            let (app, _) = Self.app()
            app.handle(.character("n"))
            app.handle(.batch("Spring leads"))
            app.handle(.tab)
            app.handle(.right)
            let canvas = GoldenApp.check(app, "journeys-new-segment-80x24")
            XCTAssertTrue(canvas.text.contains("(•) Static and dynamic"))
            XCTAssertTrue(canvas.text.contains("(•) Contacts  ( ) Leads"))
            XCTAssertFalse(canvas.text.contains("Compound"), "journeys creates no compound segments")
        }
    }
}

private extension Key {
    static func batch(_ text: String) -> Key { .text(text) }
}
