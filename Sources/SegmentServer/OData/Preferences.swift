/// The `Prefer` header: page size, annotations and `return=representation`, and what to echo in
/// `Preference-Applied`.
struct Preferences: Sendable {
    static let formattedValueName = "OData.Community.Display.V1.FormattedValue"
    static let maximumPageSize = 5000

    var maxPageSize: Int?
    /// The `odata.include-annotations` value as sent, without its quotes.
    var annotations: String?
    var returnRepresentation = false

    init(header: String?) {
        guard let header else { return }
        for item in Self.split(header) {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = parts.first?.lowercased() else { continue }
            let value = parts.count > 1 ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : ""
            switch name {
            case "odata.maxpagesize":
                if let size = Int(value), size > 0 { maxPageSize = min(size, Self.maximumPageSize) }
            case "odata.include-annotations":
                annotations = value
            case "return":
                returnRepresentation = value.lowercased() == "representation"
            default:
                break
            }
        }
    }

    /// Splits on commas outside double quotes: `a=1,b="x,y"` is two preferences.
    private static func split(_ header: String) -> [String] {
        var items: [String] = []
        var current = ""
        var quoted = false
        for c in header {
            if c == "\"" { quoted.toggle() }
            if c == ",", !quoted {
                items.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        items.append(current)
        return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func annotationRequested(_ name: String) -> Bool {
        guard let annotations else { return false }
        for pattern in annotations.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if pattern == "*" || pattern == name { return true }
            if pattern.hasSuffix(".*"), name.hasPrefix(pattern.dropLast()) { return true }
        }
        return false
    }

    var formattedValues: Bool { annotationRequested(Self.formattedValueName) }

    var lookupAnnotations: Bool { annotationRequested("Microsoft.Dynamics.CRM.lookuplogicalname") }

    /// `Preference-Applied` for a read; nil when nothing applies.
    func applied(pageSize: Bool, representation: Bool = false) -> String? {
        var parts: [String] = []
        if pageSize, let maxPageSize { parts.append("odata.maxpagesize=\(maxPageSize)") }
        if let annotations { parts.append("odata.include-annotations=\"\(annotations)\"") }
        if representation, returnRepresentation { parts.append("return=representation") }
        return parts.isEmpty ? nil : parts.joined(separator: ",")
    }
}

import Foundation
