import HTTPTypes
import Hummingbird

/// Builds responses with the headers every Dataverse answer carries.
enum Reply {
    static let jsonContentType = "application/json; odata.metadata=minimal"

    static func field(_ name: String) -> HTTPField.Name { HTTPField.Name(name)! }

    static func json(_ body: String, status: HTTPResponse.Status = .ok, headers: [(String, String)] = []) -> Response {
        json(buffer: ByteBuffer(string: body), status: status, headers: headers)
    }

    /// A body written as bytes (JSONWriter's), without a String between.
    static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: [(String, String)] = []) -> Response {
        json(buffer: ByteBuffer(bytes: bytes), status: status, headers: headers)
    }

    private static func json(buffer: ByteBuffer, status: HTTPResponse.Status, headers: [(String, String)]) -> Response {
        var fields = HTTPFields()
        fields[field("OData-Version")] = "4.0"
        fields[.contentType] = jsonContentType
        for (name, value) in headers { fields[field(name)] = value }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: buffer))
    }

    static func empty(_ status: HTTPResponse.Status, headers: [(String, String)] = []) -> Response {
        var fields = HTTPFields()
        fields[field("OData-Version")] = "4.0"
        for (name, value) in headers { fields[field(name)] = value }
        return Response(status: status, headers: fields)
    }

    static func error(_ error: ServiceError) -> Response {
        if error.emptyBody { return empty(error.status, headers: error.headers) }
        return json(error.jsonBody, status: error.status, headers: error.headers)
    }
}
