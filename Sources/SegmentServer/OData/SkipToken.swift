import GRDB

/// The `$skiptoken` of `@odata.nextLink`: the paging key values of the last row sent, shaped like
/// Dataverse's paging cookie (`<cookie pagenumber="2" pagingcookie="%3ccookie page..." ... />`, its
/// inner cookie percent-encoded once more), so that clients that decode it once too often break
/// here as they would there. The next page is the rows strictly after those values in the
/// (keys..., id) order: rows inserted or deleted meanwhile never shift it.
enum SkipToken {
    struct Position: Sendable {
        var page: Int
        /// One value per paging key, as SQL compares them (folded text, seconds, numbers); null allowed.
        var values: [DatabaseValue]
    }

    static func encode(_ position: Position, keys: [PropertyModel]) -> String {
        var inner = "<cookie page=\"\(position.page - 1)\">"
        for (property, value) in zip(keys, position.values) {
            if value.isNull {
                inner += "<\(property.name) isnull=\"1\" />"
            } else {
                inner += "<\(property.name) last=\"\(xmlEscape(text(of: value, kind: property.kind)))\" />"
            }
        }
        inner += "</cookie>"
        return "<cookie pagenumber=\"\(position.page)\" pagingcookie=\"\(PercentEncoding.strictLowercase(inner))\" istracking=\"False\" />"
    }

    static func decode(_ token: String, keys: [PropertyModel]) throws(ServiceError) -> Position {
        let invalid = ServiceError.badRequest("The $skiptoken is not valid for this query.")
        guard let outer = XMLTags.parse(token).first, outer.name == "cookie",
            let pageText = outer.attributes["pagenumber"], let page = Int(pageText), page >= 2,
            let encoded = outer.attributes["pagingcookie"], let inner = encoded.removingPercentEncoding
        else { throw invalid }
        let tags = XMLTags.parse(inner)
        guard tags.first?.name == "cookie", tags.count == keys.count + 1 else { throw invalid }
        var values: [DatabaseValue] = []
        for (property, tag) in zip(keys, tags.dropFirst()) {
            guard tag.name == property.name else { throw invalid }
            if tag.attributes["isnull"] == "1" {
                guard property.nullable else { throw invalid }
                values.append(.null)
                continue
            }
            guard let text = tag.attributes["last"], let value = value(of: text, kind: property.kind) else { throw invalid }
            values.append(value)
        }
        return Position(page: page, values: values)
    }

    private static func text(of value: DatabaseValue, kind: PropertyKind) -> String {
        switch (kind, value.storage) {
        case (.date, .int64(let seconds)): return Timestamp.iso(seconds)
        case (.guid, .string(let guid)), (.lookup, .string(let guid)): return "{\(guid.uppercased())}"
        case (_, .int64(let n)): return String(n)
        case (_, .double(let d)): return String(d)
        case (_, .string(let s)): return s
        default: return ""
        }
    }

    private static func value(of text: String, kind: PropertyKind) -> DatabaseValue? {
        switch kind {
        case .date: return Timestamp.parse(text)?.databaseValue
        case .guid, .lookup: return GUID.normalize(text)?.databaseValue
        case .integer, .bigInt, .optionSet, .boolean: return Int64(text)?.databaseValue
        case .string: return text.databaseValue
        }
    }

    private static func xmlEscape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Just enough XML for paging cookies: element names and quoted attributes, closing tags skipped.
enum XMLTags {
    struct Tag {
        var name: String
        var attributes: [String: String]
    }

    static func parse(_ text: String) -> [Tag] {
        var tags: [Tag] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("/") {
                rest = rest.drop { $0 != ">" }
                continue
            }
            let name = rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            rest = rest.dropFirst(name.count)
            var attributes: [String: String] = [:]
            while true {
                rest = rest.drop { $0.isWhitespace }
                guard let first = rest.first, first != ">", first != "/" else { break }
                let key = rest.prefix { $0 != "=" && $0 != ">" && !$0.isWhitespace }
                rest = rest.dropFirst(key.count)
                guard rest.hasPrefix("=\"") else { return [] }
                rest = rest.dropFirst(2)
                guard let close = rest.firstIndex(of: "\"") else { return [] }
                attributes[String(key)] = unescape(String(rest[..<close]))
                rest = rest[rest.index(after: close)...]
            }
            tags.append(Tag(name: String(name), attributes: attributes))
        }
        return tags
    }

    private static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}

import Foundation
