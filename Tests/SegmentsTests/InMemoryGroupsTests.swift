import Foundation
import Segments
import SegmentsTesting
import XCTest

/// The in-memory service keeps the journeys rules the view models rely on: groups, exclusion
/// winning, the evaluated membership, publish and stop with blockers, delete refused in use.
final class InMemoryGroupsTests: XCTestCase {
    private let people = (0..<6).map { Contact(id: "c\($0)", fullName: "Person \($0)") }

    private func journeys() -> InMemorySegmentService {
        InMemorySegmentService(segments: [], contacts: people, api: .journeys)
    }

    func testAStaticDraftGetsAnIncludeGroupAndItsFirstMembers() throws {
        let service = journeys()
        let id = try service.create(SegmentDraft(name: "VIP", type: .static, memberIds: ["c0", "c1", "nobody"], baseEntity: .lead))
        let segment = try service.segment(id: id)
        XCTAssertEqual(segment.api, .journeys)
        XCTAssertEqual(segment.baseEntity, .lead)
        XCTAssertNotNil(segment.definitionId)
        XCTAssertEqual(segment.groups.map(\.role), [.include])
        XCTAssertEqual(segment.groups.first?.size, 2, "an unknown id is not kept")
        XCTAssertEqual(segment.size, 2)
        XCTAssertEqual(try service.memberIds(of: id), ["c0", "c1"])
    }

    func testExclusionWinsAndEachChangeSaysWhatHappened() throws {
        let service = journeys()
        let id = try service.create(SegmentDraft(name: "Mixed", type: .mixed, query: "PROFILE(contact)",
                                                 groups: [MemberGroupDraft(name: "Extra", role: .include),
                                                          MemberGroupDraft(name: "Never", role: .exclude)]))
        let groups = try service.groups(of: id)
        XCTAssertEqual(groups.map(\.name), ["Extra", "Never"])
        let include = groups[0].id, exclude = groups[1].id
        service.setQueryMembers(of: id, ["c0", "c1", "c2"])

        let added = try service.changeMembers(of: id, groupId: include, add: ["c3", "c4", "c3", "ghost"], remove: [])
        XCTAssertEqual(added, MemberChangeOutcome(added: 2, removed: 0, ignored: 2))
        _ = try service.changeMembers(of: id, groupId: exclude, add: ["c1", "c4"], remove: [])
        XCTAssertEqual(service.storedMembers(of: id), ["c0", "c2", "c3"], "query + include − exclude")
        XCTAssertEqual(try service.segment(id: id).size, 3)

        let removed = try service.changeMembers(of: id, groupId: exclude, add: [], remove: ["c4", "c5"])
        XCTAssertEqual(removed, MemberChangeOutcome(added: 0, removed: 1, ignored: 1))
        XCTAssertEqual(service.storedMembers(of: id), ["c0", "c2", "c3", "c4"])

        let now = try service.currentMembers(of: service.segment(id: id), page: MemberPageRequest(page: 1, size: 3))
        XCTAssertEqual(now.people.map(\.id), ["c0", "c2", "c3"])
        XCTAssertEqual(now.total, 4)
        XCTAssertTrue(now.hasMore)
        let group = try service.groupMembers(of: id, groupId: include, page: MemberPageRequest(page: 2, size: 1))
        XCTAssertEqual(group.people.map(\.id), ["c4"])
        XCTAssertNil(group.total, "journeys' group pages carry no total")
        XCTAssertFalse(group.hasMore)
    }

    func testGroupsAreLimitedToTenAndCanBeRenamedAndDeleted() throws {
        let service = journeys()
        let id = try service.create(SegmentDraft(name: "Lists", type: .static))
        for index in 1..<MemberGroup.maximumCount {
            _ = try service.createGroup(in: id, MemberGroupDraft(name: "G\(index)", role: index.isMultiple(of: 2) ? .exclude : .include))
        }
        XCTAssertThrowsError(try service.createGroup(in: id, MemberGroupDraft(name: "Eleventh", role: .include))) { error in
            guard case .refused = error as? SegmentServiceError else { return XCTFail("\(error)") }
        }
        let second = try service.groups(of: id)[1]
        try service.renameGroup(in: id, groupId: second.id, to: "Renamed")
        XCTAssertEqual(try service.groups(of: id)[1].name, "Renamed")
        _ = try service.changeMembers(of: id, groupId: second.id, add: ["c0"], remove: [])
        try service.deleteGroup(in: id, groupId: second.id)
        XCTAssertEqual(try service.groups(of: id).count, MemberGroup.maximumCount - 1)
        XCTAssertTrue(service.storedMembers(of: id).isEmpty, "the group's members went with it")
        XCTAssertThrowsError(try service.groupMembers(of: id, groupId: second.id, page: MemberPageRequest())) { error in
            XCTAssertEqual((error as? SegmentServiceError)?.isNotFound, true)
        }
        let many = (0..<1_001).map { "x\($0)" }
        XCTAssertThrowsError(try service.changeMembers(of: id, groupId: try service.groups(of: id)[0].id, add: many, remove: [])) { error in
            guard case .invalidRequest = error as? SegmentServiceError else { return XCTFail("\(error)") }
        }
    }

