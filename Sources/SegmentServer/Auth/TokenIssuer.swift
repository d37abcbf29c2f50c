import Foundation
import Synchronization

/// A local stand-in for the Microsoft Entra ID token endpoint: it issues bearer tokens (client
/// credentials, device code, refresh tokens) that the service then requires, so that the client's
/// sign-in flows are tested against real HTTP.
final class TokenIssuer: Sendable {
    enum Check {
        case valid, expired, unknown
    }

    struct DeviceGrant {
        var userCode: String
        var scope: String
        var expires: Double
        var lastPoll: Double?
        var state: DeviceState
        /// Shown only on the server's terminal; approving the code takes it, once.
        var approvalSecret: String
    }

    enum DeviceState {
        case pending, approved, declined
    }

    struct Settings: Sendable {
        var tokenLifetime: Double
        var deviceInterval: Double
        var deviceLifetime: Double
    }

    private struct State {
        var tokens: [String: Double] = [:]  // token → expiry
        var refreshTokens: Set<String> = []
        var devices: [String: DeviceGrant] = [:]  // device code → grant
    }

    let settings: Settings
    private let state = Mutex(State())

    init(settings: Settings) {
        self.settings = settings
    }

    static func randomToken(_ bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16).leftPadded(to: 2) }.joined()
    }

    func check(_ token: String, now: Double = Date().timeIntervalSince1970) -> Check {
        guard let expiry = state.withLock({ $0.tokens[token] }) else { return .unknown }
        return expiry > now ? .valid : .expired
    }

    /// A token answer; a refresh token comes with it when the scope asks for `offline_access`.
    func issue(scope: String, now: Double = Date().timeIntervalSince1970) -> [String: TokenValue] {
        let token = Self.randomToken()
        let refresh = scope.split(separator: " ").contains("offline_access") ? Self.randomToken(48) : nil
        state.withLock { state in
            state.tokens[token] = now + settings.tokenLifetime
            if let refresh { state.refreshTokens.insert(refresh) }
        }
        var answer: [String: TokenValue] = [
            "token_type": .text("Bearer"), "scope": .text(scope), "expires_in": .number(Int(settings.tokenLifetime)),
            "ext_expires_in": .number(Int(settings.tokenLifetime)), "access_token": .text(token),
        ]
        if let refresh { answer["refresh_token"] = .text(refresh) }
        return answer
    }

    /// Uses a refresh token once; a new one comes with the new access token.
    func redeem(refreshToken: String, scope: String) -> [String: TokenValue]? {
        let known = state.withLock { $0.refreshTokens.remove(refreshToken) != nil }
        guard known else { return nil }
        return issue(scope: scope.split(separator: " ").contains("offline_access") ? scope : scope + " offline_access")
    }

    func startDevice(scope: String, now: Double = Date().timeIntervalSince1970) -> (deviceCode: String, userCode: String, approvalSecret: String) {
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ23456789")
        var generator = SystemRandomNumberGenerator()
        let userCode = String((0..<9).map { _ in letters.randomElement(using: &generator)! })
        let deviceCode = Self.randomToken(40)
        let approvalSecret = Self.randomToken(8)
        state.withLock { state in
            state.devices[deviceCode] = DeviceGrant(
                userCode: userCode, scope: scope, expires: now + settings.deviceLifetime, lastPoll: nil, state: .pending,
                approvalSecret: approvalSecret)
        }
        return (deviceCode, userCode, approvalSecret)
    }

    enum Decision: Equatable {
        case recorded, unknownCode, wrongSecret
    }

    /// What the person who read the approval secret on the server's terminal decided. A wrong
    /// secret declines the code for good, so that secrets cannot be guessed one try at a time.
    func decide(userCode: String, approvalSecret: String, approve: Bool, now: Double = Date().timeIntervalSince1970) -> Decision {
        state.withLock { state in
            guard let (code, grant) = state.devices.first(where: { $0.value.userCode == userCode.uppercased() }), grant.expires > now,
                grant.state == .pending
            else { return .unknownCode }
            guard grant.approvalSecret == approvalSecret else {
                state.devices[code]?.state = .declined
                return .wrongSecret
            }
            state.devices[code]?.state = approve ? .approved : .declined
            return .recorded
        }
    }

    enum PollOutcome {
        case token(scope: String)
        case error(String, String)
    }

    /// One poll of the token endpoint with a device code, as Entra ID answers it.
    func poll(deviceCode: String, now: Double = Date().timeIntervalSince1970) -> PollOutcome {
        let interval = settings.deviceInterval
        return state.withLock { state -> PollOutcome in
            guard var grant = state.devices[deviceCode] else {
                return .error("bad_verification_code", "AADSTS70019: The device code is not known.")
            }
            guard grant.expires > now else {
                state.devices[deviceCode] = nil
                return .error("expired_token", "AADSTS70020: The device code has expired.")
            }
            switch grant.state {
            case .declined:
                state.devices[deviceCode] = nil
                return .error("authorization_declined", "AADSTS70000: The user declined to sign in.")
            case .approved:
                // A device code gives one token; polling it again is like polling an unknown code.
                state.devices[deviceCode] = nil
                return .token(scope: grant.scope)
            case .pending:
                // Only polls that respected the interval restart its clock: a client that keeps
                // hammering keeps hearing slow_down.
                if let last = grant.lastPoll, now - last < interval {
                    return .error("slow_down", "AADSTS70016: Polling too fast; wait longer between requests.")
                }
                grant.lastPoll = now
                state.devices[deviceCode] = grant
                return .error("authorization_pending", "AADSTS70016: The user has not yet signed in.")
            }
        }
    }
}

enum TokenValue: Sendable {
    case text(String)
    case number(Int)
}
