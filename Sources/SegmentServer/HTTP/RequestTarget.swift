import Hummingbird

/// What a request is for, worked out before anyone looks at the caller: an unknown path is 404
/// and an unknown method 405 whether or not a token came with it, as Dataverse answers.
enum RequestTarget: Sendable {
    /// The token endpoints and `/devicelogin`: they hand out tokens, so they take none.
    case signIn
    /// `/segtui/...`: not the Web API, so neither throttled, faulted nor counted; signed in.
    case diagnostic(path: String)
    /// `/api/data/VERSION/RESOURCE(KEY)`.
    case webAPI(version: String, resource: String, key: String?)

    var needsCaller: Bool {
        if case .signIn = self { return false }
        return true
    }

    var isWebAPI: Bool {
        if case .webAPI = self { return true }
        return false
    }
}

/// Refuses what no resource answers (405, 414, 404), names the target for the middleware after
/// it, and counts and logs the Web API requests for `GET /segtui/requests`, refused ones included
/// (RequestLog; a fault queued by `POST /segtui/faults` answers here).
struct RequestTargetMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let state: ServerState

    static let supportedVersions: Set<String> = ["v9.0", "v9.1", "v9.2"]
    /// Dataverse's documented bound on a URL [D] segment-service.md, "Web API behaviour".
    static let maxURILength = 32 * 1024
    /// Methods some resource answers; any other is 405 with the methods that are.
    static let implementedMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .patch, .put, .delete, .options]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.target = try target(of: request)
        if case .webAPI(_, _, let key) = context.target {
            state.requestCounts.withLock { counts in
                counts.all += 1
                if request.method == .get, key == nil { counts.collectionReads += 1 }
            }
            // Logged for GET /segtui/requests?log=N, and answered by a fault a test queued, before
            // sign-in: what a client asked is seen whatever it is answered.
            context.logNumber = try state.received(method: request.method.rawValue, target: request.uri.string)
        }
        return try await next(request, context)
    }

    private func target(of request: Request) throws(ServiceError) -> RequestTarget {
        guard Self.implementedMethods.contains(request.method) else { throw ServiceError.unknownMethod(request.method.rawValue) }
        guard request.uri.string.utf8.count <= Self.maxURILength else { throw ServiceError.uriTooLong(limit: Self.maxURILength) }
        let path = request.uri.path
        if TokenRoutes.handles(path) { return .signIn }
        if [DiagnosticRoutes.integrityPath, DiagnosticRoutes.requestsPath, DiagnosticRoutes.faultsPath].contains(path) {
            return .diagnostic(path: path)
        }
        guard let (version, resource, key) = try ServiceRequest.parsePath(path) else {
            throw ServiceError(status: .notFound, code: "0x8006088a", message: "Resource not found: '\(path)'.")
        }
        guard Self.supportedVersions.contains(version) else {
            throw ServiceError(status: .notFound, code: "0x8006088a", message: "The API version '\(version)' is not supported.")
        }
        return .webAPI(version: version, resource: resource, key: key)
    }
}
