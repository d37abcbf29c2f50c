import Foundation
import Hummingbird
import Logging

/// Gives each request the service's logger (at the configured level, carrying Hummingbird's request
/// id), for the middleware and routes after it, and writes one line at info for every request the
/// service answers: method, path, status, time and, if the answer asks for one, the retry. Never the query, the headers or the body: they
/// carry tokens, secrets and sign-in codes.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestId = context.logger[metadataKey: "hb.request.id"]
        context.logger = logger
        context.logger[metadataKey: "hb.request.id"] = requestId
        let start = ContinuousClock.now
        let response = try await next(request, context)
        if context.logger.logLevel <= .info {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            // Why a client will retry, when the service told it to (429 or 503 with Retry-After).
            let retry = response.headers[.retryAfter].map { " (retry after \($0) s)" } ?? ""
            context.logger.info(
                "\(request.method.rawValue) \(request.uri.path) \(response.status.code) \(Self.format(milliseconds)) ms\(retry)")
        }
        return response
    }

    static func format(_ milliseconds: Double) -> String {
        milliseconds < 10 ? String(format: "%.1f", milliseconds) : String(Int(milliseconds.rounded()))
    }
}
