import Dataverse
import Foundation
import NIOCore

/// The parameters of an unbound action, checked as Dataverse checks them against the action's
/// metadata: an unknown name or a value of the wrong type is a 400, a missing one too.
struct ActionParameters {
    let action: String
    let body: [String: JSONValue]

    init(action: String, body: ByteBuffer?, allowed: Set<String>) throws(ServiceError) {
        self.action = action
        self.body = try ActionRoutes.object(body)
        for key in self.body.keys.sorted() where !key.contains("@") && !allowed.contains(key) {
            throw .badRequest("The parameter '\(key)' in the request payload is not a valid parameter for the operation '\(action)'.")
        }
    }

    private func typeError(_ name: String, _ value: JSONValue, _ type: String) -> ServiceError {
        let shown = String(decoding: value.jsonData(), as: UTF8.self)
        return .badRequest("Cannot convert the literal '\(shown)' to the expected type '\(type)' of the parameter '\(name)' of '\(action)'.")
    }

    private func required(_ name: String) throws(ServiceError) -> JSONValue {
        guard let value = body[name], !value.isNull else { throw .badRequest("The parameter '\(name)' of '\(action)' is required.") }
        return value
    }

    /// An id sent as a string; the reference leaves Edm.String or Edm.Guid open (§5.1), both arrive as JSON strings.
    func guid(_ name: String) throws(ServiceError) -> String {
        let value = try required(name)
        guard case .string(let text) = value else { throw typeError(name, value, "Edm.String") }
        guard let guid = GUID.normalize(text) else { throw .badRequest("The parameter '\(name)' of '\(action)' must be a GUID; '\(text)' is not.") }
        return guid
    }

    func int(_ name: String) throws(ServiceError) -> Int {
        let value = try required(name)
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 2_147_483_648 else {
            throw typeError(name, value, "Edm.Int32")
        }
        return Int(number)
    }

    func guidList(_ name: String) throws(ServiceError) -> [String] {
        let value = try required(name)
        guard case .array(let items) = value else { throw typeError(name, value, "Collection(Edm.String)") }
        var ids: [String] = []
        ids.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw typeError("\(name)[\(index)]", item, "Edm.String") }
            guard let guid = GUID.normalize(text) else {
                throw .badRequest("Item \(index) of '\(name)' of '\(action)' must be a GUID; '\(text)' is not.")
            }
            ids.append(guid)
        }
        return ids
    }
}
