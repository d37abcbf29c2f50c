import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP exchange over a plain socket, bytes exactly as given: for requests no HTTP client
/// will send (bad chunking, unknown methods, broken UTF-8, giant request lines).
public enum RawHTTP {
    public struct Answer: Sendable {
        /// nil when the connection closed (or timed out) before a status line arrived.
        public var status: Int?
        public var head: String
        public var body: Data
    }

    /// Sends `request` to `host:port` and reads until the server closes the connection, the
    /// response is complete by its Content-Length, or `timeout` seconds pass without data.
    public static func exchange(host: String, port: Int, request: Data, closeAfterSending: Bool = false, timeout: Double = 15) -> Answer {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), String(port), &hints, &list) == 0,
            let first = list
        else { return Answer(status: nil, head: "", body: Data()) }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return Answer(status: nil, head: "", body: Data()) }
        defer { close(fd) }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else { return Answer(status: nil, head: "", body: Data()) }
        // The server may answer and close before everything is sent (a body over the limit):
        // a failed send is not a failure of the exchange, the answer is what counts.
        request.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { break }
                offset += sent
            }
        }
        if closeAfterSending { shutdown(fd, Int32(SHUT_WR)) }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: chunk[0..<count])
            if let complete = parse(received), complete.body.count >= complete.length { break }
        }
        guard let parsed = parse(received) else {
            let text = String(decoding: received, as: UTF8.self)
            return Answer(status: statusCode(text), head: text, body: Data())
        }
        return Answer(status: statusCode(parsed.head), head: parsed.head, body: parsed.body)
    }

    private static func parse(_ data: Data) -> (head: String, body: Data, length: Int)? {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self)
        let body = Data(data[end.upperBound...])
        var length = Int.max
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? Int.max
        }
        return (head, body, length)
    }

    private static func statusCode(_ head: String) -> Int? {
        let parts = head.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
        return Int(parts[1])
    }
}
