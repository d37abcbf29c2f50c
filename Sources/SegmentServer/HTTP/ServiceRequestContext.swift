import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage (and its logger), the connection, which fault
/// injection closes to simulate a dropped connection, and what the middleware found out on the
/// way in (ServiceMiddleware.swift), for the middleware after it and for the routes.
struct ServiceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// What the request is for; set by `RequestTargetMiddleware`, nil before it.
    var target: RequestTarget?
    /// Who asks: the bearer token, or "anonymous" without one. Set by `AuthMiddleware`; it keys
    /// the protection limits and is never logged.
    var caller: String?
    /// The request's number in the request log (set by `RequestTargetMiddleware`): a `$batch`
    /// marks its parts with it.
    var logNumber: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// Bodies up to the size of the largest allowed member list, with room for the JSON around it.
    var maxUploadSize: Int { 4 * 1024 * 1024 }
}
