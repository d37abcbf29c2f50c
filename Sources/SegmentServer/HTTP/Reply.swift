import HTTPTypes
import Hummingbird

/// Builds responses with the headers every Dataverse answer carries.
enum Reply {
    static let jsonContentType = "application/json; odata.metadata=minimal"

    static func field(_ name: String) -> HTTPField.Name { HTTPField.Name(name)! }

    static func json(_ body: String, status: HTTPResponse.Status = .ok, headers: [(String, String)] = []) -> Response {
        var fields = HTTPFields()
        fields[field("OData-Version")] = "4.0"
        fields[.contentType] = jsonContentType
        for (name, value) in headers { fields[field(name)] = value }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
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
