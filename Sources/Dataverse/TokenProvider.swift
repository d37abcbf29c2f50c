import Foundation
import Synchronization

/// Gives the bearer token for each request. `refresh: true` comes after a 401: the cached token
/// was refused, so get a fresh one or say why not.
public protocol TokenProvider: Sendable {
    func accessToken(refresh: Bool) throws(DataverseError) -> String
}

/// A fixed token (`SEGTUI_TOKEN`): nothing to refresh, so a 401 is final.
public struct StaticTokenProvider: TokenProvider {
    private let token: String

    public init(_ token: String) {
        self.token = token
    }

    public func accessToken(refresh: Bool) throws(DataverseError) -> String {
        if refresh {
            throw .authentication("the service refused the token in SEGTUI_TOKEN; get a new one and set it again")
        }
        return token
    }
}

/// A token printed by a command the user configured (for example
/// `az account get-access-token --resource https://org.crm.dynamics.com --query accessToken -o tsv`).
/// The token arrives on the command's stdout, never in anyone's arguments; it is cached until
/// shortly before the expiry its JWT states, or for five minutes if it states none.
public final class CommandTokenProvider: TokenProvider {
    private let command: String
    private let cache = Mutex<CachedToken?>(nil)

    public init(command: String) {
        self.command = command
    }

    public func accessToken(refresh: Bool) throws(DataverseError) -> String {
        if !refresh, let cached = cache.withLock({ $0 }), cached.isFresh() { return cached.token }
        let token = try run()
        let expiry = JWT.expiry(of: token) ?? Date(timeIntervalSinceNow: 300)
        cache.withLock { $0 = CachedToken(token: token, expiresAt: expiry) }
        return token
    }

    private func run() throws(DataverseError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .authentication("cannot run the token command: \(error.localizedDescription)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, !token.isEmpty, !token.contains(where: \.isWhitespace) else {
            // Its stderr is the user's own tool talking; its stdout might be a token, so it is not shown.
            let detail = String(decoding: errors.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .authentication("the token command failed (exit \(process.terminationStatus))" + (detail.isEmpty ? "" : ": \(detail)"))
        }
        return token
    }
}

/// A token and when it stops being usable.
struct CachedToken: Sendable {
    var token: String
    var expiresAt: Date

    /// Tokens are renewed a few minutes early so that a long request never carries a dying one.
    func isFresh(now: Date = Date(), margin: TimeInterval = 120) -> Bool {
        expiresAt.timeIntervalSince(now) > margin
    }
}

/// Reads the `exp` claim of a JWT without verifying it: only to know when to renew.
enum JWT {
    static func expiry(of token: String) -> Date? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        guard let data = Data(base64Encoded: payload), let json = try? JSONValue.parse(data), let exp = json["exp"]?.doubleValue else {
            return nil
        }
        return Date(timeIntervalSince1970: exp)
    }
}
