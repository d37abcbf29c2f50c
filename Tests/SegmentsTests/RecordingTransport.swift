import Dataverse
import Foundation
import Synchronization

/// A transport that answers from a script and records what was asked, for checking the exact
/// requests the client makes. The real transport is exercised against the embedded service.
final class RecordingTransport: HTTPTransport {
    private let state = Mutex<(requests: [HTTPRequest], replies: [HTTPResponse])>(([], []))

    init(replies: [HTTPResponse]) {
        state.withLock { $0.replies = replies }
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) throws(DataverseError) -> HTTPResponse {
        let reply: HTTPResponse? = state.withLock { state in
            state.requests.append(request)
            return state.replies.isEmpty ? nil : state.replies.removeFirst()
        }
        guard let reply else { throw .transport("no scripted reply") }
        return reply
    }
}

func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponse {
    HTTPResponse(status: status, headers: headers, body: Data(body.utf8))
}
