import Hummingbird

/// The order every request passes through, outermost first; the one place it is written down.
///
/// 1. The request log sees the final status of everything, refusals included; it also hands each
///    request the service's logger.
/// 2. Errors thrown below become Dataverse error replies (so the log sees them as statuses).
/// 3. The target: 405, 414 and 404 come before the caller is looked at, as Dataverse answers.
/// 4. Sign-in: a caller without a valid token is refused before it spends any budget.
/// 5. Service protection (429) for the Web API, keyed by the caller that sign-in named.
/// 6. Fault injection for admitted Web API requests, inside the gate: a slowed request is in flight.
/// Then ServiceResponder routes what got through.
enum ServiceMiddleware {
    @MiddlewareFixedTypeBuilder<Request, Response, ServiceRequestContext>
    static func chain(_ state: ServerState) -> some RouterMiddleware<ServiceRequestContext> {
        RequestLogMiddleware(logger: state.logger)
        ErrorReplyMiddleware()
        RequestTargetMiddleware(state: state)
        AuthMiddleware(state: state)
        if let gate = state.gate { ProtectionMiddleware(gate: gate) }
        if let injector = state.injector { FaultInjectionMiddleware(injector: injector) }
    }
}
