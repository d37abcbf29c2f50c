import Foundation

/// The query string of a request, percent-decoded once. System options (`$filter`, ...) may
/// appear at most once, as in Dataverse.
struct QueryParameters: Sendable {
    private(set) var values: [String: String] = [:]

    init(values: [String: String] = [:]) {
        self.values = values
    }

    init(rawQuery: String?) throws(ServiceError) {
        guard let rawQuery, !rawQuery.isEmpty else { return }
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { throw .badRequest("The query string is not correctly percent-encoded.") }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            guard let value else { throw .badRequest("The value of '\(name)' is not correctly percent-encoded.") }
            if name.hasPrefix("$"), values[name] != nil {
                throw .badRequest("Query option '\(name)' was specified more than once, but it must be specified at most once.")
            }
            values[name] = value
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// `+` is a space in a query string (as ASP.NET reads it); a literal plus arrives as `%2B`.
    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

enum PercentEncoding {
    /// Characters left readable in query values of links we build; everything else is encoded.
    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~,()'*:@!$/=")
        return set
    }()

    private static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }

    /// Everything but unreserved characters, with lowercase hex as in Dataverse's paging cookies.
    static func strictLowercase(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, unreserved.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(byte, radix: 16).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
