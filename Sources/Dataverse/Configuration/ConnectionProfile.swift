import Foundation

/// How to reach one organisation and sign in to it: a `[profiles.NAME]` table of config.toml,
/// with command-line flags laid over it.
public struct ConnectionProfile: Equatable, Sendable {
    public enum AuthMethod: String, Sendable, CaseIterable {
        case none, token, tokenCommand = "token-command", clientCredentials = "client-credentials", deviceCode = "device-code"
    }

    public var name: String
    public var url: URL?
    public var apiVersion = "v9.2"
    public var tenant: String?
    public var clientId: String?
    public var auth: AuthMethod?
    public var authority = URL(string: "https://login.microsoftonline.com")!
    public var scope: String?
    /// Name of the environment variable that holds the client secret.
    public var clientSecretEnv: String?
    /// File that holds the client secret; refused when others can read it.
    public var clientSecretFile: String?
    public var tokenCommand: String?
    public var pageSize = 50
    public var readOnly = false
    public var timeout: TimeInterval = 30
    /// Seconds between the browser's live refreshes; 0 turns them off.
    public var refresh = 10
    /// Which segment API: "journeys", "outbound" or "auto" (nil: auto).
    public var api: String?
    /// A file every exchange with the service is written to, as JSON lines, secrets redacted.
    public var trace: String?

    /// The values `api` takes.
    public static let apiChoices = ["journeys", "outbound", "auto"]

    public init(name: String) {
        self.name = name
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    static let keys: Set<String> = [
        "url", "api_version", "tenant", "client_id", "auth", "authority", "scope", "client_secret_env",
        "client_secret_file", "token_command", "page_size", "read_only", "timeout", "api", "trace", "refresh",
    ]

    /// Reads a profile table; a wrong key or value names its line.
    init(name: String, table: [String: TOMLDocument.Value], line: (String) -> Int?, file: String) throws(Problem) {
        self.init(name: name)
        func fail(_ key: String, _ message: String) -> Problem {
            Problem("\(file):\(line(key).map(String.init) ?? "?"): \(message)")
        }
        func string(_ key: String) throws(Problem) -> String? {
            guard let value = table[key] else { return nil }
            guard case .string(let text) = value else { throw fail(key, "\(key) must be a string in quotes") }
            return text
        }
        for key in table.keys where !Self.keys.contains(key) {
            throw fail(key, "unknown key '\(key)' in [profiles.\(name)]; known keys: \(Self.keys.sorted().joined(separator: ", "))")
        }
        if let text = try string("url") {
            guard let parsed = URL(string: text), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
                throw fail("url", "url must be an http or https URL, for example \"https://contoso.crm.dynamics.com\"")
            }
            url = parsed
        }
        if let text = try string("api_version") {
            guard text.range(of: #"^v\d+\.\d+$"#, options: .regularExpression) != nil else {
                throw fail("api_version", "api_version looks like \"v9.2\"")
            }
            apiVersion = text
        }
        tenant = try string("tenant")
        clientId = try string("client_id")
        if let text = try string("auth") {
            guard let method = AuthMethod(rawValue: text) else {
                throw fail("auth", "auth must be one of: \(AuthMethod.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            auth = method
        }
        if let text = try string("authority") {
            guard let parsed = URL(string: text), parsed.scheme != nil, parsed.host != nil else { throw fail("authority", "authority must be a URL") }
            authority = parsed
        }
        scope = try string("scope")
        clientSecretEnv = try string("client_secret_env")
        clientSecretFile = try string("client_secret_file")
        tokenCommand = try string("token_command")
        if let text = try string("api") {
            guard Self.apiChoices.contains(text) else { throw fail("api", "api must be one of: \(Self.apiChoices.joined(separator: ", "))") }
            api = text
        }
        trace = try string("trace")
        if let value = table["page_size"] {
            guard case .integer(let size) = value, (1...5000).contains(size) else { throw fail("page_size", "page_size must be a whole number from 1 to 5000") }
            pageSize = size
        }
        if let value = table["refresh"] {
            guard case .integer(let seconds) = value, (0...3600).contains(seconds) else {
                throw fail("refresh", "refresh must be a whole number of seconds from 0 (off) to 3600")
            }
            refresh = seconds
        }
        if let value = table["read_only"] {
            guard case .bool(let flag) = value else { throw fail("read_only", "read_only must be true or false") }
            readOnly = flag
        }
        if let value = table["timeout"] {
            switch value {
            case .integer(let seconds) where seconds > 0: timeout = TimeInterval(seconds)
            case .float(let seconds) where seconds > 0: timeout = seconds
            default: throw fail("timeout", "timeout must be a number of seconds above 0")
            }
        }
    }

    /// The method in force: the profile's, else a token if one is in the environment, else none.
    public func effectiveAuth(environment: [String: String]) -> AuthMethod {
        if let auth { return auth }
        if environment["SEGTUI_TOKEN"]?.isEmpty == false { return .token }
        if tokenCommand != nil { return .tokenCommand }
        return .none
    }

    /// Checks that the method has what it needs, with a message that says what to add.
    public func validate(environment: [String: String]) throws(Problem) {
        let method = effectiveAuth(environment: environment)
        switch method {
        case .clientCredentials, .deviceCode:
            if url == nil { throw Problem("profile '\(name)': \(method.rawValue) needs url") }
            if tenant == nil { throw Problem("profile '\(name)': \(method.rawValue) needs tenant (a tenant id or domain)") }
            if clientId == nil { throw Problem("profile '\(name)': \(method.rawValue) needs client_id (the app registration's id)") }
            if method == .clientCredentials && clientSecretEnv == nil && clientSecretFile == nil {
                throw Problem("profile '\(name)': client-credentials needs client_secret_env or client_secret_file")
            }
        case .tokenCommand:
            if tokenCommand == nil { throw Problem("profile '\(name)': token-command needs token_command") }
        case .token:
            if environment["SEGTUI_TOKEN"]?.isEmpty ?? true { throw Problem("profile '\(name)': auth = \"token\" needs SEGTUI_TOKEN set") }
        case .none:
            break
        }
    }
}
