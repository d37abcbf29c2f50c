import Foundation
import SeededRandom

/// Malformed requests for the embedded service: hand-written nasty ones (each a finding of
/// issue 15 or a neighbour of one) and a deterministic stream generated from a seed, so that a
/// failure can be replayed. Every request asks for `Connection: close` where it is HTTP at all.
public struct FuzzCorpus {
    public struct Request: Sendable {
        public var name: String
        public var bytes: Data
        /// Cut short: the sender closes its side after it, or the service would wait for the rest.
        public var cutShort = false
    }

    public let host: String
    public let port: Int
    var random: SeededRandom

    public init(host: String, port: Int, seed: UInt64) {
        self.host = host
        self.port = port
        self.random = SeededRandom(seed: seed)
    }

    static let api = "/api/data/v9.2/"

    /// The hand-written requests, then `generated` more from the seed.
    public mutating func requests(generated: Int) -> [Request] {
        var all = handWritten()
        for index in 0..<generated { all.append(next(index)) }
        return all
    }

    func http(_ method: String, _ target: String, headers: [String] = [], body: Data? = nil) -> Data {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for header in headers { head += header + "\r\n" }
        if let body, !headers.contains(where: { $0.lowercased().hasPrefix("transfer-encoding") || $0.lowercased().hasPrefix("content-length") }) {
            head += "Content-Length: \(body.count)\r\n"
        }
        return Data((head + "\r\n").utf8) + (body ?? Data())
    }

    func json(_ method: String, _ target: String, _ body: String) -> Data {
        http(method, target, headers: ["Content-Type: application/json"], body: Data(body.utf8))
    }

