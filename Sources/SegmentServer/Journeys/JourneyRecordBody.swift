import Dataverse
import Foundation
import GRDB
import NIOCore

/// A POST or PATCH body for a journeys table, checked against the entity's columns: unknown names
/// answer 400 as Dataverse does, values of the wrong type or length 400, read-only columns are
/// ignored as Dataverse ignores them. `values` maps SQL columns to what to store.
struct JourneyRecordBody {
    var values: [String: DatabaseValue] = [:]
    /// Web API names that were sent (with a value), for the rules that depend on them.
    var sent: Set<String> = []

    /// Columns a client may write, per entity set, with the option set that constrains them.
    static let writable: [String: [String: OptionLabels?]] = [
        DefinitionColumn.entitySet: [
            DefinitionColumn.id: nil, DefinitionColumn.name: nil, DefinitionColumn.query: nil, DefinitionColumn.staticListMembers: nil,
            DefinitionColumn.includedMembers: nil, DefinitionColumn.excludedMembers: nil, DefinitionColumn.disableRefresh: nil,
            DefinitionColumn.refreshInterval: nil, DefinitionColumn.stopRefreshAfter: nil, DefinitionColumn.timeZone: nil,
            "statecode": JourneyOptions.definitionState, "statuscode": JourneyOptions.definitionStatus,
        ],
        SegmentColumn.entitySet: [
            SegmentColumn.id: nil, SegmentColumn.displayName: nil, SegmentColumn.description: nil,
            SegmentColumn.type: JourneyOptions.segmentType, SegmentColumn.source: JourneyOptions.segmentSource,
            SegmentColumn.baseEntity: nil, SegmentColumn.sourceSegmentUid: nil, SegmentColumn.scope: JourneyOptions.segmentScope,
            "statecode": JourneyOptions.segmentState, "statuscode": JourneyOptions.segmentStatus,
        ],
    ]

    static func parse(_ body: ByteBuffer?, model: EntityModel) throws(ServiceError) -> JourneyRecordBody {
        guard let body, body.readableBytes > 0 else { throw .malformedBody("the body is empty") }
        guard let json = try? JSONValue.parse(Data(body.readableBytesView)), let object = json.objectValue else {
            throw .malformedBody("it is not a JSON object")
        }
        let writable = Self.writable[model.entitySet] ?? [:]
        var result = JourneyRecordBody()
        for (key, value) in object {
            if key == SegmentColumn.owningBusinessUnitBind, model.entitySet == SegmentColumn.entitySet {
                // `/businessunits(<guid>)` [D]
                guard let text = value.stringValue, let open = text.firstIndex(of: "("), text.hasSuffix(")"),
                    let guid = GUID.normalize(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
                else { throw .badRequest("\(key) must be '/businessunits(<guid>)'.") }
                result.values["owningbusinessunit"] = guid.databaseValue
                continue
            }
            if key.contains("@") { continue }
            guard let property = model.property(key) else {
                throw .badRequest(
                    "The property '\(key)' does not exist on type 'Microsoft.Dynamics.CRM.\(model.logicalName)'. Make sure to only use property names that are defined by the type."
                )
            }
            guard let options = writable[key] else { continue }
            result.values[property.column] = try Self.value(key, value, kind: property.kind, options: options ?? nil, nullable: property.nullable)
            result.sent.insert(key)
        }
        return result
    }

    private static func value(_ key: String, _ value: JSONValue, kind: PropertyKind, options: OptionLabels?, nullable: Bool)
        throws(ServiceError) -> DatabaseValue
    {
        if value.isNull {
            guard nullable else { throw .badRequest("The property '\(key)' cannot be null.") }
            return .null
        }
        switch kind {
        case .guid:
            guard let text = value.stringValue, let guid = GUID.normalize(text) else { throw typeError(key, value, "Edm.Guid") }
            return guid.databaseValue
        case .string(let maxLength):
            guard let text = value.stringValue else { throw typeError(key, value, "Edm.String") }
            let length = text.utf16.count
            guard length <= maxLength else {
                throw .badRequest(
                    "A validation error occurred. The length of the '\(key)' attribute exceeded the maximum allowed length of '\(maxLength)' (it is \(length)).",
                    code: "0x80044331")
            }
            return text.databaseValue
        case .boolean:
            guard case .bool(let flag) = value else { throw typeError(key, value, "Edm.Boolean") }
            return (flag ? 1 : 0).databaseValue
        case .integer, .optionSet, .bigInt:
            guard case .number(let number) = value, number.rounded() == number, abs(number) < 2_147_483_648 else {
                throw typeError(key, value, "Edm.Int32")
            }
            let raw = Int(number)
            if let options, !options.contains(raw) {
                throw .badRequest("\(raw) is not a valid value for the option set '\(key)'.", code: "0x8004431a")
            }
            if case .integer = kind, raw < 0 { throw .badRequest("The value of '\(key)' cannot be negative.") }
            return raw.databaseValue
        case .date:
            guard let text = value.stringValue, let seconds = Timestamp.parse(text) else { throw typeError(key, value, "Edm.DateTimeOffset") }
            return seconds.databaseValue
        case .lookup:
            throw .badRequest("Set '\(key)' with its @odata.bind property.")
        }
    }

    private static func typeError(_ key: String, _ value: JSONValue, _ type: String) -> ServiceError {
        let shown = String(decoding: value.jsonData(), as: UTF8.self)
        return .badRequest("Cannot convert the literal '\(shown)' to the expected type '\(type)' of the property '\(key)'.")
    }

    /// The stored value of a Web API column that was sent, if it was.
    func text(_ model: EntityModel, _ name: String) -> String?? {
        guard sent.contains(name), let column = model.property(name)?.column, let value = values[column] else { return nil }
        return .some(String.fromDatabaseValue(value))
    }

    func int(_ model: EntityModel, _ name: String) -> Int? {
        guard sent.contains(name), let column = model.property(name)?.column, let value = values[column] else { return nil }
        return Int.fromDatabaseValue(value)
    }
}
