import Foundation

/// The Microsoft Entra ID v2 endpoints of one tenant: tokens and device codes, form-encoded.
public struct OAuthTokenEndpoint: Sendable {
    public var authority: URL
    public var tenant: String
    public var clientId: String
    public var scope: String
    let transport: any HTTPTransport

    /// - Parameters:
    ///   - authority: `https://login.microsoftonline.com` unless a profile overrides it (tests do).
    ///   - scope: `https://org.crm.dynamics.com/.default` or `…/user_impersonation offline_access`.
    public init(authority: URL, tenant: String, clientId: String, scope: String, transport: any HTTPTransport = URLSessionTransport()) {
        self.authority = authority
        self.tenant = tenant
        self.clientId = clientId
        self.scope = scope
        self.transport = transport
    }

    /// The default scope for an organisation: its `.default` permissions.
    public static func defaultScope(for organization: URL) -> String {
        var base = organization.absoluteString
        if let range = base.range(of: "/api/data/") { base = String(base[..<range.lowerBound]) }
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/.default"
    }

    public struct TokenReply: Sendable, Equatable {
        public var accessToken: String
        public var expiresIn: TimeInterval
        public var refreshToken: String?
    }

    /// An OAuth error answer (`{"error": "authorization_pending", "error_description": …}`).
    public struct OAuthError: Error, Equatable, Sendable {
        public var code: String
        public var description: String
    }

    public func requestToken(_ parameters: [String: String]) throws(DataverseError) -> Result<TokenReply, OAuthError> {
        var form = parameters
        form["client_id"] = clientId
        let json = try post(path: "oauth2/v2.0/token", form: form)
        if let code = json["error"]?.stringValue {
            return .failure(OAuthError(code: code, description: json["error_description"]?.stringValue ?? code))
        }
        guard let token = json["access_token"]?.stringValue else { throw .malformedReply("a token answer without access_token") }
        return .success(TokenReply(
            accessToken: token, expiresIn: json["expires_in"]?.doubleValue ?? Double(json["expires_in"]?.intValue ?? 3599),
            refreshToken: json["refresh_token"]?.stringValue))
    }

    public struct DeviceCode: Sendable, Equatable {
        public var deviceCode: String
        public var userCode: String
        public var verificationURI: String
        public var message: String
        public var interval: TimeInterval
        public var expiresIn: TimeInterval
    }

    public func requestDeviceCode() throws(DataverseError) -> DeviceCode {
        let json = try post(path: "oauth2/v2.0/devicecode", form: ["client_id": clientId, "scope": scope])
        if let code = json["error"]?.stringValue {
            throw .authentication("the device code was refused: \(json["error_description"]?.stringValue ?? code)")
        }
        guard let device = json["device_code"]?.stringValue, let user = json["user_code"]?.stringValue,
              let uri = json["verification_uri"]?.stringValue
        else { throw .malformedReply("a device code answer without device_code, user_code or verification_uri") }
        return DeviceCode(
            deviceCode: device, userCode: user, verificationURI: uri,
            message: json["message"]?.stringValue ?? "To sign in, open \(uri) and enter the code \(user).",
            interval: Double(json["interval"]?.intValue ?? 5), expiresIn: Double(json["expires_in"]?.intValue ?? 900))
    }

    private func post(path: String, form: [String: String]) throws(DataverseError) -> JSONValue {
        var text = authority.absoluteString
        if !text.hasSuffix("/") { text += "/" }
        guard let url = URL(string: text + tenant + "/" + path) else { throw .invalidRequest("bad authority \(authority)") }
        let body = form.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.formEncode($0.value))" }.joined(separator: "&")
        let request = HTTPRequest(method: "POST", url: url, headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
        ], body: Data(body.utf8))
        let response = try transport.send(request)
        guard let json = try? JSONValue.parse(response.body), json.objectValue != nil else {
            throw .authentication("the token endpoint answered HTTP \(response.status) without JSON")
        }
        return json
    }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
