import Hummingbird

/// Service protection as middleware: each Web API request of a caller holds a place in the
/// caller's window and in-flight count until its answer is made, or is refused 429.
struct ProtectionMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let gate: ProtectionGate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.target?.isWebAPI == true else { return try await next(request, context) }
        let caller = context.caller ?? "anonymous"
        try gate.enter(caller)
        defer { gate.leave(caller) }
        return try await next(request, context)
    }
}
