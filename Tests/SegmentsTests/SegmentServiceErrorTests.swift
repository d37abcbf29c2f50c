import Dataverse
import Foundation
import Segments
import XCTest

/// The outbound adapter's one mapping from transport errors to the domain's: what view models
/// and commands see instead of HTTP statuses.
final class SegmentServiceErrorTests: XCTestCase {
    private let org = URL(string: "https://x.crm.dynamics.com")!

    func testEachTransportErrorHasItsDomainMeaning() {
        let cases: [(DataverseError, SegmentServiceError)] = [
            (.service(status: 412, code: "0x80060882", message: "changed"), .conflict),
            (.service(status: 409, code: "", message: "duplicate"), .conflict),
            (.service(status: 404, code: "0x80040217", message: "Gone"), .notFound("Gone (HTTP 404 [0x80040217])")),
            (.service(status: 401, code: "", message: ""), .unauthorised("Not signed in, or the token has expired (HTTP 401)")),
            (.service(status: 403, code: "", message: "No privilege"), .unauthorised("No privilege (HTTP 403)")),
            (.service(status: 429, code: "", message: "Too many"), .throttled(retryAfter: nil)),
            (.service(status: 400, code: "0x0", message: "A live segment cannot be changed."),
             .refused("A live segment cannot be changed. (HTTP 400)")),
            (.service(status: 503, code: "", message: ""), .refused("The service is unavailable (HTTP 503)")),
            (.transport("connection refused"), .unreachable("connection refused")),
            (.malformedReply("no id"), .malformedReply("no id")),
            (.invalidRequest("bad URL"), .invalidRequest("bad URL")),
            (.authentication("declined"), .unauthorised("Sign-in failed: declined")),
            (.cancelled, .cancelled),
        ]
        for (transport, domain) in cases {
            XCTAssertEqual(SegmentServiceError(transport), domain, "\(transport)")
        }
    }

    func testTheServiceMessageReachesThePerson() {
        XCTAssertEqual(SegmentServiceError.unreachable("connection refused").description, "Cannot reach the service: connection refused")
        XCTAssertEqual(SegmentServiceError.refused("Stop it first.").description, "Stop it first.")
        let blocked = SegmentServiceError.refused(
            message: "In use.", blockers: SegmentUsage(journeys: [UsageReference(id: "j1", name: "Welcome")],
                                                      dependentSegments: [UsageReference(id: "s2")]))
        XCTAssertEqual(blocked.description, "In use. (used by journey Welcome, segment s2)")
        XCTAssertEqual(SegmentServiceError.throttled(retryAfter: 2.2).description, "The service is busy (throttled); try again in 3 s")
    }

    func testTheAdapterThrowsDomainErrorsForEveryKindOfCall() {
        let conflict = json(412, #"{"error": {"code": "0x80060882", "message": "The version does not match."}}"#)
        let client = DataverseClient(organization: org, transport: RecordingTransport(replies: [conflict]), retry: .none)
        let service = OutboundSegmentService(client: client)
        XCTAssertThrowsError(try service.update(id: "1", changes: SegmentChanges(name: "x"), ifMatch: "W/\"1\"")) { error in
            XCTAssertEqual(error as? SegmentServiceError, .conflict)
        }
        XCTAssertThrowsError(try service.publish(id: "1", ifMatch: nil)) { error in
            XCTAssertEqual(error as? SegmentServiceError, .unreachable("no scripted reply"), "the script has run out")
        }
    }

    func testOutboundSaysWhatItCannotDo() {
        let transport = RecordingTransport(replies: [])
        let client = DataverseClient(organization: org, transport: transport, retry: .none)
        let service = OutboundSegmentService(client: client)
        XCTAssertEqual(service.capabilities.api, .outbound)
        XCTAssertFalse(service.capabilities.editsGroups)
        XCTAssertThrowsError(try service.createGroup(in: "1", MemberGroupDraft(name: "VIP", role: .include))) { error in
            guard case .invalidRequest = error as? SegmentServiceError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try service.create(SegmentDraft(name: "x", type: .mixed))) { error in
            guard case .invalidRequest = error as? SegmentServiceError else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(transport.requests.isEmpty, "refused before any request")
    }
}
