import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connection, which fault injection
/// closes to simulate a dropped connection.
struct ServiceRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }

    /// Bodies up to the size of the largest allowed member list, with room for the JSON around it.
    var maxUploadSize: Int { 4 * 1024 * 1024 }
}
