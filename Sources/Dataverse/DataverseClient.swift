import Foundation
import Logging

/// A Dataverse Web API client: base URL, the standard OData headers, a bearer token, paging
/// by `@odata.nextLink`, and the error shape turned into `DataverseError`.
///
/// Its calls block; run them on a background queue.
public final class DataverseClient: Sendable {
    /// The service root, ending in `/api/data/v9.2/`.
    public let serviceRoot: URL
    private let transport: any HTTPTransport
    private let tokens: (any TokenProvider)?
    public let retry: RetryPolicy
    /// Throttling and reachability, for the UI and for holding requests back while throttled.
    public let health = ServiceHealth()
    /// Where retries are explained (the exchanges themselves are logged by `LoggingTransport`).
    private let logger: Logger

    /// - Parameters:
    ///   - organization: the organisation URL (`https://org.crm.dynamics.com`) or a full service
    ///     root that already ends in `/api/data/v9.x/`.
    ///   - apiVersion: used when `organization` has no `/api/data/` path.
    public init(
        organization: URL, apiVersion: String = "v9.2", transport: any HTTPTransport = URLSessionTransport(),
        tokens: (any TokenProvider)? = nil, retry: RetryPolicy = RetryPolicy(), logger: Logger = DataverseClient.silentLogger
    ) {
        self.serviceRoot = Self.serviceRoot(for: organization, apiVersion: apiVersion)
        self.transport = transport
        self.tokens = tokens
        self.retry = retry
        self.logger = logger
    }

    /// A client nobody asked to log stays quiet, rather than writing to stderr under a screen.
    public static let silentLogger = Logger(label: "segtui.http") { _ in SwiftLogNoOpLogHandler() }

    static func serviceRoot(for organization: URL, apiVersion: String) -> URL {
        var text = organization.absoluteString
        if !text.hasSuffix("/") { text += "/" }
        if !text.contains("/api/data/") { text += "api/data/\(apiVersion)/" }
        return URL(string: text) ?? organization
    }

    /// The headers every request carries (the token is added when the request is sent).
    public func standardHeaders(prefer: [String] = []) -> [String: String] {
        var headers = [
            "Accept": "application/json",
            "OData-MaxVersion": "4.0",
            "OData-Version": "4.0",
        ]
        if !prefer.isEmpty { headers["Prefer"] = prefer.joined(separator: ",") }
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
        try rereadingMalformed { () throws(DataverseError) in try readPage(at: link, pageSize: pageSize) }
    }

