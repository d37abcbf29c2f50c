import Dataverse
import Foundation
import Segments
import SegtuiHarness

/// `segtui-bench scale [--api journeys|outbound|both] [segments] [contacts]`: the scale figures of
/// the segment service (issues 3 and 11), against `segtui serve --api ...` over loopback HTTP.
/// Defaults: journeys (the API of every organisation since May 2026), 100,000 segments and
/// 1,000,000 contacts. Each figure is printed with the load average at the time: the machine is shared.
///
/// - seeding them, from process start to `listening on` (target: under a minute); the service
///   seeds only the API it serves, so the time is that API's seed plus the shared contacts;
/// - journeys (JourneysScale.swift): a ListGroupMembers page, and a publish over every contact;
/// - outbound (`--api outbound` or `both`): the first page of the list filtered by `contains` on the
///   name, ordered by `modifiedon` (the request segtui itself sends), p50/p90 of 200 (target: p50
///   under 20 ms); a page of 50 members of the seeded 100,000-member static segment through
///   `msdyncrm_FetchContactsByQuery` (the request segtui itself sends), p50/p90 of 200 pages
///   through the first 10,000 members, then of pages spread over the whole segment (target: p50
///   under 20 ms).
enum ScaleBench {
    static let requests = 200
    static let warmUp = 10
    /// The seed makes its sixth segment, "Spring webinar attendees", static with a tenth of the
    /// contacts (at most 100,000) as members.
    static let bigStaticSegment = "Spring webinar attendees"

