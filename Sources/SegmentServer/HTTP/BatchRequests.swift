import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /api/data/v9.2/$batch`: several GETs in one request, so that a client's live list can ask
/// all of a tick's questions at once and be counted once by the protection limits.
/// [D] learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
/// (OData 4.0 part 1, 11.7): a `multipart/mixed` body whose parts are `Content-Type: application/http`,
/// `Content-Transfer-Encoding: binary`, each a whole request line with headers; the answer is
/// `multipart/mixed` with a `batchresponse_` boundary, each part a whole `HTTP/1.1 <status>` response.
/// This service accepts GET parts only (no change sets), at most 1000 of them ([D] "Batch requests
/// can contain up to 1000 individual requests").
extension ServiceResponder {
    static let batchResource = "$batch"
    static let maxBatchParts = 1000

    /// One inner request as it arrived.
    struct BatchPart {
        var method: String
        var target: String
        var headers: [(String, String)]
    }

    func batch(_ request: ServiceRequest, version: String, logNumber: Int) async throws -> Response {
        guard request.method == .post else { throw ServiceError.methodNotAllowed(request.method.rawValue, Self.batchResource) }
        guard let contentType = request.header("Content-Type"), contentType.lowercased().hasPrefix("multipart/mixed"),
              let boundary = Self.boundary(in: contentType)
        else { throw ServiceError.badRequest("A $batch request needs Content-Type: multipart/mixed with a boundary.") }
        let text = request.body.map { String(buffer: $0) } ?? ""
        let parts = try Self.parts(of: text, boundary: boundary)
        let responseBoundary = "batchresponse_" + UUID().uuidString.lowercased()
        var out = ""
        for part in parts {
            let response = await answer(part, version: version, serviceRoot: request.serviceRoot, logNumber: logNumber)
            out += "--\(responseBoundary)\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            out += try await Self.serialise(response)
        }
        out += "--\(responseBoundary)--\r\n"
        var fields = HTTPFields()
        fields[Reply.field("OData-Version")] = "4.0"
        fields[.contentType] = "multipart/mixed; boundary=\(responseBoundary)"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: out)))
    }

    /// One part, routed as a request of its own would be (filters, keys, 304, 404 all apply), but
    /// already authorised and counted with its batch; logged as inside it.
    private func answer(_ part: BatchPart, version: String, serviceRoot: String, logNumber: Int) async -> Response {
        do {
            let target = Self.pathAndQuery(part.target, version: version)
            state.requestLog.append(method: part.method, target: target, batch: logNumber)
            let mark = target.firstIndex(of: "?")
            let path = String(target[..<(mark ?? target.endIndex)])
            let query = mark.map { String(target[target.index(after: $0)...]) }
            guard let (partVersion, resource, key) = try ServiceRequest.parsePath(path), partVersion == version else {
                throw ServiceError(status: .notFound, code: "0x8006088a", message: "Resource not found: '\(path)'.")
            }
            var headers = HTTPFields()
            for (name, value) in part.headers {
                if let field = HTTPField.Name(name) { headers[values: field].append(value) }
            }
            let inner = ServiceRequest(
                method: .get, serviceRoot: serviceRoot, resource: resource, key: key,
                query: try QueryParameters(rawQuery: query), headers: headers)
            return try await dispatch(inner)
        } catch let error as ServiceError {
            return Reply.error(error)
        } catch {
            // The part's detail goes to the log; the caller gets the generic 500 (as ErrorReplyMiddleware).
            state.logger.error("unexpected error answering \(part.method) \(part.target) in a $batch: \(error)")
            return Reply.error(.unexpected)
        }
    }

    /// `boundary=...` of a Content-Type, quoted or not.
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The GET parts of a batch body; anything else is refused whole, as the batch is one request.
    static func parts(of body: String, boundary: String) throws(ServiceError) -> [BatchPart] {
        let text = body.replacingOccurrences(of: "\r\n", with: "\n")
        let sections = text.components(separatedBy: "--" + boundary)
        guard sections.count >= 2 else { throw .badRequest("The $batch body has no part delimited by its boundary.") }
        var parts: [BatchPart] = []
        for section in sections.dropFirst() {
            if section.hasPrefix("--") { break }
            let trimmed = section.drop { $0 == "\n" || $0 == " " || $0 == "\t" }
            if trimmed.allSatisfy({ $0.isWhitespace }) { continue }
            // MIME headers of the part, then the HTTP request it carries.
            let blocks = trimmed.components(separatedBy: "\n\n")
            let mimeHeaders = Self.headerLines(blocks[0])
            let partType = mimeHeaders.first { $0.0.lowercased() == "content-type" }?.1.lowercased() ?? ""
            if partType.hasPrefix("multipart/mixed") {
                throw .badRequest("This service accepts only GET requests in a $batch: a change set is not supported.")
            }
            guard blocks.count >= 2 else { throw .badRequest("A $batch part has no request line.") }
            let requestLines = blocks[1].split(separator: "\n", omittingEmptySubsequences: false)
            let words = (requestLines.first ?? "").split(separator: " ")
            guard words.count >= 2 else { throw .badRequest("A $batch part has no request line.") }
            guard words[0] == "GET" else {
                throw .badRequest("This service accepts only GET requests in a $batch, not \(words[0]).")
            }
            parts.append(BatchPart(
                method: "GET", target: String(words[1]), headers: Self.headerLines(requestLines.dropFirst().joined(separator: "\n"))))
            guard parts.count <= maxBatchParts else {
                throw .badRequest("A $batch may hold at most \(maxBatchParts) requests.")
            }
        }
        return parts
    }

    private static func headerLines(_ block: String) -> [(String, String)] {
        block.split(separator: "\n").compactMap { (line: Substring) -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            return (name, value)
        }
    }

    /// A part's URL may be absolute, absolute-path, or relative to the service root ([D] "Batch
    /// requests" examples use all three forms).
    static func pathAndQuery(_ target: String, version: String) -> String {
        if let scheme = target.range(of: "://") {
            let rest = target[scheme.upperBound...]
            return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        if target.hasPrefix("/") { return target }
        return "/api/data/\(version)/" + target
    }

    /// `HTTP/1.1 <status>`, the headers and the body of one inner response.
    static func serialise(_ response: Response) async throws -> String {
        var text = "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n"
        for field in response.headers { text += "\(field.name.rawName): \(field.value)\r\n" }
        let collector = BodyCollector()
        try await response.body.write(collector)
        text += "\r\n" + String(buffer: collector.box.buffer) + "\r\n"
        return text
    }
}

/// Reads a response body into memory (a part's answer is a page at most).
private struct BodyCollector: ResponseBodyWriter {
    final class Box { var buffer = ByteBuffer() }
    let box = Box()

    mutating func write(_ buffer: ByteBuffer) async throws {
        var incoming = buffer
        box.buffer.writeBuffer(&incoming)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
