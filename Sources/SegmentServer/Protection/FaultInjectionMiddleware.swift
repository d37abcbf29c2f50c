import Hummingbird

/// Fault injection as middleware: after a Web API request is admitted (signed in, within the
/// limits), the injector may delay it, answer in its place or drop the connection. It stands
/// after the protection gate so that a delayed request still counts as in flight.
struct FaultInjectionMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let injector: FaultInjector

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.target?.isWebAPI == true, let fault = await injector.next() else { return try await next(request, context) }
        if fault == .drop { try? await context.channel.close() }
        return FaultInjector.response(for: fault)
    }
}
