import Dataverse
import Foundation
import XCTest

@testable import SegmentServer

/// Helpers for the real-time journeys API, over real HTTP like the rest.
extension TestServer {
    /// A journeys-only server, as a 2026 organisation.
    static func journeys(segments: Int? = nil, contacts: Int? = nil) throws -> TestServer {
        try TestServer(segments: segments, contacts: contacts) { $0.api = .journeys }
    }

    func json(_ value: [String: JSONValue]) -> String {
        String(decoding: JSONValue.object(value).jsonData(), as: UTF8.self)
    }

    /// The id in `OData-EntityId` of a 204 create, failing the test otherwise.
    func created(_ response: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        XCTAssertEqual(response.status, 204, String(decoding: response.body, as: UTF8.self), file: file, line: line)
        let header = try XCTUnwrap(response.header("OData-EntityId"), file: file, line: line)
        let open = try XCTUnwrap(header.lastIndex(of: "("))
        return String(header[header.index(after: open)..<header.index(before: header.endIndex)])
    }

    static func groupsText(_ groups: [(id: String, include: Bool)]) -> String {
        let items = groups.map { group -> JSONValue in
            .object([
                "groupId": .string(group.id), "includeType": .string(group.include ? "Include" : "Exclude"),
                "name": .string(group.include ? "In" : "Out"), "inputType": .string("manualSelect"),
            ])
        }
        return String(decoding: JSONValue.array(items).jsonData(), as: UTF8.self)
    }

    /// A definition and the segment pointing at it, created as the docs show (§3).
    func createPair(
        name: String, query: String?, groups: [(id: String, include: Bool)] = [], base: String = "contact",
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> (definition: String, segment: String) {
        var definition: [String: JSONValue] = [
            "msdynmkt_name": .string(name), "statecode": .number(0), "statuscode": .number(723_270_001),
            "msdynmkt_disablesegmentrefresh": .bool(false), "msdynmkt_segmentrefreshintervalminutes": .number(15),
            "msdynmkt_segmentquery": .string(query ?? ""),
        ]
        if !groups.isEmpty { definition["msdynmkt_staticlistmembers"] = .string(Self.groupsText(groups)) }
        let definitionId = try created(try post("msdynmkt_segmentdefinitions", json(definition)), file: file, line: line)
        let segment: [String: JSONValue] = [
            "msdynmkt_displayname": .string(name), "msdynmkt_type": .number(query == nil ? 10 : 11), "msdynmkt_source": .number(12),
            "msdynmkt_baseentitylogicalname": .string(base), "statecode": .number(1), "statuscode": .number(2),
            "msdynmkt_sourcesegmentuid": .string(definitionId),
        ]
        return (definitionId, try created(try post("msdynmkt_segments", json(segment)), file: file, line: line))
    }

    /// `ResultText` (or `Response`) of an action, parsed.
    func actionText(_ action: String, _ body: [String: JSONValue], field: String = "ResultText", file: StaticString = #filePath, line: UInt = #line)
        throws -> JSONValue
    {
        let response = try post(action, json(body))
        XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self), file: file, line: line)
        let text = try XCTUnwrap(JSONValue.parse(response.body)[field]?.stringValue, file: file, line: line)
        return try JSONValue.parse(Data(text.utf8))
    }

    /// The members MembersList reports, sorted.
    func membersList(_ segmentId: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let result = try actionText("msdynmkt_MembersList", ["SegmentId": .string(segmentId)], file: file, line: line)
        return (result["members"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
    }

    /// Ids of `entitySet` matching an OData filter, sorted: the independent expectation for MQL.
    func ids(_ entitySet: String, key: String, filter: String?) throws -> [String] {
        var path = "\(entitySet)?$select=\(key)"
        if let filter { path += "&$filter=" + percent(filter) }
        return try pageAll(path, pageSize: 5000).rows.compactMap { $0[key]?.stringValue }.sorted()
    }

    func journeySegment(_ id: String) throws -> JSONValue { try getJSON("msdynmkt_segments(\(id))") }
    func definition(_ id: String) throws -> JSONValue { try getJSON("msdynmkt_segmentdefinitions(\(id))") }

    /// The seeded journeys segment called `name`, and its definition.
    func journeyPair(named name: String) throws -> (definition: String, segment: String) {
        let json = try getJSON("msdynmkt_segments?$select=msdynmkt_sourcesegmentuid&$filter=" + percent("msdynmkt_displayname eq " + ODataFilter.literal(name)))
        let row = try XCTUnwrap(json["value"]?[0])
        return (row["msdynmkt_sourcesegmentuid"]!.stringValue!, row["msdynmkt_segmentid"]!.stringValue!)
    }

    func definitionStatus(_ id: String) throws -> Int? {
        try getJSON("msdynmkt_segmentdefinitions(\(id))?$select=statuscode")["statuscode"]?.intValue
    }

    func publish(_ segmentId: String) throws -> HTTPResponse {
        try post("msdynmkt_PublishSegmentDefinition", json(["SegmentId": .string(segmentId)]))
    }

    func waitForStatus(_ definitionId: String, _ status: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitUntil(15, "definition status \(status)", file: file, line: line) { try definitionStatus(definitionId) == status }
    }

    func stop(_ segmentIds: [String]) throws -> [JSONValue] {
        let response = try post("msdynmkt_StopSegments", json(["SegmentIdList": .array(segmentIds.map(JSONValue.string))]))
        XCTAssertEqual(response.status, 200, String(decoding: response.body, as: UTF8.self))
        return try JSONValue.parse(response.body)["stopSingleSegmentResults"]?.arrayValue ?? []
    }
}
