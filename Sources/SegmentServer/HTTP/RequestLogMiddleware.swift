import Foundation
import Hummingbird
import Logging

/// One line at info for every request the service answers: method, path, status and time, through
/// the request's logger (which carries Hummingbird's request id). Never the query, the headers or
/// the body: they carry tokens, secrets and sign-in codes.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        if context.logger.logLevel <= .info {
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.logger.info(
                "\(request.method.rawValue) \(request.uri.path) \(response.status.code) \(Self.format(milliseconds)) ms")
        }
        return response
    }

    static func format(_ milliseconds: Double) -> String {
        milliseconds < 10 ? String(format: "%.1f", milliseconds) : String(Int(milliseconds.rounded()))
    }
}
