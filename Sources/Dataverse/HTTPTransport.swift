import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, in plain values so that transports can be swapped in tests.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?

    public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]  // names lowercased
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends a request and blocks until the answer arrives. Callers run it on a background queue;
/// the UI never waits on it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse
}

/// The real transport: URLSession with keep-alive, a timeout, and errors turned into words.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let timeout: TimeInterval

    public init(timeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 6
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration)
        self.timeout = timeout
    }

    public func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body

        let box = Mutex<Result<HTTPResponse, DataverseError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: urlRequest) { data, response, error in
            let outcome: Result<HTTPResponse, DataverseError>
            if let error {
                outcome = .failure(.transport(Self.describe(error)))
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
                }
                outcome = .success(HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
            } else {
                outcome = .failure(.transport("no HTTP response"))
            }
            box.withLock { $0 = outcome }
            done.signal()
        }
        task.resume()
        done.wait()
        let outcome = box.withLock { $0 } ?? .failure(.transport("no answer"))
        return try outcome.get()
    }

    static func describe(_ error: any Error) -> String {
        guard let urlError = error as? URLError else { return error.localizedDescription }
        switch urlError.code {
        case .timedOut: return "the request timed out"
        case .cannotConnectToHost: return "connection refused"
        case .networkConnectionLost: return "the connection was dropped"
        case .notConnectedToInternet: return "no network"
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate:
            return "TLS failed (\(urlError.localizedDescription))"
        default: return urlError.localizedDescription
        }
    }
}

