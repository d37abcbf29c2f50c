import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers what NIO's HTTP parser refuses (bad chunking, a method it does not know, a request line
/// or headers past its limits) in the Dataverse error shape, then closes the connection. Hummingbird
/// alone answers these with an empty 400, which clients of the Web API cannot show or branch on.
/// The error still travels on, so that a handler reading a body stops instead of using half of it.
final class ProtocolErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// A response has begun and not ended: an error answer now would be spliced into it.
    private var responding = false
    /// The error answer went out; whatever the responder writes afterwards is dropped.
    private var answered = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !answered else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head: responding = true
        case .end: responding = false
        case .body: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        if !responding, !answered {
            let answer = Self.answer(for: parserError)
            var head = HTTPResponse(status: answer.status)
            head.headerFields[.contentType] = Reply.jsonContentType
            head.headerFields[.connection] = "close"
            for (name, value) in answer.headers { head.headerFields[Reply.field(name)] = value }
            let body = ByteBuffer(string: answer.jsonBody)
            head.headerFields[.contentLength] = String(body.readableBytes)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(body)), promise: nil)
            answered = true
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        } else {
            context.close(promise: nil)
        }
        answered = true
        context.fireErrorCaught(error)
    }

    static func answer(for error: HTTPParserError) -> ServiceError {
        switch error {
        case .invalidMethod:
            return .unknownMethod(nil)
        case .headerOverflow:
            return ServiceError(
                status: .uriTooLong, code: "0x80048d19", message: "The request line or its headers are over the limit of 80 KB.")
        case .invalidChunkSize, .invalidContentLength, .unexpectedContentLength, .invalidEOFState:
            return .badRequest("The request body is not framed correctly (chunked encoding or Content-Length).", code: "0x80048d19")
        default:
            return .badRequest("The request is not valid HTTP/1.1.", code: "0x80048d19")
        }
    }
}
