import GRDB

/// Which columns a read selects, and how each row becomes a JSON record with its ETag and,
/// when asked for, its formatted values and lookup annotations.
struct RecordRenderer: Sendable {
    let model: EntityModel
    /// Output properties; the key comes last, as Dataverse sends it.
    let properties: [PropertyModel]
    let formattedValues: Bool
    let lookupAnnotations: Bool
    /// SELECT list: the version first, then each property's value and, for lookups, the target's name.
    private(set) var columns: [String] = []
    private(set) var joins: [String] = []
    /// Per property: the value column and, for a lookup with labels, the name column.
    private var slots: [(value: Int, name: Int?)] = []

    init(model: EntityModel, select: [PropertyModel]?, preferences: Preferences) {
        self.model = model
        columns = [model.versionSQL]
        let chosen = select ?? model.readableProperties
        properties = chosen.filter { $0.name != model.key } + [model.keyProperty]
        formattedValues = preferences.formattedValues
        lookupAnnotations = preferences.lookupAnnotations
        for property in properties {
            let valueIndex = columns.count
            columns.append(property.readable ? property.valueSQL : "NULL")
            var nameIndex: Int?
            if case .lookup(let target) = property.kind, formattedValues {
                let alias = "j\(joins.count)"
                joins.append("LEFT JOIN \(target.table) \(alias) ON \(alias).\(target.keyColumn) = \(property.valueSQL)")
                nameIndex = columns.count
                columns.append("\(alias).\(target.nameColumn)")
            }
            slots.append((valueIndex, nameIndex))
        }
    }

    /// `W/"<versionnumber>"` of a row selected with `columns`.
    static func etag(version: Int64) -> String { "W/\"\(version)\"" }

    func etag(of row: Row) -> String { Self.etag(version: row[0] as Int64? ?? 0) }

    func write(_ row: Row, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("@odata.etag", etag(of: row))
        for (property, slot) in zip(properties, slots) {
            let value: DatabaseValue = row[slot.value]
            if formattedValues, let label = label(property, value, row: row, slot: slot) {
                writer.field(property.name + "@OData.Community.Display.V1.FormattedValue", label)
            }
            if lookupAnnotations, case .lookup(let target) = property.kind, !value.isNull {
                writer.field(property.name + "@Microsoft.Dynamics.CRM.associatednavigationproperty", target.navigationProperty)
                writer.field(property.name + "@Microsoft.Dynamics.CRM.lookuplogicalname", target.logicalName)
            }
            writer.key(property.name)
            Self.writeValue(value, kind: property.kind, to: &writer)
        }
        writer.endObject()
    }

    static func writeValue(_ value: DatabaseValue, kind: PropertyKind, to writer: inout JSONWriter) {
        switch value.storage {
        case .null: writer.null()
        case .int64(let n):
            if case .date = kind {
                writer.string(Timestamp.iso(n))
            } else if case .boolean = kind {
                writer.bool(n != 0)
            } else {
                writer.int(Int(n))
            }
        case .double(let d): writer.double(d)
        case .string(let s): writer.string(s)
        case .blob: writer.null()
        }
    }

    private func label(_ property: PropertyModel, _ value: DatabaseValue, row: Row, slot: (value: Int, name: Int?)) -> String? {
        if case .lookup = property.kind, let index = slot.name { return row[index] as String? }
        return property.kind.label(of: value)
    }

    /// `$metadata#msdyncrm_segments(a,b)` and the like.
    static func context(serviceRoot: String, model: EntityModel, selectText: String?, entity: Bool) -> String {
        var text = serviceRoot + "$metadata#" + model.entitySet
        if let selectText { text += "(\(selectText))" }
        if entity { text += "/$entity" }
        return text
    }
}
