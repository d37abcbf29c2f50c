import Foundation

/// Sends a corpus to a running service, one connection a request, and counts what came back.
public struct FuzzRun: Sendable {
    public var tried = 0
    /// Answers with a 5xx status: the service blamed itself for a client's request.
    public var serverErrors: [String] = []
    /// Whole requests that got no status line at all (cut-short ones may rightly get none).
    public var unanswered: [String] = []
    /// Answers whose body was not the OData error shape although the status was an error.
    public var misshapen: [String] = []

    public init() {}

    public static func run(_ requests: [FuzzCorpus.Request], host: String, port: Int, timeout: Double = 15) -> FuzzRun {
        var run = FuzzRun()
        for request in requests {
            let answer = RawHTTP.exchange(host: host, port: port, request: request.bytes, closeAfterSending: request.cutShort, timeout: timeout)
            run.tried += 1
            guard let status = answer.status else {
                if !request.cutShort { run.unanswered.append(request.name) }
                continue
            }
            if status >= 500 { run.serverErrors.append("\(request.name): \(status) \(String(decoding: answer.body.prefix(200), as: UTF8.self))") }
            // A HEAD answer has no body by definition.
            let isHead = request.bytes.starts(with: Data("HEAD ".utf8))
            if status >= 400, !isHead, !isErrorShape(answer.body, status: status) {
                run.misshapen.append("\(request.name): \(status) \(String(decoding: answer.body.prefix(120), as: UTF8.self))")
            }
        }
        return run
    }

    /// `{"error":{"code":"...","message":"..."}}`, or Entra ID's `{"error":"...","error_description":"..."}`
    /// from the token endpoint stand-in, or the empty body of a 401.
    static func isErrorShape(_ body: Data, status: Int) -> Bool {
        if status == 401, body.isEmpty { return true }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return false }
        if let error = object["error"] as? [String: Any] { return error["code"] is String && error["message"] is String }
        return object["error"] is String && object["error_description"] is String
    }
}
