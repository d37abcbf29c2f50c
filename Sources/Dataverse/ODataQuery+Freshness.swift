import Foundation

/// The two cheap questions a live list asks, as query options any entity set answers: what changed
/// since a moment, and which of some records still exist. Written from segment-service.md, "Web API
/// behaviour" ([D] `$filter` with `gt` on a date, `$orderby`, `$top`; at most 500 conditions).
extension ODataQuery {
    /// `filter AND modifiedOn gt <since>`, newest first, `top + 1` rows so that one more than asked
    /// says the answer was cut short. Dates go unquoted, as the Web API writes them ([D]).
    public func changed(since: Date, modifiedOn: String, top: Int) -> ODataQuery {
        var query = self
        query.filter = ODataFilter.and([filter ?? "", "\(modifiedOn) gt \(ODataDate.format(since))"])
        query.orderBy = [(modifiedOn, descending: true)]
        query.top = top + 1
        query.count = false
        return query
    }

    /// `filter AND (key eq a or key eq b ...)` with only `columns` selected, unordered and uncounted.
    /// GUIDs go unquoted, as Edm.Guid literals do ([D]).
    public func versions(of ids: [String], key: String, columns: [String]) -> ODataQuery {
        var query = self
        query.filter = ODataFilter.and([filter ?? "", ODataFilter.anyOf(key, ids)])
        query.select = columns
        query.orderBy = []
        query.top = nil
        query.count = false
        return query
    }
}

extension ODataFilter {
    /// `key eq a or key eq b ...` for GUID values (unquoted).
    public static func anyOf(_ key: String, _ guids: [String]) -> String {
        guids.map { "\(key) eq \($0)" }.joined(separator: " or ")
    }

    /// Ids to ask about in one `$filter`: GUIDs only (anything else would go into the filter
    /// unquoted), lowercased, each once, in the order given.
    public static func uniqueGUIDs(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for id in ids.map({ $0.lowercased() }) where isGUID(id) && seen.insert(id).inserted { result.append(id) }
        return result
    }

    static func isGUID(_ text: String) -> Bool { UUID(uuidString: text) != nil }
}
