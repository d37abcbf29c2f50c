import Dataverse
import Foundation
import SegtuiHarness
import XCTest

/// `segtui serve --log-level`: the service's request log on its stderr, through swift-log, with
/// method, path, status and time, and never a token or the client secret.
final class ServeLogEndToEndTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = BuiltProducts.temporaryDirectory("serve-log")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: work)
    }

    func testInfoLogsEveryRequestWithoutItsToken() throws {
        let service = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("info/segtui.sqlite").path,
            arguments: ["--log-level", "info", "--require-token", "--accept-token-env", "SEGTUI_TEST_TOKEN", "--client-secret-env", "SEGTUI_TEST_SECRET"],
            environment: ["SEGTUI_TEST_TOKEN": "log-test-token-31337", "SEGTUI_TEST_SECRET": "log-test-secret-4242"])
        defer { service.stop() }
        let transport = URLSessionTransport()
        let whoAmI = service.baseURL.appendingPathComponent("api/data/v9.2/WhoAmI")
        let signed = HTTPRequest(method: "GET", url: whoAmI, headers: ["Authorization": "Bearer log-test-token-31337"], body: nil)
        XCTAssertEqual(try transport.send(signed).status, 200)
        XCTAssertEqual(try transport.send(HTTPRequest(method: "GET", url: whoAmI, headers: [:], body: nil)).status, 401)
        let endpoint = OAuthTokenEndpoint(authority: service.baseURL, tenant: "t", clientId: "c", scope: "s")
        let provider = ClientCredentialsProvider(endpoint: endpoint, secret: "log-test-secret-4242")
        XCTAssertFalse(try DataverseClient(organization: service.baseURL, tokens: provider).whoAmI().userId.isEmpty)

        let expected = ["GET /api/data/v9.2/WhoAmI 200 ", "GET /api/data/v9.2/WhoAmI 401 ", "POST /t/oauth2/v2.0/token 200 "]
        let logged = waitUntil(timeout: 10) { expected.allSatisfy { service.output.contains($0) } }
        XCTAssertTrue(logged, service.output)
        for secret in ["log-test-token-31337", "log-test-secret-4242", "Bearer", "uthorization"] {
            XCTAssertFalse(service.output.contains(secret), "'\(secret)' reached the log: \(service.output)")
        }
    }

    func testTheDefaultLevelKeepsRequestsOutAndABadLevelIsRefused() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("quiet/segtui.sqlite").path)
        defer { service.stop() }
        let whoAmI = service.baseURL.appendingPathComponent("api/data/v9.2/WhoAmI")
        let transport = URLSessionTransport()
        XCTAssertEqual(try transport.send(HTTPRequest(method: "GET", url: whoAmI, headers: [:], body: nil)).status, 200)
        // The device-code prompt goes to the same stderr, after the request: once it is there, a
        // line for the request would be too.
        let deviceCode = HTTPRequest(
            method: "POST", url: service.baseURL.appendingPathComponent("t/oauth2/v2.0/devicecode"),
            headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data("client_id=c&scope=s".utf8))
        XCTAssertEqual(try transport.send(deviceCode).status, 200)
        XCTAssertTrue(waitUntil(timeout: 10) { service.output.contains("sign-in request for the code") }, service.output)
        XCTAssertFalse(service.output.contains("/WhoAmI"), service.output)

        let (status, output) = try runProgram(
            BuiltProducts.segtui, ["serve", "--port", "0", "--db", work.appendingPathComponent("bad/segtui.sqlite").path, "--log-level", "loud"])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(output.contains("--log-level must be one of trace, debug, info, notice, warning, error, critical"), output)
        XCTAssertFalse(output.contains("listening on"), output)
    }
}
