import Dataverse
import Foundation
import TestSupport
import XCTest

@testable import SegmentServer

/// A server on a temporary database, and blocking HTTP helpers over real loopback.
final class TestServer {
    let directory: URL
    let databasePath: String
    private(set) var server: RunningSegmentServer
    let transport = URLSessionTransport(timeout: 20)

    private let configure: (inout SegmentServerConfiguration) -> Void

    init(segments: Int? = nil, contacts: Int? = nil, configure: @escaping (inout SegmentServerConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("segtui-tests-\(UUID().uuidString)")
        databasePath = directory.appendingPathComponent("nested/dir/test.sqlite").path
        self.configure = configure
        var configuration = SegmentServerConfiguration(databasePath: databasePath, seedSegments: segments, seedContacts: contacts)
        configuration.lifecycleDelay = 0.2
        // Both APIs unless a test says otherwise: the outbound tests predate journeys.
        configuration.api = .both
        configure(&configuration)
        server = try SegmentServer.start(configuration)
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops and starts again on the same database file, serving `api` if given (else as before).
    func restart(segments: Int? = nil, contacts: Int? = nil, api: ServedAPI? = nil) throws {
        server.stop()
        var configuration = SegmentServerConfiguration(databasePath: databasePath, seedSegments: segments, seedContacts: contacts)
        configuration.lifecycleDelay = 0.2
        configuration.api = .both
        configure(&configuration)
        if let api { configuration.api = api }
        server = try SegmentServer.start(configuration)
    }

    var root: String { server.baseURL.absoluteString + "api/data/v9.2/" }

    static let standardHeaders = ["Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0"]

    func send(
        _ method: String, _ pathOrURL: String, body: String? = nil, headers: [String: String] = [:]
    ) throws -> HTTPResponse {
        let text = pathOrURL.hasPrefix("http") ? pathOrURL : root + pathOrURL
        guard let url = URL(string: text) else { throw DataverseError.invalidRequest("bad URL \(text)") }
        var all = Self.standardHeaders.merging(headers) { $1 }
        if body != nil { all["Content-Type"] = "application/json" }
        return try transport.send(HTTPRequest(method: method, url: url, headers: all, body: body.map { Data($0.utf8) }))
    }

    func get(_ pathOrURL: String, headers: [String: String] = [:]) throws -> HTTPResponse {
        try send("GET", pathOrURL, headers: headers)
    }

    /// GETs and parses JSON, failing the test on a status other than `expect`.
    func getJSON(_ pathOrURL: String, headers: [String: String] = [:], expect: Int = 200, file: StaticString = #filePath, line: UInt = #line)
        throws -> JSONValue
    {
        let response = try get(pathOrURL, headers: headers)
        XCTAssertEqual(response.status, expect, String(decoding: response.body, as: UTF8.self), file: file, line: line)
        return try JSONValue.parse(response.body)
    }

    /// Follows `@odata.nextLink` until the end; returns every row and the number of pages.
    func pageAll(_ path: String, pageSize: Int, between: (Int) throws -> Void = { _ in }) throws -> (rows: [JSONValue], pages: Int) {
        var rows: [JSONValue] = []
        var link: String? = path
        var pages = 0
        while let next = link {
            let json = try getJSON(next, headers: ["Prefer": "odata.maxpagesize=\(pageSize)"])
            let page = json["value"]?.arrayValue ?? []
            XCTAssertLessThanOrEqual(page.count, pageSize)
            rows += page
            pages += 1
            link = json["@odata.nextLink"]?.stringValue
            if link != nil { try between(pages) }
            XCTAssertLessThan(pages, 10_000, "paging does not end")
            if pages >= 10_000 { break }
        }
        return (rows, pages)
    }

    static func errorParts(_ response: HTTPResponse) -> (code: String?, message: String?) {
        let json = try? JSONValue.parse(response.body)
        return (json?["error"]?["code"]?.stringValue, json?["error"]?["message"]?.stringValue)
    }
}

func percent(_ text: String) -> String {
    ODataQuery.encode(text)
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}

/// `12408` → `12,408`, written independently of the server's formatter.
func grouped(_ value: Int) -> String {
    let formatter = NumberFormatter()
    formatter.locale = Locale(identifier: "en_US")
    formatter.numberStyle = .decimal
    return formatter.string(from: NSNumber(value: value)) ?? ""
}

extension TestServer {
    /// Polls `condition` until it holds or `seconds` pass; no fixed sleeps.
    func waitUntil(_ seconds: Double = 10, _ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool) rethrows {
        try TestSupport.waitUntil(what, within: seconds, poll: 0.02, file: file, line: line, condition)
    }

    func segment(_ id: String, select: String = "") throws -> JSONValue {
        try getJSON("msdyncrm_segments(\(id))" + (select.isEmpty ? "" : "?$select=" + select))
    }

    /// The id of the demo segment called `name`.
    func segmentId(named name: String) throws -> String {
        let json = try getJSON("msdyncrm_segments?$select=msdyncrm_segmentname&$filter=" + percent("msdyncrm_segmentname eq " + ODataFilter.literal(name)))
        return json["value"]![0]!["msdyncrm_segmentid"]!.stringValue!
    }

    func post(_ path: String, _ body: String, headers: [String: String] = [:]) throws -> HTTPResponse {
        try send("POST", path, body: body, headers: headers)
    }

    func patch(_ path: String, _ body: String, headers: [String: String] = [:]) throws -> HTTPResponse {
        try send("PATCH", path, body: body, headers: headers)
    }

    func contactIds(_ count: Int) throws -> [String] {
        let json = try getJSON("contacts?$select=contactid&$orderby=contactid&$top=\(count)")
        return json["value"]!.arrayValue!.map { $0["contactid"]!.stringValue! }
    }
}

/// Runs `count` blocking jobs on their own threads at once (concurrentPerform would run only as
/// many as there are cores) and waits for all of them.
func onThreads(_ count: Int, _ job: @escaping @Sendable (Int) -> Void) {
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            job(index)
            done.leave()
        }
        thread.start()
    }
    done.wait()
}
