import Foundation
import Logging

/// Every exchange with the service, the sign-in's included, as one log line: method, path,
/// status and milliseconds (`GET /api/data/v9.2/msdynmkt_segments 200 14 ms`), or what went wrong
/// when no answer came. Only the path is written at `info`: a query string may hold what the
/// user searched for, so it comes at `debug`, with secret fields redacted as the trace does.
/// Headers and bodies are never logged: they are where tokens and secrets travel.
public final class LoggingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let logger: Logger

    public init(wrapping inner: any HTTPTransport, logger: Logger) {
        self.inner = inner
        self.logger = logger
    }

    public func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        let started = ContinuousClock.now
        do {
            let response = try inner.send(request)
            logger.info("\(request.method) \(request.url.path) \(response.status) \(Self.milliseconds(since: started)) ms",
                        metadata: logger.logLevel <= .debug ? Self.query(request) : nil)
            return response
        } catch {
            logger.warning("\(request.method) \(request.url.path) no answer after \(Self.milliseconds(since: started)) ms: \(error.description)",
                           metadata: logger.logLevel <= .debug ? Self.query(request) : nil)
            throw error
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    private static func query(_ request: HTTPRequest) -> Logger.Metadata? {
        guard let query = request.url.query, !query.isEmpty else { return nil }
        return ["query": "\(TraceRedaction.form(query))"]
    }
}
