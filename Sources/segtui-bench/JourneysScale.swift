import Dataverse
import Foundation
import SegtuiHarness

/// The real-time journeys figures of `segtui-bench scale` (issue 11), on the same seeded service:
/// - a page of 5,000 ids of the seeded 200,000-member group through `msdynmkt_ListGroupMembers`,
///   p50/p90 over pages spread through the group (target: p50 under 20 ms);
/// - publishing a dynamic segment over every contact, from the publish request until the
///   definition is Live (the service runs with no lifecycle delay, so this is the evaluation and
///   its writes; target: under 2 s).
/// The requests are written here from reference/journeys-segment-service.md §3: the client does
/// not speak journeys yet.
enum JourneysScaleBench {
    /// The seed's sixth journeys segment holds a fifth of the contacts (at most 200,000) in one group.
    static let bigGroupSegment = "Imported list"

    static func run(service: ServiceProcess, transport: URLSessionTransport) throws {
        let root = service.baseURL.appendingPathComponent("api/data/v9.2").absoluteString + "/"
        let headers = ["Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0", "Content-Type": "application/json"]
        func get(_ path: String) throws -> JSONValue {
            try JSONValue.parse(ScaleBench.send(transport, HTTPRequest(method: "GET", url: try ScaleBench.parse(root + path), headers: headers)).body)
        }
        func post(_ path: String, _ body: JSONValue) throws -> HTTPResponse { try post(path, body: body.jsonData()) }
        func post(_ path: String, body: Data) throws -> HTTPResponse {
            let response = try transport.send(HTTPRequest(method: "POST", url: try ScaleBench.parse(root + path), headers: headers, body: body))
            guard (200..<300).contains(response.status) else {
                throw DataverseError.malformedReply("POST \(path): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
            }
            return response
        }

        let found = try get("msdynmkt_segments?$select=msdynmkt_sourcesegmentuid&$filter=" + ODataQuery.encode("msdynmkt_displayname eq '\(bigGroupSegment)'"))
        guard let row = found["value"]?.arrayValue?.first, let segmentId = row["msdynmkt_segmentid"]?.stringValue,
            let definitionId = row["msdynmkt_sourcesegmentuid"]?.stringValue
        else { throw DataverseError.malformedReply("no journeys segment named \(bigGroupSegment)") }
        let definition = try get("msdynmkt_segmentdefinitions(\(definitionId))?$select=msdynmkt_staticlistmembers")
        let groups = try JSONValue.parse(Data((definition["msdynmkt_staticlistmembers"]?.stringValue ?? "[]").utf8))
        guard let groupId = groups.arrayValue?.first?["groupId"]?.stringValue else { throw DataverseError.malformedReply("no group") }
        // A page is timed from the request sent to the whole reply read, the service's latency as
        // a client sees it. Taking the ids out of the reply (JSON inside a JSON string) is the
        // client's own work: it is done after the clock stops, and every page is checked.
        func page(_ number: Int) throws -> (ids: Int, milliseconds: Double) {
            let body = JSONValue.object([
                "SegmentId": .string(segmentId), "GroupId": .string(groupId), "PageNo": .number(Double(number)), "PageSize": .number(5000),
            ]).jsonData()
            let start = ContinuousClock.now
            let response = try post("msdynmkt_ListGroupMembers", body: body)
            let elapsed = milliseconds(ContinuousClock.now - start)
            let reply = try JSONValue.parse(response.body)
            let inner = try JSONValue.parse(Data((reply["Response"]?.stringValue ?? "").utf8))
            return (inner["entityIds"]?.arrayValue?.count ?? 0, elapsed)
        }
        var size = 0
        var number = 1
        while true {
            let count = try page(number).ids
            size += count
            if count < 5000 { break }
            number += 1
        }
        let pages = max(1, number)
        let times = try ScaleBench.measureEach { index in
            let number = 1 + index * 7 % pages
            let (count, elapsed) = try page(number)
            let expected = number < pages ? 5000 : size - (pages - 1) * 5000
            guard count == expected else { throw DataverseError.malformedReply("page \(number) held \(count) ids, not \(expected)") }
            return elapsed
        }
        print(
            "  journeys: ListGroupMembers page of 5,000 from a \(ScaleBench.grouped(size))-member group: \(ScaleBench.summary(times))"
                + "  (target: p50 under 20 ms)  [load \(ScaleBench.loadAverage())]")

        let created = try post(
            "msdynmkt_segmentdefinitions",
            .object([
                "msdynmkt_name": .string("Bench dynamic"),
                "msdynmkt_segmentquery": .string("PROFILE(contact).FILTER(CONTAINS(emailaddress1, 'gmail') || ISNULL(telephone1))"),
            ]))
        guard let entity = created.header("OData-EntityId"), let open = entity.lastIndex(of: "(") else { throw DataverseError.malformedReply("no id") }
        let newDefinition = String(entity[entity.index(after: open)..<entity.index(before: entity.endIndex)])
        let segmentReply = try post(
            "msdynmkt_segments",
            .object([
                "msdynmkt_displayname": .string("Bench dynamic"), "msdynmkt_type": .number(11), "msdynmkt_source": .number(12),
                "msdynmkt_baseentitylogicalname": .string("contact"), "msdynmkt_sourcesegmentuid": .string(newDefinition),
            ]))
        guard let segmentEntity = segmentReply.header("OData-EntityId"), let segmentOpen = segmentEntity.lastIndex(of: "(") else {
            throw DataverseError.malformedReply("no segment id")
        }
        let newSegment = String(segmentEntity[segmentEntity.index(after: segmentOpen)..<segmentEntity.index(before: segmentEntity.endIndex)])
        let start = ContinuousClock.now
        _ = try post("msdynmkt_PublishSegmentDefinition", .object(["SegmentId": .string(newSegment)]))
        var status = 0
        while status != 723_270_000 && status != 723_270_004 {
            status = try get("msdynmkt_segmentdefinitions(\(newDefinition))?$select=statuscode")["statuscode"]?.intValue ?? 0
            if ContinuousClock.now - start > .seconds(120) { throw DataverseError.malformedReply("publish did not finish in 120 s") }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let elapsed = milliseconds(ContinuousClock.now - start) / 1000
        let count = try get("msdynmkt_segments(\(newSegment))?$select=msdynmkt_membercount")["msdynmkt_membercount"]?.intValue ?? 0
        print(
            "  journeys: publish → Live of a dynamic segment over every contact (\(ScaleBench.grouped(count)) members): "
                + "\(String(format: "%.2f", elapsed)) s  (target: evaluation under 2 s)  [load \(ScaleBench.loadAverage())]")
    }
}