    func testAStopThatJourneysRefuseNamesThemAndDeleteIsRefusedToo() throws {
        let service = journeys()
        let id = try service.create(SegmentDraft(name: "Used", type: .dynamic, query: "PROFILE(contact)"))
        XCTAssertEqual(try service.publish(id: id, ifMatch: nil), .accepted)
        XCTAssertEqual(try service.segment(id: id).status, .goingLive)
        XCTAssertThrowsError(try service.publish(id: id, ifMatch: nil), "not while going live")
        service.completeTransitions()
        XCTAssertEqual(try service.segment(id: id).status, .live)
        let usage = SegmentUsage(journeys: [UsageReference(id: "j1", name: "Welcome")], journeyCount: 1)
        service.setUsage(of: id, usage)

        let refused = try service.stop(id: id, ifMatch: nil)
        XCTAssertFalse(refused.accepted)
        XCTAssertEqual(refused.blockers, usage)
        XCTAssertEqual(try service.segment(id: id).status, .live, "nothing moved")
        XCTAssertEqual(try service.segment(id: id).usage, usage)
        XCTAssertThrowsError(try service.delete(id: id, ifMatch: nil)) { error in
            XCTAssertEqual(error as? SegmentServiceError, .refused(message: "The segment is in use and cannot be deleted.", blockers: usage))
        }

        service.setUsage(of: id, SegmentUsage())
        XCTAssertTrue(try service.stop(id: id, ifMatch: nil).accepted)
        service.completeTransitions()
        XCTAssertEqual(try service.segment(id: id).status, .stopped)
        XCTAssertThrowsError(try service.setStatus(id: id, to: .goingLive, ifMatch: nil), "journeys has no status writes")
        try service.delete(id: id, ifMatch: nil)
        XCTAssertThrowsError(try service.segment(id: id)) { error in
            XCTAssertEqual((error as? SegmentServiceError)?.isNotFound, true)
        }
    }

    func testOutboundShowsItsListAsOneIncludeGroupAndRefusesGroupEdits() throws {
        let service = InMemorySegmentService(segments: [], contacts: people)
        XCTAssertEqual(service.capabilities, .outbound)
        let id = try service.create(SegmentDraft(name: "List", type: .static, memberIds: ["c0"]))
        let groups = try service.groups(of: id)
        XCTAssertEqual(groups, [MemberGroup(id: "members", name: "Members", role: .include, size: 1)])
        try service.updateMembers(of: id, add: ["c1"], remove: [])
        XCTAssertEqual(service.storedGroupMembers(of: id, groupId: "members"), ["c0", "c1"])
        XCTAssertThrowsError(try service.createGroup(in: id, MemberGroupDraft(name: "No", role: .exclude)))
        XCTAssertThrowsError(try service.create(SegmentDraft(name: "Leads", type: .dynamic, baseEntity: .lead)))
        XCTAssertThrowsError(try service.update(id: id, changes: SegmentChanges(refresh: .off), ifMatch: nil))
    }

    func testStatusRulesTheScreensUse() {
        XCTAssertTrue(SegmentStatus.draft.canPublish)
        XCTAssertTrue(SegmentStatus.stopped.canPublish)
        XCTAssertFalse(SegmentStatus.live.canPublish)
        XCTAssertTrue(SegmentStatus.liveWithWarnings.canStop)
        XCTAssertTrue(SegmentStatus.liveWithWarnings.locksContent)
        XCTAssertFalse(SegmentStatus.liveEditable.locksContent)
        XCTAssertFalse(SegmentStatus.goingLive.canDelete)
        XCTAssertTrue(SegmentStatus.stopped.canDelete)
        XCTAssertEqual(SegmentStatus.unknown("Faulted").label, "Faulted")
        XCTAssertEqual(SegmentStatus(outboundCode: 192_350_099, label: "Archived"), .unknown("Archived"))
        XCTAssertEqual(SegmentKind(name: SegmentKind.mixed.name), .mixed)
    }
}
