import Foundation
import Hummingbird
import Logging
import Synchronization

/// Answers every request: the middleware chain (ServiceMiddleware.swift) first, then routing by
/// hand: OData paths such as `msdyncrm_segments(<guid>)` do not fit a path-pattern router, and
/// unknown resources must answer in the Dataverse error shape.
struct ServiceResponder: HTTPResponder {
    typealias Context = ServiceRequestContext

    let state: ServerState
    private let middleware: any RouterMiddleware<ServiceRequestContext>

    init(state: ServerState) {
        self.state = state
        self.middleware = ServiceMiddleware.chain(state)
    }

    func respond(to request: Request, context: ServiceRequestContext) async throws -> Response {
        try await middleware.handle(request, context: context) { request, context in
            try await route(request, context: context)
        }
    }

    /// What is left once the middleware let the request through: the target is known and the
    /// caller signed in.
    private func route(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let authority = request.head.authority ?? "\(state.host):\(state.port)"
        switch context.target {
        case .signIn:
            var mutable = request
            let body = try await mutable.collectBody(upTo: 64 * 1024)
            return TokenRoutes(issuer: state.issuer, configuration: state.configuration)
                .handle(path: request.uri.path, method: request.method, body: body, authority: authority)
        case .diagnostic(let path) where path == DiagnosticRoutes.integrityPath:
            return try await DiagnosticRoutes.integrity(method: request.method, state: state)
        case .diagnostic(let path) where path == DiagnosticRoutes.faultsPath:
            return try DiagnosticRoutes.faults(method: request.method, query: request.uri.query, state: state)
        case .diagnostic:
            return try DiagnosticRoutes.requests(method: request.method, query: request.uri.query, state: state)
        case .webAPI(let version, let resource, let key):
            var serviceRequest = ServiceRequest(
                method: request.method, serviceRoot: "http://\(authority)/api/data/\(version)/", resource: resource, key: key,
                query: try QueryParameters(rawQuery: request.uri.query), headers: request.headers)
            if request.method == .post || request.method == .patch || request.method == .put {
                var mutable = request
                serviceRequest.body = try await mutable.collectBody(upTo: context.maxUploadSize)
            }
            if resource == Self.batchResource, key == nil, let logNumber = context.logNumber {
                return try await batch(serviceRequest, version: version, logNumber: logNumber)
            }
            return try await dispatch(serviceRequest)
        case nil:
            // Only a chain without RequestTargetMiddleware gets here.
            throw ServiceError.unexpected
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
    /// The service's log, at the configured level; each request's logger is made from it.
    let logger: Logger
    var host: String { configuration.host }
    private let boundPort: Mutex<Int>
    /// Web API requests received since start, and how many of them read a page of a collection
    /// (for `GET /segtui/requests`: a benchmark counts what one key cost).
    let requestCounts = Mutex((all: 0, collectionReads: 0))
    let requestLog = RequestLog()
    let faultQueue = FaultQueue()

    init(database: SegmentDatabase, identity: OrganizationIdentity, configuration: SegmentServerConfiguration) {
        self.logger = Logger(label: "segtui.server") { label in
            ServiceLogHandler(label: label, level: configuration.logLevel, sink: configuration.logSink)
        }
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
