import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A TCP proxy on 127.0.0.1 that forwards each HTTP request to the service whole, reads the
/// service's whole reply, and then, for every second request, closes the client's connection
/// instead of sending the reply: the service has done the request, the client never hears so.
/// That is a reply lost after the commit, as a dropped connection or a proxy timeout loses it.
///
/// Each request goes over a connection of its own on both sides (`Connection: close`), so that a
/// client cannot quietly resend a request on a fresh connection without the proxy counting it.
final class ReplyDroppingProxy: Sendable {
    let port: UInt16
    private let listener: Int32
    private let targetPort: UInt16
    /// False to lose the request itself instead of its reply: the service never sees it.
    private let forwardsWhatItDrops: Bool
    private let state = Mutex<(count: Int, dropped: [String], forwarded: [String])>((0, [], []))

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// "METHOD path" of every request whose reply was dropped, in order.
    var dropped: [String] { state.withLock { $0.dropped } }
    var forwarded: [String] { state.withLock { $0.forwarded } }

    /// Starts the count again, so that the next request is the first (forwarded), the one after it dropped.
    func restartCount() { state.withLock { $0 = (0, [], []) } }

    init(target: URL, forwardsWhatItDrops: Bool = true) throws {
        targetPort = UInt16(target.port ?? 80)
        self.forwardsWhatItDrops = forwardsWhatItDrops
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProxyError.socket("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw ProxyError.socket("bind/listen") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: actual.sin_port)
        let listener = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                Thread.detachNewThread { [self] in self.serve(client) }
            }
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    enum ProxyError: Error { case socket(String) }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        guard var request = readRequest(client) else { return }
        let requestLine = request.head.split(separator: "\r\n").first.map(String.init) ?? ""
        let label = requestLine.split(separator: " ").prefix(2).joined(separator: " ")
        if request.expectsContinue {
            sendAll(client, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            guard let body = readExactly(client, count: request.contentLength, startingWith: request.body) else { return }
            request.body = body
        }
        let drop = state.withLock { state -> Bool in
            state.count += 1
            let drop = state.count % 2 == 0
            if drop { state.dropped.append(label) } else { state.forwarded.append(label) }
            return drop
        }
        if drop && !forwardsWhatItDrops { return }
        guard let reply = forward(request) else { return }
        // Dropped: the service has answered, the client gets a closed connection and nothing else.
        if !drop { sendAll(client, reply) }
    }

    private struct Request {
        var head: String
        var body: Data
        var contentLength: Int
        var expectsContinue: Bool
    }

    /// Reads one request: the head up to the blank line, then `Content-Length` bytes of body (the
    /// client's library sends no chunked bodies). With `Expect: 100-continue` the body waits.
    private func readRequest(_ fd: Int32) -> Request? {
        var buffer = Data()
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard let chunk = receive(fd) else { return nil }
            buffer.append(chunk)
        }
        let split = buffer.range(of: separator)!
        let head = String(decoding: buffer[..<split.lowerBound], as: UTF8.self)
        let rest = Data(buffer[split.upperBound...])
        var contentLength = 0
        var expectsContinue = false
        var lines: [String] = []
        for line in head.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") { contentLength = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if lower.hasPrefix("expect:") { expectsContinue = lower.contains("100-continue"); continue }
            if lower.hasPrefix("connection:") { continue }
            lines.append(line)
        }
        lines.append("Connection: close")
        let request = Request(head: lines.joined(separator: "\r\n"), body: rest, contentLength: contentLength, expectsContinue: expectsContinue)
        if expectsContinue && rest.count < contentLength { return request }
        guard let body = readExactly(fd, count: contentLength, startingWith: rest) else { return nil }
        return Request(head: request.head, body: body, contentLength: contentLength, expectsContinue: false)
    }

    private func readExactly(_ fd: Int32, count: Int, startingWith start: Data) -> Data? {
        var body = start
        while body.count < count {
            guard let chunk = receive(fd) else { return nil }
            body.append(chunk)
        }
        return body
    }

    /// Sends the request to the service over a new connection and reads its reply to the end.
    private func forward(_ request: Request) -> Data? {
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard upstream >= 0 else { return nil }
        defer { close(upstream) }
        var address = Self.loopback(port: targetPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        sendAll(upstream, Data((request.head + "\r\n\r\n").utf8) + request.body)
        var reply = Data()
        while !Self.isComplete(reply), let chunk = receive(upstream) { reply.append(chunk) }
        return reply.isEmpty ? nil : reply
    }

    /// Whether `reply` holds a whole HTTP response, by its Content-Length or its last chunk, so
    /// that the proxy does not depend on the service closing its side.
    private static func isComplete(_ reply: Data) -> Bool {
        guard let split = reply.range(of: Data("\r\n\r\n".utf8)) else { return false }
        let head = String(decoding: reply[..<split.lowerBound], as: UTF8.self).lowercased()
        let body = reply.count - split.upperBound
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix("content-length:") { return body >= Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
            if line.hasPrefix("transfer-encoding:") && line.contains("chunked") {
                return reply.suffix(5) == Data("0\r\n\r\n".utf8)
            }
        }
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return status == 204 || status == 304 || (100..<200).contains(status)
    }

    private func receive(_ fd: Int32) -> Data? {
        var bytes = [UInt8](repeating: 0, count: 65536)
        let count = recv(fd, &bytes, bytes.count, 0)
        guard count > 0 else { return nil }
        return Data(bytes[0..<count])
    }

    private func sendAll(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return }
                offset += sent
            }
        }
    }
}
