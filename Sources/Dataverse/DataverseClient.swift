import Foundation

/// A Dataverse Web API client: base URL, the standard OData headers, a bearer token, paging
/// by `@odata.nextLink`, and the error shape turned into `DataverseError`.
///
/// Its calls block; run them on a background queue.
public final class DataverseClient: Sendable {
    /// The service root, ending in `/api/data/v9.2/`.
    public let serviceRoot: URL
    private let transport: any HTTPTransport
    private let token: @Sendable () -> String?

    /// - Parameters:
    ///   - organization: the organisation URL (`https://org.crm.dynamics.com`) or a full service
    ///     root that already ends in `/api/data/v9.x/`.
    ///   - apiVersion: used when `organization` has no `/api/data/` path.
    public init(
        organization: URL, apiVersion: String = "v9.2", transport: any HTTPTransport = URLSessionTransport(),
        token: @escaping @Sendable () -> String? = { nil }
    ) {
        self.serviceRoot = Self.serviceRoot(for: organization, apiVersion: apiVersion)
        self.transport = transport
        self.token = token
    }

    static func serviceRoot(for organization: URL, apiVersion: String) -> URL {
        var text = organization.absoluteString
        if !text.hasSuffix("/") { text += "/" }
        if !text.contains("/api/data/") { text += "api/data/\(apiVersion)/" }
        return URL(string: text) ?? organization
    }

    /// The headers every request carries.
    public func standardHeaders(prefer: [String] = []) -> [String: String] {
        var headers = [
            "Accept": "application/json",
            "OData-MaxVersion": "4.0",
            "OData-Version": "4.0",
        ]
        if !prefer.isEmpty { headers["Prefer"] = prefer.joined(separator: ",") }
        if let token = token(), !token.isEmpty { headers["Authorization"] = "Bearer \(token)" }
        return headers
    }

    static let formattedValues = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""

    /// GETs the first page of `entitySet` with `query`, at most `pageSize` rows a page.
    public func firstPage(of entitySet: String, query: ODataQuery, pageSize: Int) throws(DataverseError) -> RecordPage {
        let text = serviceRoot.absoluteString + entitySet + (query.queryString.isEmpty ? "" : "?" + query.queryString)
        guard let url = URL(string: text) else { throw .invalidRequest("cannot form a URL from \(text)") }
        return try page(at: url, pageSize: pageSize)
    }

    /// GETs the page an `@odata.nextLink` points at, verbatim, with the same page size.
    public func page(at link: URL, pageSize: Int) throws(DataverseError) -> RecordPage {
        let prefer = ["odata.maxpagesize=\(pageSize)", Self.formattedValues]
        let response = try send(HTTPRequest(method: "GET", url: link, headers: standardHeaders(prefer: prefer)))
        let json = try JSONValue.parse(response.body)
        guard let rows = json["value"]?.arrayValue else {
            throw .malformedReply("a collection without a \"value\" array")
        }
        var records: [ODataRecord] = []
        records.reserveCapacity(rows.count)
        for row in rows {
            guard let fields = row.objectValue else { throw .malformedReply("a row that is not an object") }
            records.append(ODataRecord(fields))
        }
        var next: URL?
        if let link = json["@odata.nextLink"]?.stringValue {
            guard let url = URL(string: link) else { throw .malformedReply("an unusable @odata.nextLink") }
            next = url
        }
        return RecordPage(records: records, nextLink: next, count: json["@odata.count"]?.intValue)
    }

    /// GETs one record by key, with formatted values.
    public func record(in entitySet: String, id: String, select: [String] = []) throws(DataverseError) -> ODataRecord {
        var text = serviceRoot.absoluteString + "\(entitySet)(\(id))"
        if !select.isEmpty { text += "?$select=" + ODataQuery.encode(select.joined(separator: ",")) }
        guard let url = URL(string: text) else { throw .invalidRequest("cannot form a URL for id \(id)") }
        let response = try send(HTTPRequest(method: "GET", url: url, headers: standardHeaders(prefer: [Self.formattedValues])))
        guard let fields = try JSONValue.parse(response.body).objectValue else {
            throw .malformedReply("a record that is not an object")
        }
        return ODataRecord(fields)
    }

    /// `GET WhoAmI`: the connection check.
    public func whoAmI() throws(DataverseError) -> WhoAmI {
        guard let url = URL(string: serviceRoot.absoluteString + "WhoAmI") else { throw .invalidRequest("bad service root") }
        let response = try send(HTTPRequest(method: "GET", url: url, headers: standardHeaders()))
        let json = try JSONValue.parse(response.body)
        guard let user = json["UserId"]?.stringValue else { throw .malformedReply("WhoAmI without a UserId") }
        return WhoAmI(
            userId: user, businessUnitId: json["BusinessUnitId"]?.stringValue ?? "",
            organizationId: json["OrganizationId"]?.stringValue ?? "")
    }

    /// Sends `request` and turns any status of 400 or more into a `DataverseError`.
    public func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        let response = try transport.send(request)
        guard response.status < 400 else { throw DataverseError.from(status: response.status, body: response.body) }
        return response
    }
}

/// One page of a collection.
public struct RecordPage: Sendable, Equatable {
    public var records: [ODataRecord]
    public var nextLink: URL?
    public var count: Int?

    public init(records: [ODataRecord], nextLink: URL?, count: Int?) {
        self.records = records
        self.nextLink = nextLink
        self.count = count
    }
}

public struct WhoAmI: Sendable, Equatable {
    public var userId: String
    public var businessUnitId: String
    public var organizationId: String
}
