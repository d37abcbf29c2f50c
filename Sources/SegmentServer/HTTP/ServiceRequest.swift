import HTTPTypes
import Hummingbird

/// What the routes need from a request, parsed once: the service root it was addressed to (for
/// absolute links), the resource and key, the query options and headers.
struct ServiceRequest: Sendable {
    var method: HTTPRequest.Method
    /// `http://host:port/api/data/v9.2/`
    var serviceRoot: String
    /// The first path segment after the service root: an entity set, an action, `WhoAmI`.
    var resource: String
    /// The text inside `(...)` after the resource, if any.
    var key: String?
    var query: QueryParameters
    var headers: HTTPFields
    var body: ByteBuffer?
    /// The bearer token's subject, once authentication has checked it.
    var caller: String?

    func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        let values = headers[values: field]
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    var preferences: Preferences { Preferences(header: header("Prefer")) }

    /// `<resource>(<key>)` in a readable form, for error messages.
    var resourceText: String { key.map { "\(resource)(\($0))" } ?? resource }

    /// The key as a GUID: `(guid)` or `(name=guid)`, braces allowed.
    func guidKey(for model: EntityModel) throws(ServiceError) -> String {
        guard var text = key else { throw .badRequest("A key is required: \(model.entitySet)(<guid>).") }
        if let equals = text.firstIndex(of: "=") {
            let name = text[..<equals].trimmingCharacters(in: .whitespaces)
            guard name == model.key else { throw .unknownProperty(name, on: model) }
            text = String(text[text.index(after: equals)...])
        }
        guard let guid = GUID.normalize(text.trimmingCharacters(in: .whitespaces)) else {
            throw .badRequest("Bad Request - Error in query syntax: '\(text)' is not a valid key of \(model.entitySet).")
        }
        return guid
    }

    /// Splits `/api/data/v9.2/msdyncrm_segments(...)` into its parts; nil for paths outside the Web API.
    static func parsePath(_ rawPath: String) throws(ServiceError) -> (version: String, resource: String, key: String?)? {
        guard let path = rawPath.removingPercentEncoding else { throw .badRequest("The URL is not correctly percent-encoded.") }
        guard path.hasPrefix("/api/data/") else { return nil }
        let rest = path.dropFirst("/api/data/".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let version = String(rest[..<slash])
        var remainder = slash < rest.endIndex ? rest[rest.index(after: slash)...] : ""
        if remainder.hasSuffix("/") { remainder = remainder.dropLast() }
        guard let open = remainder.firstIndex(of: "(") else { return (version, String(remainder), nil) }
        guard remainder.hasSuffix(")") else { throw .unknownSegment(String(remainder)) }
        let resource = String(remainder[..<open])
        let key = String(remainder[remainder.index(after: open)..<remainder.index(before: remainder.endIndex)])
        return (version, resource, key)
    }
}

import Foundation
