/// The system query options of a read, checked against the entity: unknown properties and
/// unsupported options are refused here with the answers Dataverse gives.
struct CollectionOptions: Sendable {
    /// Selected properties in the order asked, or nil for every readable one.
    var select: [PropertyModel]?
    var selectText: String?
    var filter: FilterExpression?
    var filterText: String?
    var orderBy: [(property: PropertyModel, descending: Bool)] = []
    var orderText: String?
    var top: Int?
    var count = false
    var skipToken: String?

    /// [I] Dataverse documents no bound; ours answers in its 400 shape (segment-service.md, "Errors").
    static let maxOrderKeys = 16
    static let supported: Set<String> = ["$select", "$filter", "$orderby", "$top", "$count", "$skiptoken"]

    /// Options of a single-record GET: only `$select` (and `$expand`, refused) make sense.
    static func forRecord(_ parameters: QueryParameters, model: EntityModel) throws(ServiceError) -> CollectionOptions {
        var options = CollectionOptions()
        for name in parameters.values.keys where name.hasPrefix("$") && name != "$select" {
            throw unsupported(name)
        }
        try options.parseSelect(parameters["$select"], model: model)
        return options
    }

    static func forCollection(_ parameters: QueryParameters, model: EntityModel) throws(ServiceError) -> CollectionOptions {
        var options = CollectionOptions()
        for name in parameters.values.keys where name.hasPrefix("$") && !supported.contains(name) {
            throw unsupported(name)
        }
        try options.parseSelect(parameters["$select"], model: model)
        if let text = parameters["$filter"], !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let expression = try FilterParser.parse(text)
            // Compiling once here reports unknown properties and type errors before any paging.
            _ = try FilterCompiler.compile(expression, model: model)
            options.filter = expression
            options.filterText = text
        }
        if let text = parameters["$orderby"], !text.trimmingCharacters(in: .whitespaces).isEmpty {
            options.orderText = text
            let items = text.split(separator: ",")
            // Each key is a term of the ORDER BY and of every page's keyset condition; SQLite
            // stops at a few thousand terms, and no order needs more keys than there are columns.
            guard items.count <= Self.maxOrderKeys else {
                throw .badRequest("The $orderby is over the limit of \(Self.maxOrderKeys) keys.")
            }
            for item in items {
                let words = item.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                guard let name = words.first, words.count <= 2 else {
                    throw .badRequest("Syntax error in $orderby '\(text)': expected 'property [asc|desc]'.")
                }
                guard let property = model.property(name), property.readable else { throw .unknownProperty(name, on: model) }
                var descending = false
                if words.count == 2 {
                    switch words[1].lowercased() {
                    case "asc": descending = false
                    case "desc": descending = true
                    default: throw .badRequest("Syntax error in $orderby '\(text)': '\(words[1])' is neither asc nor desc.")
                    }
                }
                options.orderBy.append((property, descending))
            }
        }
        if let text = parameters["$top"] {
            guard let top = Int(text), top >= 0 else {
                throw .badRequest("Invalid value '\(text)' for $top: it must be a whole number of 0 or more.")
            }
            options.top = top
        }
        if let text = parameters["$count"] {
            switch text.lowercased() {
            case "true": options.count = true
            case "false": options.count = false
            default: throw .badRequest("Invalid value '\(text)' for $count: it must be true or false.")
            }
        }
        options.skipToken = parameters["$skiptoken"]
        return options
    }

    private static func unsupported(_ name: String) -> ServiceError {
        if name == "$skip" { return .badRequest("The query parameter $skip is not supported") }
        return .badRequest("The query parameter \(name) is not supported by this service.")
    }

    private mutating func parseSelect(_ text: String?, model: EntityModel) throws(ServiceError) {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var chosen: [PropertyModel] = []
        var seen: Set<String> = []
        for item in text.split(separator: ",") {
            let name = item.trimmingCharacters(in: .whitespaces)
            if name == "*" {
                for property in model.readableProperties where seen.insert(property.name).inserted { chosen.append(property) }
                continue
            }
            guard let property = model.property(name) else { throw .unknownProperty(name, on: model) }
            if seen.insert(name).inserted { chosen.append(property) }
        }
        select = chosen
        selectText = chosen.map(\.name).joined(separator: ",")
    }

    /// The order rows are paged in: the asked keys, then the primary key as a tie-breaker in the
    /// direction of the first key, so that an index serves both.
    func pagingKeys(model: EntityModel) -> [(property: PropertyModel, descending: Bool)] {
        var keys = orderBy
        if !keys.contains(where: { $0.property.name == model.key }) {
            keys.append((model.keyProperty, keys.first?.descending ?? false))
        }
        return keys
    }
}

import Foundation
