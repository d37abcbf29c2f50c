import Dataverse
import Foundation
import Segments
import Synchronization
import XCTest

/// The client's retry rules, against scripted answers: what is repeated, what never is, and how
/// tokens are renewed.
final class ResilienceTests: XCTestCase {
    private let org = URL(string: "https://contoso.crm.dynamics.com")!
    private let fast = RetryPolicy(maxAttempts: 4, baseDelay: 0.001, maxDelay: 0.002)

    /// Hands out "stale" first and "fresh" after a refresh, counting the asks.
    final class RenewingTokens: TokenProvider {
        let asks = Mutex<[Bool]>([])
        func accessToken(refresh: Bool) throws(DataverseError) -> String {
            asks.withLock { $0.append(refresh) }
            return refresh ? "fresh" : "stale"
        }
    }

    func testA401GetsOneFreshTokenAndOneRetry() throws {
        let tokens = RenewingTokens()
        let transport = RecordingTransport(replies: [json(401, ""), json(200, #"{"value": []}"#)])
        let client = DataverseClient(organization: org, transport: transport, tokens: tokens, retry: fast)
        _ = try OutboundSegmentService(client: client).firstPage(SegmentListQuery())
        XCTAssertEqual(tokens.asks.withLock { $0 }, [false, true])
        XCTAssertEqual(transport.requests.map { $0.headers["Authorization"] }, ["Bearer stale", "Bearer fresh"])
    }

    func testASecond401IsAClearMessage() {
        let transport = RecordingTransport(replies: [json(401, ""), json(401, "")])
        let client = DataverseClient(organization: org, transport: transport, tokens: RenewingTokens(), retry: fast)
        XCTAssertThrowsError(try OutboundSegmentService(client: client).firstPage(SegmentListQuery())) { error in
            guard case .unauthorised(let message) = error as? SegmentServiceError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("refused a freshly issued token"))
            XCTAssertFalse(message.contains("fresh\""), "no token in messages")
        }
    }

    func testAStaticTokenRefusedSaysWhatToDo() {
        let client = DataverseClient(organization: org, transport: RecordingTransport(replies: [json(401, "")]),
                                     tokens: StaticTokenProvider("abc.def.ghi"), retry: fast)
        XCTAssertThrowsError(try client.whoAmI()) { error in
            XCTAssertEqual((error as? DataverseError)?.description,
                           "Sign-in failed: the service refused the token in SEGTUI_TOKEN; get a new one and set it again")
            XCTAssertFalse("\(error)".contains("abc.def.ghi"))
        }
    }

    func testGetsRetryServerErrorsAndDroppedConnections() throws {
        let transport = FlakyTransport(outcomes: [.failure(.transport("the connection was dropped")), .success(json(503, "")),
                                                  .success(json(200, #"{"value": []}"#))])
        let client = DataverseClient(organization: org, transport: transport, retry: fast)
        _ = try OutboundSegmentService(client: client).firstPage(SegmentListQuery())
        XCTAssertEqual(transport.count, 3)
        XCTAssertFalse(client.health.current.isOffline, "back online after the success")
    }

    func testAPostIsNeverRepeatedBlindly() {
        let transport = FlakyTransport(outcomes: [.success(json(503, "")), .success(json(204, ""))])
        let client = DataverseClient(organization: org, transport: transport, retry: fast)
        XCTAssertThrowsError(try OutboundSegmentService(client: client).create(SegmentDraft(name: "x", type: .static))) { error in
            XCTAssertEqual(error as? SegmentServiceError, .refused("The service is unavailable (HTTP 503)"))
        }
        XCTAssertEqual(transport.count, 1)
        let dropped = FlakyTransport(outcomes: [.failure(.transport("the connection was dropped")), .success(json(204, ""))])
        let second = DataverseClient(organization: org, transport: dropped, retry: fast)
        XCTAssertThrowsError(try OutboundSegmentService(client: second).create(SegmentDraft(name: "x", type: .static)))
        XCTAssertEqual(dropped.count, 1)
        XCTAssertTrue(second.health.current.isOffline)
    }

    func testAPatchIsRepeatedOnlyWithIfMatch() throws {
        let transport = FlakyTransport(outcomes: [.success(json(500, "")), .success(json(204, ""))])
        let client = DataverseClient(organization: org, transport: transport, retry: fast)
        try OutboundSegmentService(client: client).setStatus(id: "1", to: .goingLive, ifMatch: "W/\"7\"")
        XCTAssertEqual(transport.count, 2)
        XCTAssertEqual(transport.requests.last?.headers["If-Match"], "W/\"7\"")
    }

    func testThrottledRequestsWaitRetryAfterAndHoldOthersBack() throws {
        let transport = FlakyTransport(outcomes: [
            .success(HTTPResponse(status: 429, headers: ["retry-after": "1"], body: Data(#"{"error":{"code":"0x80072322","message":"Number of requests exceeded the limit"}}"#.utf8))),
            .success(json(200, #"{"value": []}"#)),
        ])
        let client = DataverseClient(organization: org, transport: transport, retry: fast)
        let seen = Mutex<[Date?]>([])
        client.health.onChange.withLock { $0 = { state in seen.withLock { $0.append(state.throttledUntil) } } }
        let start = Date()
        _ = try OutboundSegmentService(client: client).firstPage(SegmentListQuery())
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.9, "waited Retry-After")
        XCTAssertNotNil(seen.withLock { $0 }.first ?? nil, "the UI was told the service is busy")
        XCTAssertEqual(transport.count, 2)
    }

    func testCancellingTheThrottleWaitEndsTheRequest() {
        let transport = FlakyTransport(outcomes: [.success(HTTPResponse(status: 429, headers: ["retry-after": "60"], body: Data()))])
        let client = DataverseClient(organization: org, transport: transport, retry: fast)
        let finished = DispatchSemaphore(value: 0)
        let outcome = Mutex<DataverseError?>(nil)
        client.health.onChange.withLock { $0 = { state in if state.throttledUntil != nil { client.health.cancel() } } }
        DispatchQueue.global().async {
            do { _ = try client.whoAmI() } catch { outcome.withLock { $0 = error as? DataverseError } }
            finished.signal()
        }
        XCTAssertEqual(finished.wait(timeout: .now() + 10), .success, "Esc ends a 60 s wait at once")
        XCTAssertEqual(outcome.withLock { $0 }, .cancelled)
    }

    func testRetryAfterParsesSecondsAndDates() {
        XCTAssertEqual(RetryPolicy.retryAfter("17"), 17)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertEqual(RetryPolicy.retryAfter("Fri, 15 Jan 2027 08:00:10 GMT", now: now), 10)
        XCTAssertNil(RetryPolicy.retryAfter("soon"))
        XCTAssertGreaterThan(RetryPolicy().backOff(attempt: 10, random: 1), 0)
        XCTAssertEqual(RetryPolicy().backOff(attempt: 10, random: 1), 8, "capped")
    }
}

/// Answers from a list of outcomes, failures included.
final class FlakyTransport: HTTPTransport {
    private let state: Mutex<(outcomes: [Result<HTTPResponse, DataverseError>], requests: [HTTPRequest])>

    init(outcomes: [Result<HTTPResponse, DataverseError>]) {
        state = Mutex((outcomes, []))
    }

    var count: Int { state.withLock { $0.requests.count } }
    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        let next: Result<HTTPResponse, DataverseError> = state.withLock { state in
            state.requests.append(request)
            return state.outcomes.isEmpty ? .failure(.transport("no more scripted outcomes")) : state.outcomes.removeFirst()
        }
        return try next.get()
    }
}
