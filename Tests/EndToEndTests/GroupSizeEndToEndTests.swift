import Dataverse
import Foundation
import Segments
import SegtuiHarness
import ViewModels
import XCTest

/// The detail's "static groups with their sizes" (issue 11) through the real adapters against
/// `segtui serve`: no documented reply carries a group's size, so the detail counts ids after it
/// has painted, and says "≥" where a count reached its bound.
final class GroupSizeEndToEndTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = BuiltProducts.temporaryDirectory("e2e-group-sizes")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: work)
    }

    private func startService(_ api: String) throws -> ServiceProcess {
        try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("\(api).sqlite").path,
                           arguments: ["--api", api])
    }

    /// Shows `segment` in a detail model over `service` and waits for its groups line to settle.
    @MainActor
    private static func groupsLine(of segment: Segment, over service: any SegmentService, bound: Int? = nil,
                            until expected: String, counted: Bool = true) -> String? {
        let detail = SegmentDetailModel(service: service, work: BackgroundWork())
        if let bound { detail.groupCountBound = bound }
        var painted: [String?] = []
        detail.onChange = { painted.append(detail.fields.first { $0.label == MemberGroup.summaryLabel }?.value) }
        detail.show(segment)
        let line = { detail.fields.first { $0.label == MemberGroup.summaryLabel }?.value }
        _ = waitUntil(timeout: 30) { line() == expected }
        if counted {
            XCTAssertTrue(painted.contains { $0?.contains("?") == true }, "the detail paints before the counts arrive: \(painted)")
        }
        return line()
    }

    func testJourneysDetailCountsEachGroupAndSaysAtLeastPastTheBound() throws {
        let service = try startService("journeys")
        defer { service.stop() }
        let client = JourneysSegmentService(client: DataverseClient(organization: service.baseURL))
        let people = try client.searchContacts("", top: 5).map(\.id)
        XCTAssertEqual(people.count, 5)
        let id = try client.create(SegmentDraft(name: "Sized \(UUID().uuidString.prefix(6))", type: .static, groups: [
            MemberGroupDraft(name: "VIPs", role: .include), MemberGroupDraft(name: "Opted out", role: .exclude),
        ]))
        let groups = try client.groups(of: id)
        XCTAssertEqual(groups.map(\.size), [nil, nil], "the wire gives no sizes")
        _ = try client.changeMembers(of: id, groupId: groups[0].id, add: Array(people.prefix(4)), remove: [])
        _ = try client.changeMembers(of: id, groupId: groups[1].id, add: [people[4]], remove: [])
        let segment = try client.segment(id: id)

        MainActor.assumeIsolated {  // XCTest runs tests on the main thread
            XCTAssertEqual(Self.groupsLine(of: segment, over: client, until: "Include VIPs: 4\nExclude Opted out: 1"),
                           "Include VIPs: 4\nExclude Opted out: 1")
            XCTAssertEqual(Self.groupsLine(of: segment, over: client, bound: 3, until: "Include VIPs: ≥ 3\nExclude Opted out: 1"),
                           "Include VIPs: ≥ 3\nExclude Opted out: 1")
        }
    }

    func testOutboundDetailShowsItsOneStaticListWithItsSize() throws {
        let service = try startService("outbound")
        defer { service.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: service.baseURL))
        let people = try client.searchContacts("", top: 3).map(\.id)
        XCTAssertEqual(people.count, 3)
        let id = try client.create(SegmentDraft(name: "Sized outbound \(UUID().uuidString.prefix(6))", type: .static, memberIds: people))
        let segment = try client.segment(id: id)
        XCTAssertEqual(segment.groups.count, 1, "outbound's static list is one Include group")
        // Its size is the segment's member count when the service has one, else counted.
        let expected = "Include Members: 3"
        MainActor.assumeIsolated {
            XCTAssertEqual(Self.groupsLine(of: segment, over: client, until: expected, counted: segment.groups[0].size == nil), expected)
        }
    }
}
