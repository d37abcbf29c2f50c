import Foundation

/// Everything that can go wrong talking to the Web API, phrased for the person at the keyboard.
public enum DataverseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The service answered with an error status; `code` and `message` come from its error body.
    case service(status: Int, code: String, message: String)
    /// The request never got an answer: refused, dropped, timed out, no route.
    case transport(String)
    /// The service answered, but not in a shape we understand.
    case malformedReply(String)
    /// A bad URL or argument on our side.
    case invalidRequest(String)
    /// No token could be had: sign-in failed, was declined, or expired.
    case authentication(String)
    /// The user gave up waiting (Esc while the service was busy).
    case cancelled

    public var description: String {
        switch self {
        case .service(let status, let code, let message):
            let text = message.isEmpty ? HTTPStatusText.phrase(for: status) : message
            let codePart = (code.isEmpty || code == "0x0") ? "" : " [\(code)]"
            return "\(text) (HTTP \(status)\(codePart))"
        case .transport(let detail):
            return "Cannot reach the service: \(detail)"
        case .malformedReply(let detail):
            return "Unexpected reply from the service: \(detail)"
        case .invalidRequest(let detail):
            return "Invalid request: \(detail)"
        case .authentication(let detail):
            return "Sign-in failed: \(detail)"
        case .cancelled:
            return "Cancelled"
        }
    }

    /// The HTTP status for `.service` errors.
    public var status: Int? {
        if case .service(let status, _, _) = self { return status }
        return nil
    }

    /// Decodes the Dataverse error shape `{"error": {"code": "...", "message": "..."}}`; falls back
    /// to the reason phrase for an empty or foreign body (a 401 has none, a proxy sends HTML).
    public static func from(status: Int, body: Data) -> DataverseError {
        if let json = try? JSONValue.parse(body), let error = json["error"] {
            let code = error["code"]?.stringValue ?? ""
            let message = error["message"]?.stringValue ?? ""
            return .service(status: status, code: code, message: message)
        }
        return .service(status: status, code: "", message: "")
    }
}

enum HTTPStatusText {
    static func phrase(for status: Int) -> String {
        switch status {
        case 400: return "Bad request"
        case 401: return "Not signed in, or the token has expired"
        case 403: return "You do not have the privilege for this"
        case 404: return "Not found"
        case 412: return "The record changed on the service meanwhile"
        case 429: return "The service is busy (throttled)"
        case 500: return "The service had an internal error"
        case 502: return "Bad gateway"
        case 503: return "The service is unavailable"
        case 504: return "The gateway timed out"
        default: return "The service answered with an error"
        }
    }
}