    /// A read whose reply could not be understood (cut short, garbled on the way) is read again:
    /// a GET is safe to repeat, and the next answer is usually whole.
    func rereadingMalformed<T>(_ read: () throws(DataverseError) -> T) throws(DataverseError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do throws(DataverseError) {
                return try read()
            } catch {
                guard case .malformedReply = error, attempt < retry.maxAttempts else { throw error }
            }
        }
    }

    private func readPage(at link: URL, pageSize: Int) throws(DataverseError) -> RecordPage {
        let prefer = ["odata.maxpagesize=\(pageSize)", Self.formattedValues]
        return try Self.page(from: try send(HTTPRequest(method: "GET", url: link, headers: standardHeaders(prefer: prefer))))
    }

    /// A page of a collection out of its reply (also a batch part's).
    public static func page(from response: HTTPResponse) throws(DataverseError) -> RecordPage {
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

    /// One record out of its reply (also a batch part's).
    public static func record(from response: HTTPResponse) throws(DataverseError) -> ODataRecord {
        guard let fields = try JSONValue.parse(response.body).objectValue else {
            throw .malformedReply("a record that is not an object")
        }
        return ODataRecord(fields)
    }

    /// GETs one record by key, with formatted values.
    public func record(in entitySet: String, id: String, select: [String] = []) throws(DataverseError) -> ODataRecord {
        try rereadingMalformed { () throws(DataverseError) in try readRecord(in: entitySet, id: id, select: select) }
    }

    /// GETs one record unless it still carries `etag`: Dataverse answers `If-None-Match` with 304
    /// and no body when the record is unchanged ([D] segment-service.md, "Conditional GET"); nil then.
    public func record(in entitySet: String, id: String, select: [String] = [], ifNoneMatch etag: String?) throws(DataverseError) -> ODataRecord? {
        try rereadingMalformed { () throws(DataverseError) in try readRecord(in: entitySet, id: id, select: select, ifNoneMatch: etag) }
    }

    private func readRecord(in entitySet: String, id: String, select: [String]) throws(DataverseError) -> ODataRecord {
        guard let record = try readRecord(in: entitySet, id: id, select: select, ifNoneMatch: nil) else {
            throw .malformedReply("a 304 to a read that asked for no version")
        }
        return record
    }

    private func readRecord(in entitySet: String, id: String, select: [String], ifNoneMatch etag: String?) throws(DataverseError) -> ODataRecord? {
        let response = try send(recordRequest(in: entitySet, id: id, select: select, ifNoneMatch: etag))
        if response.status == 304 { return nil }
        return try Self.record(from: response)
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

    /// Sends `request` with a bearer token, following the retry policy, and turns any status of
    /// 400 or more into a `DataverseError`, except the `passing` statuses, whose replies are the
    /// caller's to read (an action's refusal in a shape of its own). A 401 gets one fresh token
    /// and one more try.
    public func send(_ request: HTTPRequest, passing: Set<Int> = []) throws(DataverseError) -> HTTPResponse {
        var refreshedToken = false
        var attempt = 0
        let generation = health.generation
        while true {
            attempt += 1
            try health.waitWhileThrottled(since: generation)
            var signed = request
            if let tokens { signed.headers["Authorization"] = "Bearer " + (try tokens.accessToken(refresh: refreshedToken)) }
            let response: HTTPResponse
            do {
                response = try transport.send(signed)
            } catch {
                health.unreachable(error.description)
                let wait = retry.backOff(attempt: attempt)
                guard RetryPolicy.isRepeatable(request), attempt < retry.maxAttempts else { throw error }
                logRetry(request, attempt: attempt, reason: "dropped (\(error.description))", wait: wait)
                guard health.pause(wait, since: generation) else { throw error }
                continue
            }
            health.reachable()
            switch response.status {
            case 401 where tokens != nil && !refreshedToken:
                logger.notice("\(request.method) \(request.url.path): retrying with a fresh token (401)")
                refreshedToken = true
                attempt -= 1
                continue
            case 401 where tokens != nil:
                throw .authentication("the service refused a freshly issued token (HTTP 401); check that the app registration has access to this organisation")
            case 429:
                let wait = RetryPolicy.retryAfter(response.header("Retry-After")) ?? retry.backOff(attempt: attempt)
                guard attempt < retry.maxAttempts, wait <= retry.maxThrottleWait else {
                    throw DataverseError.from(status: response.status, body: response.body)
                }
                logRetry(request, attempt: attempt, reason: "throttled (429)", wait: wait)
                health.throttled(until: Date(timeIntervalSinceNow: wait))
                continue
            case 500...599 where RetryPolicy.isRepeatable(request) && attempt < retry.maxAttempts:
                let wait = retry.backOff(attempt: attempt)
                logRetry(request, attempt: attempt, reason: "server error (\(response.status))", wait: wait)
                guard health.pause(wait, since: generation) else { throw .cancelled }
                continue
            case 400... where !passing.contains(response.status):
                throw DataverseError.from(status: response.status, body: response.body)
            default:
                return response
            }
        }
    }
}

extension DataverseClient {
    /// Why a request is tried again, in the words `--log-level notice` shows.
    private func logRetry(_ request: HTTPRequest, attempt: Int, reason: String, wait: TimeInterval) {
        logger.notice("\(request.method) \(request.url.path): retrying after attempt \(attempt) of \(retry.maxAttempts): \(reason), waiting \(String(format: "%.2f", wait)) s",
                      metadata: ["retry": "\(reason.prefix { $0 != " " })"])
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