    static func run(binary: String, work: URL, arguments: [String]) throws {
        var api = "journeys"
        var numbers: [Int] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--api", let value = rest.popFirst(), ["journeys", "outbound", "both"].contains(value) {
                api = value
            } else if let number = Int(argument) {
                numbers.append(number)
            } else {
                print("usage: segtui-bench scale [--api journeys|outbound|both] [segments] [contacts]")
                exit(2)
            }
        }
        let segmentCount = numbers.first ?? 100_000
        let contactCount = numbers.dropFirst().first ?? 1_000_000
        print(
            "segtui-bench scale --api \(api): \(grouped(segmentCount)) segments, \(grouped(contactCount)) contacts, "
                + "\(requests) requests a figure; \(ProcessInfo.processInfo.activeProcessorCount) cores, shared with other builds")

        let databasePath = work.appendingPathComponent("scale.sqlite").path
        let loadBefore = loadAverage()
        let seedStart = ContinuousClock.now
        let service = try ServiceProcess(
            binary: binary, databasePath: databasePath,
            arguments: [
                // No lifecycle delay, so that a publish lands as soon as it is evaluated.
                "--api", api, "--seed-segments", String(segmentCount), "--seed-contacts", String(contactCount), "--lifecycle-delay", "0",
            ], timeout: 1800)
        defer { service.stop() }
        let seeding = milliseconds(ContinuousClock.now - seedStart) / 1000
        let size = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0
        print(
            "  seed and start (process start → listening): \(String(format: "%.1f", seeding)) s, \(size / 1_048_576) MB"
                + "  (target: under 60 s)  [load \(loadBefore) before, \(loadAverage()) after]")

        let transport = URLSessionTransport(timeout: 120)
        if api != "outbound" { try JourneysScaleBench.run(service: service, transport: transport) }
        if api != "journeys" { try outboundFigures(service: service, transport: transport) }
    }

    /// The load average over 1, 5 and 15 minutes (/proc/loadavg), or "?" where there is none.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// The outbound API's figures (issue 3), on a service that serves it.
    static func outboundFigures(service: ServiceProcess, transport: URLSessionTransport) throws {
        let client = DataverseClient(organization: service.baseURL)

        // The list's first page, filtered by a few words of the seeded names in turn.
        let words = ["berlin", "webinar", "são paulo", "q3 2026", "vip"]
        var matches: [String: Int] = [:]
        let listHeaders = client.standardHeaders(prefer: ["odata.maxpagesize=50", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\""])
        let filtered = try measure { index in
            let word = words[index % words.count]
            let query = OutboundSegmentService.odataQuery(for: SegmentListQuery(nameContains: word, sortKey: .modifiedOn, descending: true))
            let url = client.serviceRoot.absoluteString + SegmentAttribute.entitySet + "?" + query.queryString
            let response = try send(transport, HTTPRequest(method: "GET", url: try parse(url), headers: listHeaders))
            if matches[word] == nil { matches[word] = try JSONValue.parse(response.body)["@odata.count"]?.intValue ?? -1 }
        }
        let counted = words.map { "\($0) \(grouped(matches[$0] ?? 0))" }.joined(separator: ", ")
        print("  outbound: first page, contains(name) by modifiedon desc, $count: \(summary(filtered))  (target: p50 under 20 ms)  [load \(loadAverage())]")
        print("      matches: \(counted)")

        // Pages of the big static segment's members, in name order.
        let segment = try OutboundSegmentService(client: client).firstPage(SegmentListQuery(nameEquals: bigStaticSegment)).segments.first
        guard let segment else {
            print("segtui-bench: no segment named \(bigStaticSegment)")
            exit(1)
        }
        let queryName = segment.queryName ?? SegmentActionWire.queryName(forSegmentId: segment.id)
        let actionURL = try parse(client.serviceRoot.absoluteString + SegmentActionWire.fetchContacts)
        var actionHeaders = client.standardHeaders()
        actionHeaders["Content-Type"] = "application/json"
        var total = 0
        func page(skip: Int) throws {
            let body = JSONValue.object(
                SegmentActionWire.fetchContactsRequest(
                    query: SegmentActionWire.fetchQuery(queryName: queryName, skip: skip, take: 50), skip: skip, take: 50))
            let response = try send(transport, HTTPRequest(method: "POST", url: actionURL, headers: actionHeaders, body: body.jsonData()))
            let reply = try SegmentActionWire.decodeFetch(try JSONValue.parse(response.body))
            total = reply.total
            guard reply.contacts.count == min(50, max(0, reply.total - skip)) else {
                throw DataverseError.malformedReply("a page at \(skip) with \(reply.contacts.count) members of \(reply.total)")
            }
        }
        let first = try measure { index in try page(skip: index * 50) }
        print(
            "  outbound: member page (50, by fullname) of a \(grouped(total))-member static segment, first 10,000: \(summary(first))"
                + "  (target: p50 under 20 ms)  [load \(loadAverage())]")
        let spread = try measure { index in try page(skip: (index * 7919 % max(1, total / 50)) * 50) }
        print("  outbound: member page, anywhere in the segment: \(summary(spread))  (target: p50 under 20 ms)  [load \(loadAverage())]")
    }

    /// Runs `body` `warmUp` times unmeasured, then `requests` times; the times in milliseconds.
    static func measure(_ body: (Int) throws -> Void) throws -> [Double] {
        for index in 0..<warmUp { try body(index) }
        var times: [Double] = []
        times.reserveCapacity(requests)
        for index in 0..<requests {
            let start = ContinuousClock.now
            try body(index)
            times.append(milliseconds(ContinuousClock.now - start))
        }
        return times
    }

    /// As `measure`, for a body that times itself (to leave out work that is not the figure's).
    static func measureEach(_ body: (Int) throws -> Double) throws -> [Double] {
        for index in 0..<warmUp { _ = try body(index) }
        return try (0..<requests).map { index in try body(index) }
    }

    static func send(_ transport: URLSessionTransport, _ request: HTTPRequest) throws -> HTTPResponse {
        let response = try transport.send(request)
        guard response.status == 200 else {
            throw DataverseError.malformedReply("\(request.method) \(request.url): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return response
    }

    static func parse(_ text: String) throws -> URL {
        guard let url = URL(string: text) else { throw DataverseError.invalidRequest("bad URL \(text)") }
        return url
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.down)))]
    }

    static func summary(_ values: [Double]) -> String {
        "p50 \(format(percentile(values, 0.5))) ms, p90 \(format(percentile(values, 0.9))) ms"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
