import Hummingbird
import NIOCore
import NIOHTTP1

/// Turns whatever the middleware and routes below it throw into an answer in the Dataverse error
/// shape. The reason of an unexpected error goes to the log only: it may name internal types or
/// quote generated SQL.
struct ErrorReplyMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return Reply.error(error)
        } catch is HTTPParserError {
            // ProtocolErrorHandler has answered and closed the connection; this is a body cut short.
            return Reply.error(.badRequest("The request is not valid HTTP/1.1.", code: "0x80048d19"))
        } catch is NIOTooManyBytesError {
            return Reply.error(.bodyTooLarge(limit: context.maxUploadSize))
        } catch {
            context.logger.error("unexpected error answering \(request.method.rawValue) \(request.uri.path): \(error)")
            return Reply.error(.unexpected)
        }
    }
}
