import Dataverse
import Foundation
import Synchronization
import XCTest

@testable import SegmentServer

final class AuthTests: XCTestCase {
    private func token(_ server: TestServer, _ form: String, path: String = "oauth2/v2.0/token") throws -> HTTPResponse {
        try server.transport.send(
            HTTPRequest(
                method: "POST", url: URL(string: server.server.baseURL.absoluteString + "contoso-tenant/" + path)!,
                headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data(form.utf8)))
    }

    func testRequireTokenWithClientCredentials() throws {
        let server = try TestServer(segments: 3, contacts: 3) { configuration in
            configuration.requireToken = true
            configuration.clientSecret = "s3cret"
            configuration.acceptedTokens = ["fixed-token"]
        }
        let anonymous = try server.get("WhoAmI")
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertNotNil(TestServer.errorParts(anonymous).message)
        XCTAssertTrue(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer authorization_uri=") == true)
        XCTAssertEqual(try server.get("WhoAmI", headers: ["Authorization": "Bearer nonsense"]).status, 401)
        XCTAssertEqual(try server.get("WhoAmI", headers: ["Authorization": "Bearer fixed-token"]).status, 200)

        let wrong = try token(server, "grant_type=client_credentials&client_id=app&client_secret=nope&scope=x%2F.default")
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(try JSONValue.parse(wrong.body)["error"]?.stringValue, "invalid_client")
        let granted = try token(server, "grant_type=client_credentials&client_id=app&client_secret=s3cret&scope=https%3A%2F%2Forg%2F.default")
        XCTAssertEqual(granted.status, 200)
        let json = try JSONValue.parse(granted.body)
        XCTAssertEqual(json["token_type"]?.stringValue, "Bearer")
        XCTAssertEqual(json["expires_in"]?.intValue, 3599)
        XCTAssertNil(json["refresh_token"], "client credentials give no refresh token")
        let access = try XCTUnwrap(json["access_token"]?.stringValue)
        let client = DataverseClient(organization: server.server.baseURL, tokens: StaticTokenProvider(access))
        XCTAssertEqual(try client.whoAmI().userId, server.server.state.identity.userId)
    }

    func testExpiredTokensAreRefused() throws {
        let server = try TestServer(segments: 1, contacts: 1) { configuration in
            configuration.requireToken = true
            configuration.clientSecret = "x"
            configuration.tokenLifetime = 0.3
        }
        let json = try JSONValue.parse(try token(server, "grant_type=client_credentials&client_id=app&client_secret=x&scope=s").body)
        let access = json["access_token"]!.stringValue!
        var last = try server.get("WhoAmI", headers: ["Authorization": "Bearer \(access)"])
        XCTAssertEqual(last.status, 200)
        try server.waitUntil(10, "the token to expire") {
            last = try server.get("WhoAmI", headers: ["Authorization": "Bearer \(access)"])
            return last.status == 401
        }
        XCTAssertTrue(TestServer.errorParts(last).message?.contains("expired") == true)
    }

    func testDeviceCodeFlowWithRefresh() throws {
        let approvals = ApprovalSecrets()
        let server = try TestServer(segments: 1, contacts: 1) { configuration in
            configuration.requireToken = true
            configuration.deviceCodeInterval = 0.2
            configuration.onDeviceCode = approvals.record
        }
        let start = try JSONValue.parse(try token(server, "client_id=app&scope=org%2Fuser_impersonation%20offline_access", path: "oauth2/v2.0/devicecode").body)
        let deviceCode = try XCTUnwrap(start["device_code"]?.stringValue)
        let userCode = try XCTUnwrap(start["user_code"]?.stringValue)
        XCTAssertEqual(start["verification_uri"]?.stringValue, server.server.baseURL.absoluteString + "devicelogin")
        XCTAssertNotNil(start["interval"]?.intValue)
        XCTAssertTrue(start["message"]?.stringValue?.contains(userCode) == true)
        let poll = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=app&device_code=\(deviceCode)"
        XCTAssertEqual(try JSONValue.parse(try token(server, poll).body)["error"]?.stringValue, "authorization_pending")
        XCTAssertEqual(try JSONValue.parse(try token(server, poll).body)["error"]?.stringValue, "slow_down", "polled again at once")
        try server.waitUntil(10, "pending again after the interval") {
            try JSONValue.parse(try token(server, poll).body)["error"]?.stringValue == "authorization_pending"
        }
        let approve = try server.transport.send(
            HTTPRequest(
                method: "POST", url: URL(string: server.server.baseURL.absoluteString + "devicelogin")!,
                headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data("user_code=\(userCode)&approval_secret=\(approvals[userCode])&action=approve".utf8)))
        XCTAssertEqual(approve.status, 200)
        var granted = JSONValue.null
        try server.waitUntil(10, "the token") {
            granted = try JSONValue.parse(try token(server, poll).body)
            return granted["access_token"] != nil
        }
        let refresh = try XCTUnwrap(granted["refresh_token"]?.stringValue, "offline_access gives a refresh token")
        XCTAssertEqual(try server.get("WhoAmI", headers: ["Authorization": "Bearer \(granted["access_token"]!.stringValue!)"]).status, 200)
        XCTAssertEqual(try JSONValue.parse(try token(server, poll).body)["error"]?.stringValue, "bad_verification_code", "a device code is used once")
        let renewed = try JSONValue.parse(try token(server, "grant_type=refresh_token&client_id=app&refresh_token=\(refresh)&scope=org%2Fuser_impersonation").body)
        XCTAssertNotNil(renewed["access_token"]?.stringValue)
        XCTAssertNotNil(renewed["refresh_token"]?.stringValue)
        let reused = try token(server, "grant_type=refresh_token&client_id=app&refresh_token=\(refresh)&scope=x")
        XCTAssertEqual(try JSONValue.parse(reused.body)["error"]?.stringValue, "invalid_grant")
    }

    func testDeclinedAndExpiredDeviceCodes() throws {
        let approvals = ApprovalSecrets()
        let server = try TestServer(segments: 1, contacts: 1) { configuration in
            configuration.deviceCodeInterval = 0
            configuration.deviceCodeLifetime = 0.5
            configuration.onDeviceCode = approvals.record
        }
        func start() throws -> (String, String) {
            let json = try JSONValue.parse(try token(server, "client_id=app&scope=s", path: "oauth2/v2.0/devicecode").body)
            return (json["device_code"]!.stringValue!, json["user_code"]!.stringValue!)
        }
        let (declinedCode, declinedUser) = try start()
        _ = try server.transport.send(
            HTTPRequest(
                method: "POST", url: URL(string: server.server.baseURL.absoluteString + "devicelogin")!,
                headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data("user_code=\(declinedUser)&approval_secret=\(approvals[declinedUser])&action=decline".utf8)))
        let poll = { (code: String) in "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=app&device_code=\(code)" }
        XCTAssertEqual(try JSONValue.parse(try token(server, poll(declinedCode)).body)["error"]?.stringValue, "authorization_declined")
        let (expiringCode, _) = try start()
        try server.waitUntil(10, "expired_token") {
            try JSONValue.parse(try token(server, poll(expiringCode)).body)["error"]?.stringValue == "expired_token"
        }
        XCTAssertEqual(try JSONValue.parse(try token(server, "grant_type=magic&client_id=app").body)["error"]?.stringValue, "unsupported_grant_type")
    }
}

/// The approval secret the service printed for each device code, as its terminal would show it.
final class ApprovalSecrets: Sendable {
    private let secrets = Mutex<[String: String]>([:])

    var record: @Sendable (String, String) -> Void {
        { userCode, secret in self.secrets.withLock { $0[userCode] = secret } }
    }

    subscript(userCode: String) -> String { secrets.withLock { $0[userCode] ?? "" } }
}
