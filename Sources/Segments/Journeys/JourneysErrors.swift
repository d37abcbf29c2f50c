import Dataverse

/// The one place where the journeys adapter's transport errors become domain errors. Statuses,
/// not Dataverse's codes, decide (the segment docs show empty codes); the service's own words
/// stay in the message.
enum JourneysErrors {
    static func domain(_ error: DataverseError) -> SegmentServiceError {
        switch error {
        case .service(let status, _, _):
            switch status {
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

    /// An action answered with one of the statuses it may refuse with: its reason, read by the wire.
    static func refusal(_ response: HTTPResponse, action: String) -> SegmentServiceError {
        let reason = JourneysActions.refusal(response.body) ?? DataverseError.from(status: response.status, body: response.body).description
        switch response.status {
        case 404: return .notFound(reason)
        case 409, 412: return .conflict
        default: return .refused("\(reason) (\(action), HTTP \(response.status))")
        }
    }

    /// Runs requests, failing with the domain's error.
    static func mapped<T>(_ body: () throws(DataverseError) -> T) throws(SegmentServiceError) -> T {
        do throws(DataverseError) {
            return try body()
        } catch {
            throw domain(error)
        }
    }
}
