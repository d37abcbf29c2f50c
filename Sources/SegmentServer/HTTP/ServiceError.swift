import Hummingbird

/// An answer in the Dataverse error shape `{"error":{"code":"...","message":"..."}}`.
/// Codes and wording copy the real service's, because clients (ours included) show them to people
/// and sometimes branch on the code.
struct ServiceError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var headers: [(String, String)] = []
    /// A 401 has an empty body on Dataverse.
    var emptyBody = false

    init(status: HTTPResponse.Status, code: String, message: String, headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    static func badRequest(_ message: String, code: String = "0x0") -> ServiceError {
        ServiceError(status: .badRequest, code: code, message: message)
    }

    static func unknownProperty(_ name: String, on entity: EntityModel) -> ServiceError {
        badRequest("Could not find a property named '\(name)' on type 'Microsoft.Dynamics.CRM.\(entity.logicalName)'.")
    }

    static func recordNotFound(_ entity: EntityModel, id: String) -> ServiceError {
        ServiceError(status: .notFound, code: "0x80040217", message: "\(entity.logicalName) With Id = \(id) Does Not Exist")
    }

    static func unknownSegment(_ segment: String) -> ServiceError {
        ServiceError(status: .notFound, code: "0x8006088a", message: "Resource not found for the segment '\(segment)'.")
    }

    static func methodNotAllowed(_ method: String, _ resource: String) -> ServiceError {
        ServiceError(
            status: .methodNotAllowed, code: "0x8006088a",
            message: "The HTTP method '\(method)' is not allowed for the resource '\(resource)'.")
    }

    static let versionMismatch = ServiceError(
        status: .preconditionFailed, code: "0x80060882",
        message: "The version of the existing record doesn't match the RowVersion property provided.")

    static func alreadyExists(_ entity: EntityModel, id: String) -> ServiceError {
        ServiceError(
            status: .preconditionFailed, code: "0x80040237",
            message: "A record with matching key values already exists: \(entity.logicalName) With Id = \(id).")
    }

    /// What a client sees of a failure that is the service's own; the reason goes to the log.
    static let unexpected = ServiceError(
        status: .internalServerError, code: "0x80040216", message: "An unexpected error occurred. The reason is in the service's log.")

    /// [I] IIS answers 413 past its request limit; Dataverse's code for an oversized request.
    static func bodyTooLarge(limit: Int) -> ServiceError {
        ServiceError(status: .contentTooLarge, code: "0x80048d19", message: "The request body is over the limit of \(limit) bytes.")
    }

    /// [D] segment-service.md, "Web API behaviour": URLs at most 32 KB; IIS answers 414 past it.
    static func uriTooLong(limit: Int) -> ServiceError {
        ServiceError(status: .uriTooLong, code: "0x80048d19", message: "The request URL is over the limit of \(limit) bytes.")
    }

    /// [I] a method no resource of the service answers: 405, as for a known method on the wrong
    /// resource. (501 would say the service failed; the mistake is the client's.)
    static func unknownMethod(_ method: String?) -> ServiceError {
        let named = method.map { "The HTTP method '\(String($0.prefix(32)))'" } ?? "The HTTP method"
        return ServiceError(
            status: .methodNotAllowed, code: "0x8006088a", message: "\(named) is not one this service answers: use GET, POST, PATCH or DELETE.",
            headers: [("Allow", "GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS")])
    }

    static func malformedBody(_ detail: String) -> ServiceError {
        badRequest("The request body is not valid JSON: \(detail)", code: "0x80048d19")
    }

    var jsonBody: String {
        var writer = JSONWriter(capacity: message.utf8.count + 48)
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.field("code", code)
        writer.field("message", message)
        writer.endObject()
        writer.endObject()
        return writer.text
    }
}
