import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import Synchronization

/// Routes every request by hand: OData paths such as `msdyncrm_segments(<guid>)` do not fit a
/// path-pattern router, and unknown resources must answer in the Dataverse error shape.
struct ServiceResponder: HTTPResponder {
    typealias Context = ServiceRequestContext

    let state: ServerState

    static let supportedVersions: Set<String> = ["v9.0", "v9.1", "v9.2"]
    /// Dataverse's documented bound on a URL [D] segment-service.md, "Web API behaviour".
    static let maxURILength = 32 * 1024
    /// Methods some resource answers; any other is 405 with the methods that are.
    static let implementedMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .patch, .put, .delete, .options]

    func respond(to request: Request, context: ServiceRequestContext) async throws -> Response {
        do {
            return try await route(request, context: context)
        } catch let error as ServiceError {
            return Reply.error(error)
        } catch is HTTPParserError {
            // ProtocolErrorHandler has answered and closed the connection; this is a body cut short.
            return Reply.error(.badRequest("The request is not valid HTTP/1.1.", code: "0x80048d19"))
        } catch is NIOTooManyBytesError {
            return Reply.error(.bodyTooLarge(limit: context.maxUploadSize))
        } catch {
            // The reason stays in the log: it may name internal types or quote generated SQL.
            ServiceLog.unexpected(error, method: request.method.rawValue, path: request.uri.path)
            return Reply.error(.unexpected)
        }
    }

    private func route(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard Self.implementedMethods.contains(request.method) else { throw ServiceError.unknownMethod(request.method.rawValue) }
        guard request.uri.string.utf8.count <= Self.maxURILength else { throw ServiceError.uriTooLong(limit: Self.maxURILength) }
        let authority = request.head.authority ?? "\(state.host):\(state.port)"
        if TokenRoutes.handles(request.uri.path) {
            var mutable = request
            let body = try await mutable.collectBody(upTo: 64 * 1024)
            return TokenRoutes(issuer: state.issuer, configuration: state.configuration)
                .handle(path: request.uri.path, method: request.method, body: body, authority: authority)
        }
        if request.uri.path == DiagnosticRoutes.integrityPath {
            _ = try authenticate(request, authority: authority)
            return try await DiagnosticRoutes.integrity(method: request.method, state: state)
        }
        if request.uri.path == DiagnosticRoutes.requestsPath {
            _ = try authenticate(request, authority: authority)
            return try DiagnosticRoutes.requests(method: request.method, query: request.uri.query, state: state)
        }
        if request.uri.path == DiagnosticRoutes.faultsPath {
            _ = try authenticate(request, authority: authority)
            return try DiagnosticRoutes.faults(method: request.method, query: request.uri.query, state: state)
        }
        guard let (version, resource, key) = try ServiceRequest.parsePath(request.uri.path) else {
            throw ServiceError(status: .notFound, code: "0x8006088a", message: "Resource not found: '\(request.uri.path)'.")
        }
        guard Self.supportedVersions.contains(version) else {
            throw ServiceError(status: .notFound, code: "0x8006088a", message: "The API version '\(version)' is not supported.")
        }
        state.requestCounts.withLock { counts in
            counts.all += 1
            if request.method == .get, key == nil { counts.collectionReads += 1 }
        }
        let logNumber = try state.received(method: request.method.rawValue, target: request.uri.string)
        let caller = try authenticate(request, authority: authority)
        if let gate = state.gate { try gate.enter(caller) }
        defer { state.gate?.leave(caller) }
        if let injector = state.injector, let fault = await injector.next() {
            if fault == .drop { try? await context.channel.close() }
            return FaultInjector.response(for: fault)
        }
        var serviceRequest = ServiceRequest(
            method: request.method, serviceRoot: "http://\(authority)/api/data/\(version)/", resource: resource, key: key,
            query: try QueryParameters(rawQuery: request.uri.query), headers: request.headers)
        if request.method == .post || request.method == .patch || request.method == .put {
            var mutable = request
            serviceRequest.body = try await mutable.collectBody(upTo: context.maxUploadSize)
        }
        if resource == Self.batchResource, key == nil {
            return try await batch(serviceRequest, version: version, logNumber: logNumber)
        }
        return try await dispatch(serviceRequest)
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

    func dispatch(_ request: ServiceRequest) async throws -> Response {
        let api = state.configuration.api
        if let model = EntityModel.bySet[request.resource], api.servesOutbound || model.entitySet != EntityModel.segments.entitySet {
            return try await EntityRoutes(state: state, model: model).handle(request)
        }
        if api.servesOutbound, ActionRoutes.names.contains(request.resource) {
            return try await ActionRoutes(state: state).handle(request)
        }
        if api.servesJourneys, let response = try await JourneyRoutes(state: state).handle(request) {
            return response
        }
        if let response = try await AuditRoutes(state: state).handle(request) { return response }
        switch request.resource {
        case "":
            try Self.require(.get, request)
            return ServiceRoutes.serviceDocument(request, api: state.configuration.api)
        case "WhoAmI":
            try Self.require(.get, request)
            return try await ServiceRoutes.whoAmI(request, state: state)
        default:
            throw ServiceError.unknownSegment(request.resource)
        }
    }

    static func require(_ method: HTTPRequest.Method, _ request: ServiceRequest) throws(ServiceError) {
        guard request.method == method else { throw .methodNotAllowed(request.method.rawValue, request.resourceText) }
    }
}

extension EntityModel {
    static let bySet: [String: EntityModel] = [
        segments.entitySet: segments, contacts.entitySet: contacts, systemUsers.entitySet: systemUsers,
    ]
}

/// What the routes share: the database, the organisation's identity and where the server listens.
final class ServerState: Sendable {
    let database: SegmentDatabase
    let identity: OrganizationIdentity
    let configuration: SegmentServerConfiguration
    let lifecycle: SegmentLifecycle
    let journeyLifecycle: JourneyLifecycle
    let groupPages = GroupPages()
    let issuer: TokenIssuer
    let gate: ProtectionGate?
    let injector: FaultInjector?
    var host: String { configuration.host }
    private let boundPort: Mutex<Int>
    /// Web API requests received since start, and how many of them read a page of a collection
    /// (for `GET /segtui/requests`: a benchmark counts what one key cost).
    let requestCounts = Mutex((all: 0, collectionReads: 0))
    let requestLog = RequestLog()
    let faultQueue = FaultQueue()

    init(database: SegmentDatabase, identity: OrganizationIdentity, configuration: SegmentServerConfiguration) {
        self.database = database
        self.identity = identity
        self.configuration = configuration
        self.lifecycle = SegmentLifecycle(pool: database.pool, delay: configuration.lifecycleDelay)
        self.journeyLifecycle = JourneyLifecycle(pool: database.pool, delay: configuration.lifecycleDelay)
        self.issuer = TokenIssuer(
            settings: .init(
                tokenLifetime: configuration.tokenLifetime, deviceInterval: configuration.deviceCodeInterval,
                deviceLifetime: configuration.deviceCodeLifetime))
        self.gate = configuration.protection.map(ProtectionGate.init(limits:))
        self.injector = configuration.faults.isOff ? nil : FaultInjector(configuration.faults)
        self.boundPort = Mutex(configuration.port)
    }

    /// The port actually bound (the configured one may be 0).
    var port: Int { boundPort.withLock { $0 } }

    func bound(to port: Int) { boundPort.withLock { $0 = port } }
}
