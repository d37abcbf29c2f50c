import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Turns sign-in settings into the token provider their method needs.
public enum SignIn {
    public static func tokenProvider(
        for settings: SignInSettings, environment: [String: String], refreshTokenPath: String,
        transport: any HTTPTransport = URLSessionTransport(), prompt: @escaping DeviceCodeProvider.Prompt
    ) throws(SignInError) -> (any TokenProvider)? {
        switch settings.method {
        case .none:
            return nil
        case .token:
            return StaticTokenProvider(environment["SEGTUI_TOKEN"] ?? "")
        case .tokenCommand:
            return CommandTokenProvider(command: settings.tokenCommand ?? "")
        case .clientCredentials:
            let secret = try clientSecret(settings, environment: environment)
            return ClientCredentialsProvider(endpoint: try endpoint(settings, scope: settings.scope, transport: transport), secret: secret)
        case .deviceCode:
            guard let organization = settings.organization else { throw missingOrganization(settings) }
            // offline_access brings a refresh token, so the next start signs in silently.
            var scope = settings.scope ?? OAuthTokenEndpoint.defaultScope(for: organization).replacingOccurrences(of: "/.default", with: "/user_impersonation")
            if !scope.contains("offline_access") { scope += " offline_access" }
            return DeviceCodeProvider(
                endpoint: try endpoint(settings, scope: scope, transport: transport), store: RefreshTokenStore(path: refreshTokenPath),
                storeKey: settings.name + " " + organization.absoluteString, prompt: prompt)
        }
    }

    private static func missingOrganization(_ settings: SignInSettings) -> SignInError {
        SignInError("profile '\(settings.name)': \(settings.method.rawValue) needs url")
    }

    private static func endpoint(_ settings: SignInSettings, scope: String?, transport: any HTTPTransport) throws(SignInError) -> OAuthTokenEndpoint {
        guard let scope = scope ?? settings.organization.map(OAuthTokenEndpoint.defaultScope(for:)) else { throw missingOrganization(settings) }
        return OAuthTokenEndpoint(
            authority: settings.authority, tenant: settings.tenant ?? "organizations", clientId: settings.clientId ?? "",
            scope: scope, transport: transport)
    }

    /// The secret from the named environment variable, or from a file only its owner can read.
    static func clientSecret(_ settings: SignInSettings, environment: [String: String]) throws(SignInError) -> String {
        if let variable = settings.clientSecretEnv {
            guard let secret = environment[variable], !secret.isEmpty else {
                throw .init("profile '\(settings.name)': the environment variable \(variable) (client_secret_env) is not set")
            }
            return secret
        }
        let path = (settings.clientSecretFile ?? "").replacingOccurrences(of: "~", with: environment["HOME"] ?? NSHomeDirectory(), options: .anchored)
        var info = stat()
        guard stat(path, &info) == 0 else { throw .init("profile '\(settings.name)': cannot read the client secret file \(path)") }
        guard info.st_mode & 0o077 == 0 else {
            throw .init("profile '\(settings.name)': refusing the client secret file \(path): others can read it "
                + "(mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path),
              let secret = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty
        else { throw .init("profile '\(settings.name)': the client secret file \(path) is empty") }
        return secret
    }

    /// A secret shown as its first two characters and its length, for `segtui config`.
    public static func mask(_ secret: String) -> String {
        guard secret.count > 4 else { return "****" }
        return String(secret.prefix(2)) + String(repeating: "*", count: 6) + " (\(secret.count) characters)"
    }
}
