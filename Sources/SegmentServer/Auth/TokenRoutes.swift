import Foundation
import Hummingbird

/// `/{tenant}/oauth2/v2.0/token`, `/{tenant}/oauth2/v2.0/devicecode` and `/devicelogin` (where
/// a person, or a test, approves or declines a device code). Answers are in Entra ID's shapes.
/// Approving takes the code's one-time secret, which only the server's terminal shows: an open
/// approval endpoint let any caller approve its own code and mint a token.
struct TokenRoutes {
    let issuer: TokenIssuer
    let configuration: SegmentServerConfiguration

    static func handles(_ path: String) -> Bool {
        path.hasSuffix("/oauth2/v2.0/token") || path.hasSuffix("/oauth2/v2.0/devicecode") || path == "/devicelogin"
    }

    func handle(path: String, method: HTTPRequest.Method, body: ByteBuffer?, authority: String) -> Response {
        guard method == .post else { return Self.oauthError(405, "invalid_request", "Use POST.") }
        let form = Self.form(body)
        if path == "/devicelogin" {
            // [I] the stand-in's own page, not Entra ID's: `user_code`, `approval_secret`, `action`.
            let approve = form["action"] != "decline"
            switch issuer.decide(userCode: form["user_code"] ?? "", approvalSecret: form["approval_secret"] ?? "", approve: approve) {
            case .recorded: return Reply.json("{\"signedIn\":\(approve)}")
            case .unknownCode: return Self.oauthError(400, "invalid_grant", "The code is not known or has expired.")
            case .wrongSecret:
                return Self.oauthError(
                    403, "access_denied", "The approval secret is wrong; the code is declined. It is printed on the service's terminal.")
            }
        }
        let scope = form["scope"] ?? ""
        guard let client = form["client_id"], !client.isEmpty else {
            return Self.oauthError(400, "invalid_request", "AADSTS900144: The request body must contain the parameter 'client_id'.")
        }
        if path.hasSuffix("/devicecode") {
            let (deviceCode, userCode, approvalSecret) = issuer.startDevice(scope: scope)
            // The operator's prompt, not a log record: it carries the approval secret, which the
            // log never does, so it goes to the console whatever the log level.
            ServiceConsole.write("sign-in request for the code \(userCode): to approve it, POST user_code=\(userCode)&approval_secret=\(approvalSecret) to /devicelogin")
            configuration.onDeviceCode?(userCode, approvalSecret)
            let uri = "http://\(authority)/devicelogin"
            return Self.answer(200, [
                "device_code": .text(deviceCode), "user_code": .text(userCode), "verification_uri": .text(uri),
                "expires_in": .number(Int(issuer.settings.deviceLifetime.rounded(.up))),
                "interval": .number(max(1, Int(issuer.settings.deviceInterval.rounded(.up)))),
                "message": .text("To sign in, use a web browser to open the page \(uri) and enter the code \(userCode) to authenticate."),
            ])
        }
        switch form["grant_type"] ?? "" {
        case "client_credentials":
            // Under --require-token a secret must be configured and proven; without a configured
            // one any secret used to pass, which made the token requirement decorative.
            if configuration.requireToken, configuration.clientSecret == nil {
                return Self.oauthError(
                    401, "unauthorized_client", "AADSTS700016: Client credentials are not enabled: the service has no client secret.")
            }
            guard let secret = form["client_secret"], !secret.isEmpty,
                configuration.clientSecret == nil || configuration.clientSecret == secret
            else { return Self.oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.") }
            return Self.answer(200, issuer.issue(scope: scope))
        case "urn:ietf:params:oauth:grant-type:device_code":
            switch issuer.poll(deviceCode: form["device_code"] ?? "") {
            case .token(let grantedScope): return Self.answer(200, issuer.issue(scope: scope.isEmpty ? grantedScope : scope))
            case .error(let code, let description): return Self.oauthError(400, code, description)
            }
        case "refresh_token":
            guard let refresh = form["refresh_token"], let answer = issuer.redeem(refreshToken: refresh, scope: scope) else {
                return Self.oauthError(400, "invalid_grant", "AADSTS70000: The refresh token is not valid or was already used.")
            }
            return Self.answer(200, answer)
        default:
            return Self.oauthError(400, "unsupported_grant_type", "AADSTS70003: The grant type is not supported.")
        }
    }

    static func form(_ body: ByteBuffer?) -> [String: String] {
        guard let body else { return [:] }
        var values: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard let name = QueryParameters.decode(parts[0]) else { continue }
            values[name] = parts.count > 1 ? QueryParameters.decode(parts[1]) ?? "" : ""
        }
        return values
    }

    static func answer(_ status: Int, _ fields: [String: TokenValue]) -> Response {
        var writer = JSONWriter()
        writer.beginObject()
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .text(let text): writer.field(key, text)
            case .number(let number): writer.field(key, number)
            }
        }
        writer.endObject()
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .init(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: writer.text)))
    }

    static func oauthError(_ status: Int, _ code: String, _ description: String) -> Response {
        answer(status, ["error": .text(code), "error_description": .text(description)])
    }
}
