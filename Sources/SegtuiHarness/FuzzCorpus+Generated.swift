import Foundation

/// The generated part of the corpus: requests built from the pieces the service parses (OData
/// options, segment queries, write bodies, actions), then cut, repeated or salted with bytes.
extension FuzzCorpus {
    static let filterWords = [
        "msdyncrm_segmentname", "msdyncrm_segmentsize", "statuscode", "modifiedon", "nosuch", "eq", "ne", "gt", "le", "and", "or",
        "not", "(", ")", "'x'", "''", "'", "null", "true", "1", "-1", "1e309", "2026-01-31T00:00:00Z", "contains(", ",",
        "00000000-0000-0000-0000-000000000000", "%", "%00", "%FF", "\u{1B}[2J", "\u{0}",
    ]
    static let queryWords = [
        "PROFILE(contact)", "PROFILE(contact, c)", "PROFILE(account)", "SEGMENT(x)", "SEGMENT('a''b')", ".FILTER(", ".TRAVERSE(",
        "c.fullname", "contact.emailaddress1", "==", "!=", ">", "&&", "||", "!", "(", ")", "'x'", "\"y\"", "null", "1.5.2",
        "UNION", "INTERSECT", "EXCEPT", ".ORDERBY(", ".SKIP(", ".TAKE(", "99999999999", ".SELECT(", "CONTAINS(", ",", "ISNULL(",
        "\\", "\u{0}", "\u{7F}", "é", "\u{202E}",
    ]
    static let bodyKeys = [
        "msdyncrm_segmentname", "msdyncrm_segmenttype", "statuscode", "msdyncrm_description", "msdyncrm_segmentquery",
        "msdyncrm_segmentmemberids", "msdyncrm_segmentid", "name", "@odata.type",
    ]
    static let bodyValues = [
        "\"x\"", "\"\"", "null", "1", "192350000", "192350001", "192350002", "-1", "1e400", "true", "[]", "{}", "\"\\u0000\"",
        "\"\\ud800\"", "\"[\\\"crm00000000-0000-0000-0000-000000000000\\\"]\"", "\"PROFILE(contact)\"", "\"SEGMENT(x)\"",
    ]
    static let resources = [
        "msdyncrm_segments", "contacts", "systemusers", "WhoAmI", "", "msdyncrm_segments(00000000-0000-0000-0000-000000000000)",
        "msdyncrm_segments(nope)", "msdyncrm_FetchContactsByQuery", "msdyncrm_ValidateSegment", "msdyncrm_UpdateSegmentMembers",
        "msdyncrm_segments()", "..%2F..%2Fetc%2Fpasswd", "msdyncrm_segments(00000000-0000-0000-0000-000000000000)/x",
    ]

    mutating func words(_ from: [String], _ count: Int) -> String {
        (0..<count).map { _ in random.item(from) }.joined(separator: " ")
    }

    /// Request `index` of the generated stream.
    mutating func next(_ index: Int) -> Request {
        var request: Request
        switch random.below(7) {
        case 0:
            let option = random.item(["$filter", "$orderby", "$select", "$top", "$count", "$skiptoken", "$expand", "$skip", "$filter"])
            let value = words(Self.filterWords, 1 + random.below(40))
            request = Request(name: "option \(option)", bytes: http("GET", Self.api + random.item(Self.resources) + "?\(option)=" + Self.encode(value)))
        case 1:
            let query = words(Self.queryWords, 1 + random.below(60)).replacingOccurrences(of: "\"", with: "\\\"")
            let action = random.item(["msdyncrm_FetchContactsByQuery", "msdyncrm_ValidateSegment"])
            let body = action == "msdyncrm_ValidateSegment" ? #"{"Segment": {"msdyncrm_segmentquery": "\#(query)"}}"# : #"{"Query": "\#(query)"}"#
            request = Request(name: "query to \(action)", bytes: json("POST", Self.api + action, body))
        case 2, 3:
            var fields: [String] = []
            for _ in 0..<(1 + random.below(6)) { fields.append("\"\(random.item(Self.bodyKeys))\": \(random.item(Self.bodyValues))") }
            let method = random.item(["POST", "PATCH", "PATCH", "DELETE", "PUT"])
            let target = method == "POST" ? "msdyncrm_segments" : "msdyncrm_segments(\(random.item(["00000000-0000-0000-0000-0000000000aa", "00000000-0000-0000-0000-0000000000ab", "x"])))"
            var headers = ["Content-Type: application/json"]
            if random.below(3) == 0 { headers.append("If-Match: " + random.item(["*", "W/\"1\"", "\"\"", "garbage"])) }
            if random.below(3) == 0 { headers.append("Prefer: return=representation") }
            request = Request(name: "\(method) body", bytes: http(method, Self.api + target, headers: headers, body: Data(("{" + fields.joined(separator: ", ") + "}").utf8)))
        case 4:
            let action = random.item(["addByIds", "removeByIds", "addByQuery", "getState", "nonsense"])
            let body = #"{"msdyncrm_segmentid": "00000000-0000-0000-0000-0000000000aa", "msdyncrm_operation": "\#(action)", "msdyncrm_memberids": "[\"x\"]", "msdyncrm_query": "\#(words(Self.queryWords, random.below(20)).replacingOccurrences(of: "\"", with: "'"))"}"#
            request = Request(name: "members \(action)", bytes: json("POST", Self.api + "msdyncrm_UpdateSegmentMembers", body))
        case 5:
            let method = random.item(["GET", "HEAD", "OPTIONS", "DELETE", "PATCH", "POST", "LOCK", "MKCOL", "SEARCH", "QUERY", "get", "G ET"])
            request = Request(name: "method \(method)", bytes: http(method, Self.api + random.item(Self.resources)))
        default:
            let form = random.item(["grant_type=client_credentials&client_id=a&client_secret=", "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=a&device_code=", "client_id=a&scope=", "user_code=&approval_secret=", "grant_type=refresh_token&client_id=a&refresh_token="])
            let path = random.item(["/t/oauth2/v2.0/token", "/t/oauth2/v2.0/devicecode", "/devicelogin", "/segtui/integrity", "/segtui/requests"])
            request = Request(name: "auth \(path)", bytes: http("POST", path, headers: ["Content-Type: application/x-www-form-urlencoded"], body: Data((form + Self.encode(words(Self.filterWords, random.below(5)))).utf8)))
        }
        let whole = request.bytes.count
        request.bytes = mutate(request.bytes)
        request.cutShort = request.bytes.count < whole
        request.name = "#\(index) " + request.name
        return request
    }

    /// Leaves most requests whole; otherwise cuts, repeats or flips bytes of them.
    private mutating func mutate(_ bytes: Data) -> Data {
        var data = bytes
        switch random.below(10) {
        case 0 where data.count > 4:
            data = data.prefix(random.below(data.count))
        case 1:
            for _ in 0..<(1 + random.below(8)) where !data.isEmpty {
                data[data.startIndex + random.below(data.count)] = UInt8(truncatingIfNeeded: random.next())
            }
        case 2 where data.count > 4:
            let cut = random.below(data.count)
            data = data.prefix(cut) + Data(repeating: data[data.startIndex + cut], count: random.below(5000)) + data.dropFirst(cut)
        default:
            break
        }
        return data
    }
}
