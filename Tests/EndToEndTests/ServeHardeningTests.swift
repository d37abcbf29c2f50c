import Dataverse
import Foundation
import SegtuiHarness
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Issue 15, items 4, 5 and 9, through the real `segtui serve`: where it binds, where its secrets
/// come from, the modes of the files it creates; and (issue 14) what its log may hold.
final class ServeHardeningTests: XCTestCase {
    private var work: URL!

    override func setUp() {
        work = temporaryDirectory("serve-hardening")
    }

    private func database(_ name: String) -> String { work.appendingPathComponent("\(name)/data/segtui.sqlite").path }

    func testANonLoopbackBindIsRefusedWithoutRequireToken() throws {
        for host in ["0.0.0.0", "::", "127.0.0.2"] {
            let (status, output) = try runProgram(BuiltProducts.segtui, ["serve", "--host", host, "--port", "0", "--db", database("refused")])
            XCTAssertNotEqual(status, 0, host)
            XCTAssertTrue(output.contains("not a loopback address"), output)
            XCTAssertFalse(output.contains("listening on"), output)
        }
    }

    func testAnExposedBindUnderRequireTokenSaysWhatProtectsTheData() throws {
        let service = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: database("exposed"),
            arguments: ["--host", "0.0.0.0", "--require-token", "--client-secret-env", "SEGTUI_TEST_SECRET"],
            environment: ["SEGTUI_TEST_SECRET": "hardening-secret"])
        defer { service.stop() }
        XCTAssertTrue(service.output.contains("protected only by --require-token"), service.output)
        XCTAssertFalse(service.output.contains("no sign-in"), service.output)
        let local = URL(string: "http://127.0.0.1:\(service.baseURL.port!)/api/data/v9.2/WhoAmI")!
        XCTAssertEqual(try URLSessionTransport().send(HTTPRequest(method: "GET", url: local, headers: [:], body: nil)).status, 401)
    }

    func testIPv6ListeningLineIsAValidURL() throws {
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: database("ipv6"), arguments: ["--host", "::1"])
        defer { service.stop() }
        XCTAssertTrue(service.output.contains("listening on http://[::1]:"), service.output)
        XCTAssertEqual(service.baseURL.host, "::1")
        // FoundationNetworking refuses IPv6 literals; a plain socket shows the service answers there.
        let whoAmI = RawHTTP.exchange(
            host: "::1", port: service.baseURL.port!,
            request: Data("GET /api/data/v9.2/WhoAmI HTTP/1.1\r\nHost: [::1]\r\nConnection: close\r\n\r\n".utf8))
        XCTAssertEqual(whoAmI.status, 200, whoAmI.head)
    }

    /// Secrets come from a file or the environment; `ps` (the process's command line) never shows them.
    func testSecretsStayOutOfTheCommandLine() throws {
        let tokenFile = work.appendingPathComponent("tokens").path
        FileManager.default.createFile(atPath: tokenFile, contents: Data("file-token-1\n\nfile-token-2\n".utf8), attributes: [.posixPermissions: 0o600])
        let service = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: database("secrets"),
            arguments: ["--require-token", "--client-secret-env", "SEGTUI_TEST_SECRET", "--accept-token-file", tokenFile],
            environment: ["SEGTUI_TEST_SECRET": "env-secret-value"])
        defer { service.stop() }
        let commandLine = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "/proc/\(service.pid)/cmdline")), as: UTF8.self)
        XCTAssertTrue(commandLine.contains("--client-secret-env"), commandLine)
        for secret in ["env-secret-value", "file-token-1", "file-token-2"] { XCTAssertFalse(commandLine.contains(secret), commandLine) }
        let transport = URLSessionTransport()
        let whoAmI = service.baseURL.appendingPathComponent("api/data/v9.2/WhoAmI")
        for token in ["file-token-1", "file-token-2"] {
            XCTAssertEqual(try transport.send(HTTPRequest(method: "GET", url: whoAmI, headers: ["Authorization": "Bearer \(token)"], body: nil)).status, 200)
        }
        let endpoint = OAuthTokenEndpoint(authority: service.baseURL, tenant: "t", clientId: "c", scope: "s")
        let provider = ClientCredentialsProvider(endpoint: endpoint, secret: "env-secret-value")
        XCTAssertEqual(try DataverseClient(organization: service.baseURL, tokens: provider).whoAmI().userId.isEmpty, false)

        let (status, output) = try runProgram(BuiltProducts.segtui, ["serve", "--port", "0", "--db", database("old"), "--client-secret", "visible"])
        XCTAssertNotEqual(status, 0, "the old flag that put the secret in argv is gone")
        XCTAssertFalse(output.contains("listening on"), output)
        let readable = work.appendingPathComponent("readable").path
        FileManager.default.createFile(atPath: readable, contents: Data("s".utf8), attributes: [.posixPermissions: 0o644])
        let refused = try runProgram(BuiltProducts.segtui, ["serve", "--port", "0", "--db", database("old"), "--client-secret-file", readable])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.output.contains("chmod 600"), refused.output)
    }

    func testTheDatabaseAndItsFolderArePrivate() throws {
        let path = database("modes")
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: path)
        defer { service.stop() }
        let created = try URLSessionTransport().send(HTTPRequest(
            method: "POST", url: service.baseURL.appendingPathComponent("api/data/v9.2/msdyncrm_segments"),
            headers: ["Content-Type": "application/json"], body: Data(#"{"msdyncrm_segmentname": "mode"}"#.utf8)))
        XCTAssertEqual(created.status, 204)
        func mode(_ path: String) -> mode_t? {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
        }
        XCTAssertEqual(mode(URL(fileURLWithPath: path).deletingLastPathComponent().path), 0o700)
        for suffix in ["", "-wal", "-shm"] { XCTAssertEqual(mode(path + suffix), 0o600, "segtui.sqlite\(suffix)") }
    }

    /// `--log-level info`: the request log on stderr (swift-log), with method, path, status and
    /// time, and never a token or the client secret.
    func testInfoLogsEveryRequestWithoutItsToken() throws {
        let service = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: database("log-info"),
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
        let service = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: database("log-quiet"))
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
            BuiltProducts.segtui, ["serve", "--port", "0", "--db", database("log-bad"), "--log-level", "loud"])
        XCTAssertNotEqual(status, 0)
        XCTAssertTrue(output.contains("--log-level must be one of trace, debug, info, notice, warning, error, critical"), output)
        XCTAssertFalse(output.contains("listening on"), output)
    }
}
