import Foundation

/// Creating, changing and deleting records, and calling unbound actions.
extension DataverseClient {
    /// `POST entitySet`: returns the new record's id, read from `OData-EntityId` (204) or from the
    /// record itself (201 under `return=representation`).
    public func create(in entitySet: String, fields: [String: JSONValue], idAttribute: String) throws(DataverseError) -> String {
        let request = try jsonRequest("POST", path: entitySet, fields: fields, extraHeaders: [:])
        let response = try send(request)
        if let entityId = response.header("OData-EntityId"), let id = Self.key(inEntityURL: entityId) { return id }
        if let id = (try? JSONValue.parse(response.body))?[idAttribute]?.stringValue { return id.lowercased() }
        throw .malformedReply("a create answered without OData-EntityId")
    }

    /// `PATCH entitySet(id)` with only the changed columns. With an ETag the update is conditional
    /// (412 when someone changed the record meanwhile); without one, `If-Match: *` still stops
    /// PATCH from creating a record that was deleted meanwhile.
    public func update(in entitySet: String, id: String, fields: [String: JSONValue], ifMatch etag: String?) throws(DataverseError) {
        let request = try jsonRequest("PATCH", path: "\(entitySet)(\(id))", fields: fields, extraHeaders: ["If-Match": etag ?? "*"])
        _ = try send(request)
    }

    /// `DELETE entitySet(id)`, conditional on the ETag when one is given.
    public func delete(in entitySet: String, id: String, ifMatch etag: String?) throws(DataverseError) {
        guard let url = URL(string: serviceRoot.absoluteString + "\(entitySet)(\(id))") else { throw .invalidRequest("bad id \(id)") }
        var headers = standardHeaders()
        if let etag { headers["If-Match"] = etag }
        _ = try send(HTTPRequest(method: "DELETE", url: url, headers: headers))
    }

    /// `POST name` for an unbound action; returns the reply's JSON (`.null` for 204).
    public func action(_ name: String, fields: [String: JSONValue]) throws(DataverseError) -> JSONValue {
        let response = try send(try jsonRequest("POST", path: name, fields: fields, extraHeaders: [:]))
        if response.status == 204 || response.body.isEmpty { return .null }
        return try JSONValue.parse(response.body)
    }

    /// `POST name` for an unbound action, handing back the raw reply when its status is one of
    /// `passing` (for actions whose refusals carry their reason outside Dataverse's error shape).
    public func actionResponse(_ name: String, fields: [String: JSONValue], passing: Set<Int>) throws(DataverseError) -> HTTPResponse {
        try send(try jsonRequest("POST", path: name, fields: fields, extraHeaders: [:]), passing: passing)
    }

    private func jsonRequest(_ method: String, path: String, fields: [String: JSONValue], extraHeaders: [String: String]) throws(DataverseError) -> HTTPRequest {
        guard let url = URL(string: serviceRoot.absoluteString + path) else { throw .invalidRequest("cannot form a URL for \(path)") }
        var headers = standardHeaders()
        headers["Content-Type"] = "application/json; charset=utf-8"
        headers.merge(extraHeaders) { _, new in new }
        return HTTPRequest(method: method, url: url, headers: headers, body: JSONValue.object(fields).jsonData())
    }

    /// The key in `…/msdyncrm_segments(23fa0663-…)`.
    static func key(inEntityURL text: String) -> String? {
        guard let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return nil }
        return String(text[text.index(after: open)..<close]).lowercased()
    }
}
