import Dataverse
import Foundation

/// `SegmentService` over the real-time journeys API (`msdynmkt_segmentdefinitions` and
/// `msdynmkt_segments` and their actions): today's organisations. Every call fails with the
/// domain's error, mapped in `JourneysErrors`; every wire shape is in `JourneysWire`.
public final class JourneysSegmentService: SegmentService {
    let requests: JourneysRequests
    private let healthSource: DataverseHealthSource

    public init(client: DataverseClient) {
        self.requests = JourneysRequests(client: client)
        self.healthSource = DataverseHealthSource(health: client.health)
    }

    public var client: DataverseClient { requests.client }
    public var displayName: String { client.displayName }
    public var capabilities: SegmentCapabilities { .journeys }
    public var health: (any ConnectionHealthSource)? { healthSource }

    /// The list's request for `query` (benchmarks compare it with curl).
    public static func odataQuery(for query: SegmentListQuery) -> ODataQuery { JourneysRequests.odataQuery(for: query) }

    public func identity() throws(SegmentServiceError) -> ServiceIdentity {
        try JourneysErrors.mapped { () throws(DataverseError) in try client.serviceIdentity() }
    }

    public func firstPage(_ query: SegmentListQuery) throws(SegmentServiceError) -> SegmentPage {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.firstPage(query) }
    }

    public func nextPage(_ continuation: PageContinuation) throws(SegmentServiceError) -> SegmentPage {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.nextPage(continuation) }
    }

    public func segment(id: String) throws(SegmentServiceError) -> Segment {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.segment(id: id) }
    }

    /// Journeys has no validation action [D]: the service checks a query when it is published,
    /// and a refused publish names the position. Before that, only what is plainly wrong is
    /// caught here: an empty query, unbalanced parentheses or quotes.
    public func validate(type: SegmentKind, query: String) throws(SegmentServiceError) -> [ValidationIssue] {
        QueryShape.problems(in: query, required: type == .dynamic).map {
            ValidationIssue(code: "QueryShape", field: DefinitionColumn.query, message: $0.message, position: $0.position)
        }
    }

    public func searchContacts(_ text: String, top: Int) throws(SegmentServiceError) -> [Contact] {
        try JourneysErrors.mapped { () throws(DataverseError) in try requests.people.searchContacts(text, top: top) }
    }
}

/// The few things about a query that are wrong in any dialect (JSS §2.5 publishes no grammar).
enum QueryShape {
    /// Each problem with where it is, in characters from 0 (the editor puts a caret there); the
    /// message counts from 1, as the service's own messages do.
    static func problems(in query: String, required: Bool) -> [(message: String, position: Int?)] {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return required ? [("A dynamic segment needs a query", nil)] : [] }
        var depth = 0
        var quoted: Int?
        for (offset, character) in query.enumerated() {
            if quoted != nil {
                if character == "'" { quoted = nil }  // '' inside a literal closes and reopens: still balanced
                continue
            }
            switch character {
            case "'": quoted = offset
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { return [("Unexpected ')' (at \(offset + 1))", offset)] }
            default: break
            }
        }
        if let start = quoted { return [("A quote is not closed (at \(start + 1))", start)] }
        if depth > 0 { return [("\(depth) '(' not closed (at \(query.count))", query.count)] }
        return []
    }
}