    func handWritten() -> [Request] {
        let orQuery = "PROFILE(contact).FILTER(" + Array(repeating: "contact.fullname == 'x'", count: 2400).joined(separator: " || ") + ")"
        let deepQuery = "PROFILE(contact).FILTER(" + String(repeating: "(", count: 300) + "contact.fullname == 'x'" + String(repeating: ")", count: 300) + ")"
        let deepSets = String(repeating: "(", count: 300) + "PROFILE(contact)" + String(repeating: ")", count: 300)
        let manyFilter = Array(repeating: "msdyncrm_segmentsize eq 1", count: 501).joined(separator: " or ")
        let atLimitFilter = Array(repeating: "msdyncrm_segmentsize eq 1", count: 500).joined(separator: " or ")
        let nestedNot = String(repeating: "not (", count: 99) + "msdyncrm_segmentsize eq 1" + String(repeating: ")", count: 99)
        let bareNots = String(repeating: "not ", count: 99) + "msdyncrm_segmentsize eq 1"
        let orderKeys = Array(repeating: "msdyncrm_segmentname", count: 2000).joined(separator: ",")
        var list: [Request] = [
            Request(name: "2,400 || to FetchContactsByQuery", bytes: json("POST", Self.api + "msdyncrm_FetchContactsByQuery", #"{"Query": "\#(orQuery)"}"#)),
            Request(name: "2,400 || to ValidateSegment", bytes: json("POST", Self.api + "msdyncrm_ValidateSegment", #"{"Segment": {"msdyncrm_segmentquery": "\#(orQuery)"}}"#)),
            Request(name: "300 nested parentheses", bytes: json("POST", Self.api + "msdyncrm_FetchContactsByQuery", #"{"Query": "\#(deepQuery)"}"#)),
            Request(name: "300 nested set groups", bytes: json("POST", Self.api + "msdyncrm_FetchContactsByQuery", #"{"Query": "\#(deepSets)"}"#)),
            Request(name: "$filter of 501 conditions", bytes: http("GET", Self.api + "msdyncrm_segments?$filter=" + Self.encode(manyFilter))),
            Request(name: "$filter of 500 conditions", bytes: http("GET", Self.api + "msdyncrm_segments?$filter=" + Self.encode(atLimitFilter))),
            Request(name: "99 nested not", bytes: http("GET", Self.api + "msdyncrm_segments?$filter=" + Self.encode(nestedNot))),
            Request(name: "99 bare not", bytes: http("GET", Self.api + "msdyncrm_segments?$filter=" + Self.encode(bareNots))),
            Request(name: "2,000 $orderby keys", bytes: http("GET", Self.api + "msdyncrm_segments?$orderby=" + orderKeys)),
            Request(name: "body over the limit", bytes: json("POST", Self.api + "msdyncrm_segments", #"{"msdyncrm_segmentname": ""# + String(repeating: "x", count: 5 * 1024 * 1024) + #""}"#)),
            Request(name: "200 KB URI", bytes: http("GET", Self.api + "msdyncrm_segments?$select=" + String(repeating: "a", count: 200 * 1024))),
            Request(name: "40 KB URI", bytes: http("GET", Self.api + "msdyncrm_segments?$select=" + String(repeating: "a", count: 40 * 1024))),
            Request(name: "bad chunk size", bytes: http("POST", Self.api + "msdyncrm_segments", headers: ["Content-Type: application/json", "Transfer-Encoding: chunked"], body: Data("zz\r\n{}\r\n0\r\n\r\n".utf8))),
            Request(name: "chunk longer than said", bytes: http("POST", Self.api + "msdyncrm_segments", headers: ["Content-Type: application/json", "Transfer-Encoding: chunked"], body: Data("2\r\n{\"msdyncrm_segmentname\":\"x\"}\r\n0\r\n\r\n".utf8))),
            Request(name: "content length and chunked", bytes: http("POST", Self.api + "msdyncrm_segments", headers: ["Content-Length: 3", "Transfer-Encoding: chunked"], body: Data("3\r\n{}}\r\n0\r\n\r\n".utf8))),
            Request(name: "negative content length", bytes: http("POST", Self.api + "msdyncrm_segments", headers: ["Content-Length: -5"], body: Data("{}".utf8))),
            Request(name: "unknown method", bytes: http("FROBNICATE", Self.api + "msdyncrm_segments")),
            Request(name: "PROPFIND", bytes: http("PROPFIND", Self.api + "msdyncrm_segments")),
            Request(name: "TRACE", bytes: http("TRACE", Self.api + "msdyncrm_segments")),
            Request(name: "PUT a segment", bytes: json("PUT", Self.api + "msdyncrm_segments(00000000-0000-0000-0000-000000000001)", "{}")),
            Request(name: "deep JSON", bytes: json("POST", Self.api + "msdyncrm_segments", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))),
            Request(name: "deep JSON objects", bytes: json("POST", Self.api + "msdyncrm_segments", String(repeating: "{\"a\":", count: 20_000) + "1" + String(repeating: "}", count: 20_000))),
            Request(name: "bad JSON", bytes: json("POST", Self.api + "msdyncrm_segments", #"{"msdyncrm_segmentname": "x",,}"#)),
            Request(name: "bad UTF-8 body", bytes: http("POST", Self.api + "msdyncrm_segments", headers: ["Content-Type: application/json"], body: Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]))),
            Request(name: "bad UTF-8 in URL", bytes: Data("GET \(Self.api)msdyncrm_segments?$filter=".utf8) + Data([0xFF, 0xC3, 0x28]) + Data(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)),
            Request(name: "percent-encoded bad UTF-8", bytes: http("GET", Self.api + "msdyncrm_segments?$filter=msdyncrm_segmentname%20eq%20%27%FF%C3%28%27")),
            Request(name: "NUL in a name", bytes: json("POST", Self.api + "msdyncrm_segments", #"{"msdyncrm_segmentname": "a\u0000b"}"#)),
            Request(name: "NUL alone as a name", bytes: json("POST", Self.api + "msdyncrm_segments", #"{"msdyncrm_segmentname": "\u0000"}"#)),
            Request(name: "garbage", bytes: Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })),
            Request(name: "HTTP/0.9", bytes: Data("GET /\r\n\r\n".utf8)),
            Request(name: "header overflow", bytes: http("GET", Self.api + "msdyncrm_segments", headers: ["X-Big: " + String(repeating: "b", count: 100 * 1024)])),
            Request(name: "10,000 headers", bytes: http("GET", Self.api, headers: (0..<10_000).map { "X-H\($0): v" })),
            // Empty lines before a request line are skipped (RFC 9112, 2.2): this is a request not yet begun.
            Request(name: "empty request line", bytes: Data("\r\n\r\n\r\n".utf8), cutShort: true),
            Request(name: "devicelogin without secret", bytes: http("POST", "/devicelogin", headers: ["Content-Type: application/x-www-form-urlencoded"], body: Data("user_code=ABC&action=approve".utf8))),
            Request(name: "token body over its limit", bytes: http("POST", "/t/oauth2/v2.0/token", headers: ["Content-Type: application/x-www-form-urlencoded"], body: Data(String(repeating: "a=b&", count: 40_000).utf8))),
            Request(name: "absolute-form target", bytes: http("GET", "http://evil.example" + Self.api + "WhoAmI")),
            Request(name: "asterisk target", bytes: http("OPTIONS", "*")),
            Request(name: "segment key not a GUID", bytes: http("GET", Self.api + "msdyncrm_segments('x'')")),
            Request(name: "PATCH to Live with a huge query", bytes: json("PATCH", Self.api + "msdyncrm_segments(00000000-0000-0000-0000-0000000000aa)", #"{"msdyncrm_segmentname": "f", "msdyncrm_segmentquery": "\#(String(orQuery.prefix(3999)))", "statuscode": 192350002}"#)),
        ]
        list.append(Request(name: "query of 2,000 SEGMENT() terms", bytes: json(
            "POST", Self.api + "msdyncrm_FetchContactsByQuery",
            #"{"Query": "\#(Array(repeating: "SEGMENT(nosuch)", count: 2000).joined(separator: " UNION "))"}"#)))
        return list
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
