import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `--trace FILE`: every exchange with the service as one JSON line (time, method, URL, status,
/// headers and bodies, milliseconds taken), so that a user whose organisation answers otherwise
/// can send what it said. Wraps any transport, so every adapter and the sign-in are traced alike.
/// Secrets never reach the file: Authorization and cookies, tokens, client secrets, device codes
/// and refresh tokens are replaced by "[redacted]" in headers, URLs, JSON and form bodies, and
/// so is any string shaped like a JWT.
public final class TracingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let log: TraceLog

    public init(wrapping inner: any HTTPTransport, log: TraceLog) {
        self.inner = inner
        self.log = log
    }

    public func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        let started = Date()
        do {
            let response = try inner.send(request)
            log.write(TraceRedaction.entry(request, response: response, error: nil, started: started))
            return response
        } catch {
            log.write(TraceRedaction.entry(request, response: nil, error: error, started: started))
            throw error
        }
    }
}

/// The trace file, appended to one whole line at a time from any thread; created 0600.
public final class TraceLog: Sendable {
    private let descriptor: Mutex<Int32>
    public let path: String

    public init(path: String) throws(DataverseError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { throw .invalidRequest("cannot write the trace file \(path): \(String(cString: strerror(errno)))") }
        self.descriptor = Mutex(fd)
        self.path = path
    }

    func write(_ entry: JSONValue) {
        var data = entry.jsonData()
        data.append(0x0A)
        descriptor.withLock { fd in
            _ = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        }
    }

    deinit { descriptor.withLock { _ = close($0) } }
}

/// What a trace line holds, with every secret taken out.
enum TraceRedaction {
    static let redacted = "[redacted]"
    /// Header names (lowercased) whose values are secrets.
    static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-ms-client-secret"]
    /// Field names (lowercased) whose values are secrets, in JSON, forms and query strings.
    static let secretFields: Set<String> = [
        "access_token", "refresh_token", "id_token", "client_secret", "device_code", "password", "assertion",
        "client_assertion", "token",
    ]

    /// Made once: a new ISO8601DateFormatter builds an ICU formatter on Linux, for every exchange.
    private static let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func entry(_ request: HTTPRequest, response: HTTPResponse?, error: DataverseError?, started: Date) -> JSONValue {
        var entry: [String: JSONValue] = [
            "time": .string(time.format(started)),
            "ms": .number((Date().timeIntervalSince(started) * 1000).rounded()),
            "method": .string(request.method),
            "url": .string(url(request.url.absoluteString)),
            "requestHeaders": headers(request.headers),
            "requestBody": body(request.body, contentType: request.headers.first { $0.key.lowercased() == "content-type" }?.value),
        ]
        if let response {
            entry["status"] = .number(Double(response.status))
            entry["responseHeaders"] = headers(response.headers)
            entry["responseBody"] = body(response.body, contentType: response.header("Content-Type"))
        }
        if let error { entry["error"] = .string(scrub(error.description)) }
        return .object(entry)
    }

    static func headers(_ headers: [String: String]) -> JSONValue {
        .object(headers.reduce(into: [:]) { result, header in
            result[header.key] = .string(secretHeaders.contains(header.key.lowercased()) ? redacted : scrub(header.value))
        })
    }

    static func body(_ data: Data?, contentType: String?) -> JSONValue {
        guard let data, !data.isEmpty else { return .null }
        if let json = try? JSONValue.parse(data) { return redact(json) }
        let text = String(decoding: data, as: UTF8.self)
        if contentType?.lowercased().contains("x-www-form-urlencoded") == true || looksLikeForm(text) { return .string(form(text)) }
        return .string(scrub(text))
    }

    static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(object.reduce(into: [:]) { result, field in
                result[field.key] = secretFields.contains(field.key.lowercased()) ? .string(redacted) : redact(field.value)
            })
        case .array(let items): return .array(items.map(redact))
        case .string(let text): return .string(scrub(text))
        default: return value
        }
    }

    /// `a=1&client_secret=…` with the secret fields' values replaced.
    static func form(_ text: String) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return String(pair) }
            let name = (String(parts[0]).removingPercentEncoding ?? String(parts[0])).lowercased()
            return secretFields.contains(name) ? "\(parts[0])=\(redacted)" : scrub(String(pair))
        }.joined(separator: "&")
    }

    static func url(_ text: String) -> String {
        guard let mark = text.firstIndex(of: "?") else { return scrub(text) }
        return scrub(String(text[..<mark])) + "?" + form(String(text[text.index(after: mark)...]))
    }

    private static func looksLikeForm(_ text: String) -> Bool {
        !text.contains(" ") && !text.contains("\n") && text.contains("=")
    }

    /// Any JWT (`eyJ….….…`) or bearer token inside free text.
    static func scrub(_ text: String) -> String {
        guard text.contains("eyJ") || text.lowercased().contains("bearer ") else { return text }
        var result = text.replacingOccurrences(of: #"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*"#, with: redacted, options: .regularExpression)
        result = result.replacingOccurrences(of: #"(?i)bearer\s+[A-Za-z0-9._~+/=-]+"#, with: "Bearer " + redacted, options: .regularExpression)
        return result
    }
}
