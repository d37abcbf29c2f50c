import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Turns a profile into the token provider its sign-in method needs.
public enum SignIn {
    public static func tokenProvider(
        for profile: ConnectionProfile, environment: [String: String], refreshTokenPath: String,
        transport: any HTTPTransport = URLSessionTransport(), prompt: @escaping DeviceCodeProvider.Prompt
    ) throws(ConnectionProfile.Problem) -> (any TokenProvider)? {
        try profile.validate(environment: environment)
        switch profile.effectiveAuth(environment: environment) {
        case .none:
            return nil
        case .token:
            return StaticTokenProvider(environment["SEGTUI_TOKEN"] ?? "")
        case .tokenCommand:
            return CommandTokenProvider(command: profile.tokenCommand ?? "")
        case .clientCredentials:
            let secret = try clientSecret(profile, environment: environment)
            return ClientCredentialsProvider(endpoint: endpoint(profile, scope: profile.scope, transport: transport), secret: secret)
        case .deviceCode:
            // offline_access brings a refresh token, so the next start signs in silently.
            var scope = profile.scope ?? OAuthTokenEndpoint.defaultScope(for: profile.url!).replacingOccurrences(of: "/.default", with: "/user_impersonation")
            if !scope.contains("offline_access") { scope += " offline_access" }
            return DeviceCodeProvider(
                endpoint: endpoint(profile, scope: scope, transport: transport), store: RefreshTokenStore(path: refreshTokenPath),
                storeKey: profile.name + " " + (profile.url?.absoluteString ?? ""), prompt: prompt)
        }
    }

    private static func endpoint(_ profile: ConnectionProfile, scope: String?, transport: any HTTPTransport) -> OAuthTokenEndpoint {
        OAuthTokenEndpoint(
            authority: profile.authority, tenant: profile.tenant ?? "organizations", clientId: profile.clientId ?? "",
            scope: scope ?? OAuthTokenEndpoint.defaultScope(for: profile.url!), transport: transport)
    }

    /// The secret from the named environment variable, or from a file only its owner can read.
    static func clientSecret(_ profile: ConnectionProfile, environment: [String: String]) throws(ConnectionProfile.Problem) -> String {
        if let variable = profile.clientSecretEnv {
            guard let secret = environment[variable], !secret.isEmpty else {
                throw .init("profile '\(profile.name)': the environment variable \(variable) (client_secret_env) is not set")
            }
            return secret
        }
        let path = (profile.clientSecretFile ?? "").replacingOccurrences(of: "~", with: environment["HOME"] ?? NSHomeDirectory(), options: .anchored)
        var info = stat()
        guard stat(path, &info) == 0 else { throw .init("profile '\(profile.name)': cannot read the client secret file \(path)") }
        guard info.st_mode & 0o077 == 0 else {
            throw .init("profile '\(profile.name)': refusing the client secret file \(path): others can read it "
                + "(mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let secret = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty
        else { throw .init("profile '\(profile.name)': the client secret file \(path) is empty") }
        return secret
    }

    /// A secret shown as its first two characters and its length, for `segtui config`.
    public static func mask(_ secret: String) -> String {
        guard secret.count > 4 else { return "****" }
        return String(secret.prefix(2)) + String(repeating: "*", count: 6) + " (\(secret.count) characters)"
    }
}
