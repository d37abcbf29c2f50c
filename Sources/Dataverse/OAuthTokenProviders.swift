import Foundation
import Synchronization

/// Client credentials: an app's own identity, with a secret. No refresh token; a new token is
/// asked for a few minutes before the old one expires.
public final class ClientCredentialsProvider: TokenProvider {
    private let endpoint: OAuthTokenEndpoint
    private let secret: String
    private let cache = Mutex<CachedToken?>(nil)

    public init(endpoint: OAuthTokenEndpoint, secret: String) {
        self.endpoint = endpoint
        self.secret = secret
    }

    public func accessToken(refresh: Bool) throws(DataverseError) -> String {
        if !refresh, let cached = cache.withLock({ $0 }), cached.isFresh() { return cached.token }
        switch try endpoint.requestToken(["grant_type": "client_credentials", "client_secret": secret, "scope": endpoint.scope]) {
        case .success(let reply):
            cache.withLock { $0 = CachedToken(token: reply.accessToken, expiresAt: Date(timeIntervalSinceNow: reply.expiresIn)) }
            return reply.accessToken
        case .failure(let error):
            throw .authentication("client credentials were refused: \(error.description)")
        }
    }
}

/// Device code sign-in, the SSH-friendly way: the user opens a URL anywhere and types a code.
/// With `offline_access` in the scope the refresh token is kept, so the next start is silent.
public final class DeviceCodeProvider: TokenProvider {
    /// What the user must see to sign in; called on the thread that asked for a token.
    public typealias Prompt = @Sendable (OAuthTokenEndpoint.DeviceCode) -> Void
    /// Waits between polls; returns false to give up (the user cancelled).
    public typealias Pause = @Sendable (TimeInterval) -> Bool

    private let endpoint: OAuthTokenEndpoint
    private let store: RefreshTokenStore?
    private let storeKey: String
    private let prompt: Prompt
    private let pause: Pause
    private let cache = Mutex<CachedToken?>(nil)

    public init(endpoint: OAuthTokenEndpoint, store: RefreshTokenStore?, storeKey: String, prompt: @escaping Prompt,
                pause: @escaping Pause = { seconds in Thread.sleep(forTimeInterval: seconds); return true }) {
        self.endpoint = endpoint
        self.store = store
        self.storeKey = storeKey
        self.prompt = prompt
        self.pause = pause
    }

    public func accessToken(refresh: Bool) throws(DataverseError) -> String {
        if !refresh, let cached = cache.withLock({ $0 }), cached.isFresh() { return cached.token }
        if let refreshToken = store?.token(for: storeKey) {
            switch try endpoint.requestToken(["grant_type": "refresh_token", "refresh_token": refreshToken, "scope": endpoint.scope]) {
            case .success(let reply): return keep(reply)
            case .failure:
                // An expired or revoked refresh token: forget it and sign in again.
                store?.remove(storeKey)
            }
        }
        return keep(try signIn())
    }

    private func keep(_ reply: OAuthTokenEndpoint.TokenReply) -> String {
        cache.withLock { $0 = CachedToken(token: reply.accessToken, expiresAt: Date(timeIntervalSinceNow: reply.expiresIn)) }
        if let refreshToken = reply.refreshToken { store?.save(refreshToken, for: storeKey) }
        return reply.accessToken
    }

    private func signIn() throws(DataverseError) -> OAuthTokenEndpoint.TokenReply {
        let code = try endpoint.requestDeviceCode()
        prompt(code)
        var interval = max(1, code.interval)
        let deadline = Date(timeIntervalSinceNow: code.expiresIn)
        while Date() < deadline {
            guard pause(interval) else { throw .cancelled }
            let outcome = try endpoint.requestToken([
                "grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": code.deviceCode,
            ])
            switch outcome {
            case .success(let reply): return reply
            case .failure(let error) where error.code == "authorization_pending": continue
            case .failure(let error) where error.code == "slow_down": interval += 5
            case .failure(let error) where error.code == "authorization_declined":
                throw .authentication("sign-in was declined at \(code.verificationURI)")
            case .failure(let error) where error.code == "expired_token":
                throw .authentication("the code \(code.userCode) expired before sign-in finished; start again")
            case .failure(let error):
                throw .authentication("\(error.code): \(error.description)")
            }
        }
        throw .authentication("the code \(code.userCode) expired before sign-in finished; start again")
    }
}

/// Refresh tokens on disk, one a profile, in a file only the user can read (0600).
public final class RefreshTokenStore: Sendable {
    public let path: String
    private let lock = Mutex<Void>(())

    public init(path: String) {
        self.path = path
    }

    public func token(for key: String) -> String? {
        lock.withLock { _ in read()[key] }
    }

    public func save(_ token: String, for key: String) {
        lock.withLock { _ in
            var all = read()
            all[key] = token
            write(all)
        }
    }

    public func remove(_ key: String) {
        lock.withLock { _ in
            var all = read()
            all[key] = nil
            write(all)
        }
    }

    private func read() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONValue.parse(data).objectValue else { return [:] }
        return json.compactMapValues(\.stringValue)
    }

    private func write(_ tokens: [String: String]) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = JSONValue.object(tokens.mapValues(JSONValue.string)).jsonData()
        // Created 0600 before the secret is written, never readable by others even for a moment.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        fchmod(fd, 0o600)
        _ = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}

#if canImport(Glibc)
import Glibc
#endif
