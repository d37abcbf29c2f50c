/// Which segment API the service answers, as organisations differ: since May 2026 every
/// organisation has real-time journeys only (reference/journeys-segment-service.md §1); outbound
/// is kept for the seed's API and archives. The API not served answers as an organisation
/// without it does: 404 "Resource not found for the segment" for its entity sets and actions.
public enum ServedAPI: String, Sendable, CaseIterable {
    case journeys, outbound, both

    var servesJourneys: Bool { self != .outbound }
    var servesOutbound: Bool { self != .journeys }
}
