import Hummingbird

/// Checks the bearer token of every request that needs a caller (all but the sign-in endpoints)
/// when the service requires one, and names the caller for the protection limits. It stands
/// before throttling, so that a caller without a valid token spends nobody's request budget.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let state: ServerState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.target?.needsCaller ?? true else { return try await next(request, context) }
        var context = context
        context.caller = try authenticate(request, authority: request.head.authority ?? "\(state.host):\(state.port)")
        return try await next(request, context)
    }

    /// The caller's token, checked when the service requires one; it also keys the protection limits.
    private func authenticate(_ request: Request, authority: String) throws(ServiceError) -> String {
        let header = request.headers[.authorization] ?? ""
        let token = header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil
        guard state.configuration.requireToken else { return token ?? "anonymous" }
        let challenge = [
            ("WWW-Authenticate", "Bearer authorization_uri=http://\(authority)/common/oauth2/authorize, resource_id=http://\(authority)/")
        ]
        guard let token, !token.isEmpty else {
            throw ServiceError(status: .unauthorized, code: "0x80072243", message: "The request has no bearer token: sign in first.", headers: challenge)
        }
        if state.configuration.acceptedTokens.contains(token) { return token }
        switch state.issuer.check(token) {
        case .valid: return token
        case .expired:
            throw ServiceError(status: .unauthorized, code: "0x80072243", message: "The access token has expired: sign in again.", headers: challenge)
        case .unknown:
            throw ServiceError(status: .unauthorized, code: "0x80072243", message: "The access token is not valid.", headers: challenge)
        }
    }
}
