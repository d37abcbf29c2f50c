import Dataverse
import Foundation

/// The columns a POST or PATCH body sets, checked for names, types and lengths before anything
/// is stored. Read-only columns are ignored as Dataverse ignores them; annotations too.
struct SegmentChanges: Sendable {
    var id: String?
    var name: String?
    var type: SegmentType?
    var status: SegmentStatus?
    /// Outer nil: not sent; inner nil: set to null.
    var description: String??
    var query: String??
    /// Contact GUIDs from `msdyncrm_segmentmemberids` (the "crm" prefix removed).
    var memberIds: [String]?

    static let readOnly: Set<String> = [
        SegmentAttribute.size, SegmentAttribute.lastEvaluation, SegmentAttribute.nextEvaluation, SegmentAttribute.createdOn,
        SegmentAttribute.modifiedOn, SegmentAttribute.versionNumber, SegmentAttribute.queryName, SegmentAttribute.owner,
        SegmentAttribute.state, SegmentLifecycle.errorAttribute,
    ]

    static func parse(_ body: ByteBuffer?) throws(ServiceError) -> SegmentChanges {
        guard let body, body.readableBytes > 0 else { throw .malformedBody("the body is empty") }
        let json: JSONValue
        do {
            json = try JSONValue.parse(Data(body.readableBytesView))
        } catch {
            throw .malformedBody("it does not parse")
        }
        guard let object = json.objectValue else { throw .malformedBody("it is not a JSON object") }
        return try parse(object)
    }

    static func parse(_ object: [String: JSONValue]) throws(ServiceError) -> SegmentChanges {
        typealias A = SegmentAttribute
        var changes = SegmentChanges()
        for (key, value) in object {
            if key.contains("@") || readOnly.contains(key) { continue }
            switch key {
            case A.id:
                guard let text = value.stringValue, let guid = GUID.normalize(text) else { throw typeError(key, value, "Edm.Guid") }
                changes.id = guid
            case A.name:
                guard let text = value.stringValue else { throw typeError(key, value, "Edm.String") }
                try checkCharacters(key, text)
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { throw .badRequest("The segment name cannot be empty.") }
                try checkLength(key, text, 100)
                changes.name = text
            case A.type:
                guard let raw = value.intValue else { throw typeError(key, value, "Edm.Int32") }
                let type = SegmentType(outboundCode: raw)
                guard SegmentType.outboundKinds.contains(type) else { throw invalidOption(key, raw) }
                changes.type = type
            case A.status:
                guard let raw = value.intValue else { throw typeError(key, value, "Edm.Int32") }
                let status = SegmentStatus(outboundCode: raw)
                guard SegmentStatus.outboundStatuses.contains(status) else { throw invalidOption(key, raw) }
                changes.status = status
            case A.description:
                changes.description = try optionalText(key, value, maxLength: 2000)
            case A.query:
                changes.query = try optionalText(key, value, maxLength: 4000)
            case A.memberIds:
                guard let text = try optionalText(key, value, maxLength: 1_000_000) else {
                    changes.memberIds = []
                    continue
                }
                changes.memberIds = try memberIds(text)
            default:
                throw .badRequest(
                    "The property '\(key)' does not exist on type 'Microsoft.Dynamics.CRM.\(A.entityName)'. Make sure to only use property names that are defined by the type."
                )
            }
        }
        return changes
    }

    var touchesContent: Bool { name != nil || query != nil || memberIds != nil }

    private static func optionalText(_ key: String, _ value: JSONValue, maxLength: Int) throws(ServiceError) -> String? {
        if value.isNull { return nil }
        guard let text = value.stringValue else { throw typeError(key, value, "Edm.String") }
        try checkLength(key, text, maxLength)
        try checkCharacters(key, text)
        return text
    }

    /// [I] segment-service.md, "Errors" for the shape. Refuses the characters Dataverse cannot
    /// store: it keeps text in XML-safe form, and XML 1.0 forbids the C0 controls other than tab,
    /// line feed and carriage return (and U+FFFE, U+FFFF). Stored, a NUL cut the text short and let
    /// "\u0000" pass as a non-empty name; dropped silently, the text would change behind the
    /// client's back. What XML allows (C1 controls, DEL) is kept whole; clients sanitise it.
    private static func checkCharacters(_ key: String, _ text: String) throws(ServiceError) {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value
            let forbidden = (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0xFFFE || value == 0xFFFF
            guard forbidden else { continue }
            let code = "U+" + String(value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw .badRequest(
                "The value of '\(key)' contains the control character \(code) at position \(offset), which cannot be stored.",
                code: "0x80040203")
        }
    }

    private static func checkLength(_ key: String, _ text: String, _ maxLength: Int) throws(ServiceError) {
        // Dataverse counts UTF-16 code units, as .NET strings do.
        let length = text.utf16.count
        guard length <= maxLength else {
            throw .badRequest("A validation error occurred. The length of the '\(key)' attribute exceeded the maximum allowed length of '\(maxLength)' (it is \(length)).", code: "0x80044331")
        }
    }

    private static func typeError(_ key: String, _ value: JSONValue, _ type: String) -> ServiceError {
        let shown = String(decoding: value.jsonData(), as: UTF8.self)
        return .badRequest("Cannot convert the literal '\(shown)' to the expected type '\(type)' of the property '\(key)'.")
    }

    private static func invalidOption(_ key: String, _ raw: Int) -> ServiceError {
        .badRequest("\(raw) is not a valid value for the option set '\(key)'.", code: "0x8004431a")
    }

    /// `"[\"crm<guid>\", ...]"` → GUIDs. Anything else is refused with the item that is wrong.
    static func memberIds(_ text: String) throws(ServiceError) -> [String] {
        guard let json = try? JSONValue.parse(Data(text.utf8)), let items = json.arrayValue else {
            throw .badRequest("msdyncrm_segmentmemberids must be a JSON array of \"crm\" followed by a contact id, serialised in a string.")
        }
        var ids: [String] = []
        ids.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let entry = item.stringValue, entry.lowercased().hasPrefix("crm"), let guid = GUID.normalize(String(entry.dropFirst(3))) else {
                let shown = String(decoding: item.jsonData(), as: UTF8.self)
                throw .badRequest("msdyncrm_segmentmemberids item \(index) (\(shown)) is not \"crm\" followed by a contact id.")
            }
            ids.append(guid)
        }
        return ids
    }
}

import NIOCore
