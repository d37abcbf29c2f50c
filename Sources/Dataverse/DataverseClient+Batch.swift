import Foundation

/// One part's answer in a `$batch` reply: a whole HTTP response of its own.
public struct BatchReply: Sendable, Equatable {
    public var response: HTTPResponse

    public init(response: HTTPResponse) { self.response = response }

    /// The response when it succeeded, nil for 304 (unchanged), the part's own error for 4xx/5xx:
    /// a batch succeeds as a whole while its parts fail one by one.
    public func checked() throws(DataverseError) -> HTTPResponse? {
        switch response.status {
        case 304: return nil
        case 400...: throw DataverseError.from(status: response.status, body: response.body)
        default: return response
        }
    }

    /// The response of a part that must have a body: a 304 to a read that asked for no version is no answer.
    public func requiredResponse() throws(DataverseError) -> HTTPResponse {
        guard let response = try checked() else { throw .malformedReply("a 304 to a read that asked for no version") }
        return response
    }
}

/// `POST $batch` of GETs: several reads in one request, which Dataverse's service protection
/// counts once ([D] learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api,
/// OData 4.0 part 1 section 11.7; and api-limits: "you could send fewer requests by bundling them in batch
/// operations"). The body is `multipart/mixed`, each part `Content-Type: application/http`,
/// `Content-Transfer-Encoding: binary` and a whole request line with its headers; the reply is
/// `multipart/mixed` too, its boundary in its Content-Type, each part `HTTP/1.1 <status>`, headers, body.
extension DataverseClient {
    /// Dataverse's bound on the requests in one batch ([D] "Batch requests can contain up to 1000").
    public static let maxBatchParts = 1000

    /// Sends `requests` (GETs only: a batch of reads is safe to send again) as one `$batch`, and
    /// answers one reply per request, in order.
    public func batch(_ requests: [HTTPRequest]) throws(DataverseError) -> [BatchReply] {
        guard !requests.isEmpty else { return [] }
        guard requests.count <= Self.maxBatchParts else { throw .invalidRequest("a batch of more than \(Self.maxBatchParts) requests") }
        guard requests.allSatisfy({ $0.method == "GET" }) else { throw .invalidRequest("a batch of reads holds GETs only") }
        guard let url = URL(string: serviceRoot.absoluteString + "$batch") else { throw .invalidRequest("bad service root") }
        let boundary = "batch_" + UUID().uuidString.lowercased()
        var body = ""
        for request in requests {
            body += "--\(boundary)\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            body += "GET \(request.url.absoluteString) HTTP/1.1\r\n"
            for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { body += "\(name): \(value)\r\n" }
            body += "\r\n\r\n"
        }
        body += "--\(boundary)--\r\n"
        var headers = standardHeaders()
        headers["Content-Type"] = "multipart/mixed; boundary=\(boundary)"
        return try rereadingMalformed { () throws(DataverseError) in
            let response = try send(HTTPRequest(method: "POST", url: url, headers: headers, body: Data(body.utf8)))
            let replies = try BatchReplyParser.replies(response)
            guard replies.count == requests.count else {
                throw .malformedReply("a batch of \(requests.count) requests answered with \(replies.count) parts")
            }
            return replies
        }
    }

    /// The GET `firstPage` sends, for a batch.
    public func pageRequest(of entitySet: String, query: ODataQuery, pageSize: Int) throws(DataverseError) -> HTTPRequest {
        let text = serviceRoot.absoluteString + entitySet + (query.queryString.isEmpty ? "" : "?" + query.queryString)
        guard let url = URL(string: text) else { throw .invalidRequest("cannot form a URL from \(text)") }
        return HTTPRequest(method: "GET", url: url, headers: standardHeaders(prefer: ["odata.maxpagesize=\(pageSize)", Self.formattedValues]))
    }

    /// The GET `record(in:id:select:ifNoneMatch:)` sends, for a batch.
    public func recordRequest(in entitySet: String, id: String, select: [String] = [], ifNoneMatch etag: String? = nil) throws(DataverseError) -> HTTPRequest {
        var text = serviceRoot.absoluteString + "\(entitySet)(\(id))"
        if !select.isEmpty { text += "?$select=" + ODataQuery.encode(select.joined(separator: ",")) }
        guard let url = URL(string: text) else { throw .invalidRequest("cannot form a URL for id \(id)") }
        var headers = standardHeaders(prefer: [Self.formattedValues])
        if let etag { headers["If-None-Match"] = etag }
        return HTTPRequest(method: "GET", url: url, headers: headers)
    }
}

/// Reads a `multipart/mixed` batch reply tolerantly: CRLF or bare LF, a quoted or bare boundary,
/// a preamble before the first delimiter.
enum BatchReplyParser {
    static func replies(_ response: HTTPResponse) throws(DataverseError) -> [BatchReply] {
        guard let type = response.header("Content-Type"), type.lowercased().hasPrefix("multipart/mixed"),
              let boundary = boundary(in: type)
        else { throw .malformedReply("a $batch reply that is not multipart/mixed") }
        let text = String(decoding: response.body, as: UTF8.self)
        var replies: [BatchReply] = []
        for section in text.components(separatedBy: "--" + boundary).dropFirst() {
            if section.hasPrefix("--") { break }
            let (mime, rest) = splitHead(section.drop { $0 == "\r" || $0 == "\n" })
            if mime.lowercased().contains("multipart/mixed") { throw .malformedReply("a change set in a batch of reads") }
            let (head, body) = splitHead(rest)
            let lines = head.split(whereSeparator: { $0 == "\r" || $0 == "\n" })
            let words = (lines.first ?? "").split(separator: " ")
            guard words.count >= 2, words[0].hasPrefix("HTTP/"), let status = Int(words[1]) else {
                throw .malformedReply("a batch part without an HTTP status line")
            }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let trimmedBody = body.trimmingCharacters(in: .whitespacesAndNewlines)
            replies.append(BatchReply(response: HTTPResponse(status: status, headers: headers, body: Data(trimmedBody.utf8))))
        }
        return replies
    }

    /// The service's `BatchRequests.boundary` reads the same parameter: kept apart on purpose,
    /// as every wire shape is, so that the client and the service are each checked against the
    /// documentation on their own.
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The text before the first blank line (CRLF or LF) and the text after it.
    private static func splitHead<S: StringProtocol>(_ text: S) -> (String, String) {
        let string = String(text)
        let crlf = string.range(of: "\r\n\r\n")
        let lf = string.range(of: "\n\n")
        let blank: Range<String.Index>? = switch (crlf, lf) {
        case let (c?, l?): c.lowerBound <= l.lowerBound ? c : l
        case let (c?, nil): c
        case let (nil, l?): l
        case (nil, nil): nil
        }
        guard let blank else { return (string, "") }
        return (String(string[..<blank.lowerBound]), String(string[blank.upperBound...]))
    }
}
