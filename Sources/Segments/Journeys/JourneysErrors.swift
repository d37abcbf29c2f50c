import Dataverse

/// The one place where the journeys adapter's transport errors become domain errors. Statuses,
/// not Dataverse's codes, decide (the segment docs show empty codes); the service's own words
/// stay in the message.
enum JourneysErrors {
    /// Journeys answers its entity sets as Dataverse does everywhere (412 conflict, 404 not found,
    /// 401/403, 429), so the shared Dataverse mapping holds; what journeys says in its own shapes
    /// (an action's refusal) is read by `refusal` below.
    static func domain(_ error: DataverseError) -> SegmentServiceError {
        SegmentServiceError(error)
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
