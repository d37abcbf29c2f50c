import Foundation

/// What a sign-in needs: the method and its particulars. The configuration reads them from a
/// profile and checks that they are complete; `SignIn` acts on them.
public struct SignInSettings: Equatable, Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case none, token, tokenCommand = "token-command", clientCredentials = "client-credentials", deviceCode = "device-code"
    }

    /// Names the sign-in in messages ("profile 'contoso'") and keys its stored refresh token.
    public var name: String
    public var method: Method
    public var organization: URL?
    public var tenant: String?
    public var clientId: String?
    public var authority: URL
    public var scope: String?
    /// Name of the environment variable that holds the client secret.
    public var clientSecretEnv: String?
    /// File that holds the client secret; refused when others can read it.
    public var clientSecretFile: String?
    public var tokenCommand: String?

    public init(
        name: String, method: Method, organization: URL? = nil, tenant: String? = nil, clientId: String? = nil,
        authority: URL = SignInSettings.defaultAuthority, scope: String? = nil, clientSecretEnv: String? = nil,
        clientSecretFile: String? = nil, tokenCommand: String? = nil
    ) {
        self.name = name
        self.method = method
        self.organization = organization
        self.tenant = tenant
        self.clientId = clientId
        self.authority = authority
        self.scope = scope
        self.clientSecretEnv = clientSecretEnv
        self.clientSecretFile = clientSecretFile
        self.tokenCommand = tokenCommand
    }

    /// Microsoft Entra ID's sign-in address; a profile's `authority` overrides it (tests do).
    public static let defaultAuthority = URL(string: "https://login.microsoftonline.com")!
}

/// A sign-in that cannot start: what is missing or refused, in words a user can act on.
public struct SignInError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
