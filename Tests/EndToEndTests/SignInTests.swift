import Dataverse
import Foundation
import Segments
import SegtuiHarness
import Synchronization
import TestSupport
import XCTest

/// Each sign-in method against `segtui serve --require-token` and its token endpoint stand-in,
/// through config.toml profiles as a user would set them up.
final class SignInTests: XCTestCase {
    private var work: URL!
    private var server: ServiceProcess!

    override func setUpWithError() throws {
        work = BuiltProducts.temporaryDirectory("signin")
        server = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("auth.sqlite").path,
            arguments: ["--require-token", "--client-secret-env", "SEGTUI_TEST_CLIENT_SECRET", "--accept-token-env", "SEGTUI_TEST_ACCEPT",
                        "--device-code-interval", "1"],
            environment: ["SEGTUI_TEST_CLIENT_SECRET": "s3cret-value", "SEGTUI_TEST_ACCEPT": "plain-token-123"])
    }

    override func tearDown() {
        server?.stop()
        try? FileManager.default.removeItem(at: work)
    }

    private func writeConfig(_ text: String) throws {
        let folder = work.appendingPathComponent("config/segtui")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    }

    private func profile(_ name: String, _ lines: [String]) -> String {
        (["[profiles.\(name)]", "url = \"\(server.baseURL.absoluteString)\"", "tenant = \"contoso\"", "client_id = \"segtui-tests\"",
          "authority = \"\(server.baseURL.absoluteString)\""] + lines).joined(separator: "\n") + "\n"
    }

    private func segtui(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.segtui)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        environment["XDG_CONFIG_HOME"] = work.appendingPathComponent("config").path
        environment["XDG_STATE_HOME"] = work.appendingPathComponent("state").path
        environment["XDG_DATA_HOME"] = work.appendingPathComponent("data").path
        environment["SEGTUI_TOKEN"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errHandle = err.fileHandleForReading
        let errData = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData.data.withLock { $0 = errHandle.readDataToEndOfFile() } }
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, stdout, String(decoding: errData.data.withLock { $0 }, as: UTF8.self))
    }

    func testWithoutATokenTheServiceSaysSo() throws {
        let outcome = try segtui(["list", "--url", server.baseURL.absoluteString])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("HTTP 401"), outcome.stderr)
    }

    func testAPlainTokenFromTheEnvironment() throws {
        let outcome = try segtui(["list", "--url", server.baseURL.absoluteString], environment: ["SEGTUI_TOKEN": "plain-token-123"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let refused = try segtui(["list", "--url", server.baseURL.absoluteString], environment: ["SEGTUI_TOKEN": "wrong-token"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("refused the token in SEGTUI_TOKEN"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("wrong-token"), "a token never appears in a message")
    }

    func testClientCredentialsFromAnEnvironmentVariableOrAPrivateFile() throws {
        let secretFile = work.appendingPathComponent("secret").path
        try "s3cret-value\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
        chmod(secretFile, 0o600)
        try writeConfig("default_profile = \"app\"\n"
            + profile("app", ["auth = \"client-credentials\"", "client_secret_env = \"SEGTUI_SECRET\""])
            + profile("filed", ["auth = \"client-credentials\"", "client_secret_file = \"\(secretFile)\""]))

        let ok = try segtui(["list", "--json"], environment: ["SEGTUI_SECRET": "s3cret-value"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertGreaterThan(ok.stdout.split(separator: "\n").count, 10)

        let wrong = try segtui(["list"], environment: ["SEGTUI_SECRET": "guess"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.contains("client credentials were refused"), wrong.stderr)
        XCTAssertFalse(wrong.stderr.contains("guess"))

        XCTAssertEqual(try segtui(["list", "--profile", "filed"]).status, 0)
        chmod(secretFile, 0o644)
        let exposed = try segtui(["list", "--profile", "filed"])
        XCTAssertEqual(exposed.status, 64)
        XCTAssertTrue(exposed.stderr.contains("others can read it (mode 644); run: chmod 600"), exposed.stderr)

        let config = try segtui(["config"], environment: ["SEGTUI_SECRET": "s3cret-value"])
        XCTAssertEqual(config.status, 0, config.stderr)
        XCTAssertTrue(config.stdout.contains("client-credentials"))
        XCTAssertFalse(config.stdout.contains("s3cret-value"), "secrets are masked")
        XCTAssertTrue(config.stdout.contains("s3******"))
    }

    func testATokenCommandAndItsFailure() throws {
        try writeConfig(profile("cmd", ["auth = \"token-command\"", "token_command = \"printf plain-token-123\""])
            + profile("broken", ["auth = \"token-command\"", "token_command = \"echo no such login >&2; exit 3\""]))
        XCTAssertEqual(try segtui(["list", "--profile", "cmd"]).status, 0)
        let broken = try segtui(["list", "--profile", "broken"])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("the token command failed (exit 3): no such login"), broken.stderr)
    }

    func testAMalformedConfigNamesTheLine() throws {
        try writeConfig("[profiles.x]\nurl = \"https://a.crm.dynamics.com\"\npage_size = fifty\n")
        let outcome = try segtui(["config"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertTrue(outcome.stderr.contains("config.toml:3: 'fifty' is not a value"), outcome.stderr)
        try writeConfig("[profiles.x]\nauth = \"carrier-pigeon\"\n")
        let badAuth = try segtui(["config", "--profile", "x"])
        XCTAssertTrue(badAuth.stderr.contains("config.toml:2: auth must be one of"), badAuth.stderr)
        try writeConfig("[profiles.x]\nauth = \"none\"\n")
        let missing = try segtui(["config", "--profile", "nope"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("no profile 'nope'"), missing.stderr)
    }

    /// Device code in process: the prompt approves the code as a person would at the page, then
    /// a second provider on the same store signs in silently with the refresh token.
    func testDeviceCodeSignInAndSilentRefresh() throws {
        let store = RefreshTokenStore(path: work.appendingPathComponent("state/tokens.json").path)
        let endpoint = OAuthTokenEndpoint(authority: server.baseURL, tenant: "contoso", clientId: "segtui-tests",
                                          scope: OAuthTokenEndpoint.defaultScope(for: server.baseURL) + " offline_access")
        let prompts = Mutex<[String]>([])
        let service = server!
        let provider = DeviceCodeProvider(endpoint: endpoint, store: store, storeKey: "test", prompt: { code in
            prompts.withLock { $0.append(code.userCode) }
            XCTAssertTrue(code.message.contains(code.userCode))
            Self.decide(code.userCode, approve: true, server: service)
        })
        let client = DataverseClient(organization: server.baseURL, tokens: provider)
        XCTAssertFalse(try client.whoAmI().userId.isEmpty)
        XCTAssertEqual(prompts.withLock { $0 }.count, 1)
        var info = stat()
        XCTAssertEqual(stat(store.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600, "refresh tokens are private")

        let silent = DeviceCodeProvider(endpoint: endpoint, store: store, storeKey: "test", prompt: { _ in
            XCTFail("the second start signs in silently")
        })
        XCTAssertFalse(try DataverseClient(organization: server.baseURL, tokens: silent).whoAmI().userId.isEmpty)
    }

    func testADeclinedDeviceCodeSaysSo() {
        let endpoint = OAuthTokenEndpoint(authority: server.baseURL, tenant: "contoso", clientId: "segtui-tests", scope: "x")
        let base = server.baseURL
        let service = server!
        let provider = DeviceCodeProvider(endpoint: endpoint, store: nil, storeKey: "t", prompt: { code in
            Self.decide(code.userCode, approve: false, server: service)
        })
        XCTAssertThrowsError(try provider.accessToken(refresh: false)) { error in
            XCTAssertEqual((error as? DataverseError)?.description,
                           "Sign-in failed: sign-in was declined at \(base.appendingPathComponent("devicelogin").absoluteString)")
        }
    }

    /// The SSH way, in a real terminal: the code shows on the terminal, a person approves it
    /// elsewhere, the list appears; the next start signs in silently with the refresh token.
    func testDeviceCodeInTheTerminalThenSilently() throws {
        try writeConfig("default_profile = \"me\"\n" + profile("me", ["auth = \"device-code\""]))
        let environment = [
            "XDG_CONFIG_HOME": work.appendingPathComponent("config").path,
            "XDG_STATE_HOME": work.appendingPathComponent("state").path,
        ]
        let tmux = try Tmux(columns: 120, rows: 30, environment: environment)
        try tmux.typeLine("\(BuiltProducts.segtui); echo exit=$?")
        let prompt = try XCTUnwrap(tmux.waitForText("enter the code"))
        let range = try XCTUnwrap(prompt.range(of: #"the code [A-Z0-9-]+"#, options: .regularExpression))
        let userCode = String(prompt[range].split(separator: " ")[2])
        Self.decide(userCode, approve: true, server: server)
        tmux.waitForScreen("the list after sign-in") { $0.contains(" segments") && $0.contains("1/") }
        try tmux.press("q")
        tmux.waitForText("exit=0")
        var info = stat()
        XCTAssertEqual(stat(work.appendingPathComponent("state/segtui/tokens.json").path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)

        try tmux.typeLine("clear; \(BuiltProducts.segtui); echo exit=$?")
        let screen = tmux.waitForScreen("silent second start") { $0.contains(" segments") && $0.contains("1/") }
        XCTAssertFalse(screen?.contains("enter the code") ?? true)
        try tmux.press("q")
        tmux.waitForText("exit=0")
    }

    /// Approves or declines as the person at the service's terminal would: with the one-time
    /// approval secret the service printed for this code.
    private static func decide(_ userCode: String, approve: Bool, server: ServiceProcess) {
        let pattern = "user_code=\(userCode)&approval_secret="
        _ = waitUntil(timeout: 10) { server.output.contains(pattern) }
        guard let range = server.output.range(of: pattern) else {
            XCTFail("the service printed no approval secret for \(userCode): \(server.output)")
            return
        }
        let secret = server.output[range.upperBound...].prefix { $0.isHexDigit }
        let request = HTTPRequest(
            method: "POST", url: server.baseURL.appendingPathComponent("devicelogin"),
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data("user_code=\(userCode)&approval_secret=\(secret)&action=\(approve ? "approve" : "decline")".utf8))
        _ = try? URLSessionTransport().send(request)
    }
}

private final class Box: Sendable {
    let data = Mutex<Data>(Data())
}
