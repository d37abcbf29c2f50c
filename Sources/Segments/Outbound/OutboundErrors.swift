import Dataverse

/// The one place where the outbound adapter's transport errors become domain errors. The
/// service's own words (and the HTTP status, for a bug report) stay in the message.
enum OutboundErrors {
    static func domain(_ error: DataverseError) -> SegmentServiceError {
        switch error {
        case .service(let status, let code, let message):
            switch status {
            case 404 where code.isEmpty && message.isEmpty:
                // Dataverse answers a 404 with its error body ([D] reference/segment-service.md,
                // "Errors"); a bare one (a web page, another API) means the URL is not Dataverse,
                // not that a segment is missing (issue 12, bug 12).
                return .notDataverse("the URL answers HTTP 404 without a Dataverse error; give the organisation's root, "
                    + "for example https://contoso.crm.dynamics.com, or a running 'segtui serve'")
            case 409, 412: return .conflict
            case 404: return .notFound(error.description)
            case 401, 403: return .unauthorised(error.description)
            case 429: return .throttled(retryAfter: nil)
            default: return .refused(error.description)
            }
        case .transport(let detail): return .unreachable(detail)
        case .malformedReply(let detail): return .malformedReply(detail)
        case .invalidRequest(let detail): return .invalidRequest(detail)
        case .authentication: return .unauthorised(error.description)
        case .cancelled: return .cancelled
        }
    }

    /// Runs a request, failing with the domain's error.
    static func mapped<T>(_ body: () throws(DataverseError) -> T) throws(SegmentServiceError) -> T {
        do throws(DataverseError) {
            return try body()
        } catch {
            throw domain(error)
        }
    }
}

extension SegmentServiceError {
    /// For callers that talk to the Dataverse client directly (sign-in, commands): the same mapping.
    public init(_ error: DataverseError) { self = OutboundErrors.domain(error) }
}
