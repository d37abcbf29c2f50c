import Dataverse
import Foundation
import SegtuiHarness
import TestSupport
import XCTest

/// Issue 15, "Proof": a corpus of malformed requests (hand-written nasty ones and 300 generated
/// from a seed) sent to the real `segtui serve`. Not one 5xx, no crash, every error in the OData
/// shape, and the database passes `PRAGMA integrity_check` afterwards.
final class FuzzEndToEndTests: XCTestCase {
    func testMalformedRequestsNeverBringTheServiceDown() throws {
        let work = temporaryDirectory("fuzz")
        let service = try ServiceProcess(
            binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("fuzz.sqlite").path,
            arguments: ["--seed-segments", "30", "--seed-contacts", "200", "--lifecycle-delay", "0.05"])
        defer { service.stop() }
        let port = service.baseURL.port!
        var corpus = FuzzCorpus(host: "127.0.0.1", port: port, seed: 15)
        let requests = corpus.requests(generated: 300)
        XCTAssertGreaterThan(requests.count, 330)
        let run = FuzzRun.run(requests, host: "127.0.0.1", port: port)
        XCTAssertEqual(run.tried, requests.count)
        XCTAssertEqual(run.serverErrors, [], "5xx answers")
        XCTAssertEqual(run.unanswered, [], "whole requests without an answer")
        XCTAssertEqual(run.misshapen, [], "errors outside the OData error shape")
        XCTAssertTrue(service.isRunning, "no crash: \(service.output.suffix(2000))")
        let transport = URLSessionTransport(timeout: 30)
        let whoAmI = try transport.send(HTTPRequest(method: "GET", url: service.baseURL.appendingPathComponent("api/data/v9.2/WhoAmI"), headers: [:], body: nil))
        XCTAssertEqual(whoAmI.status, 200)
        let integrity = try transport.send(HTTPRequest(method: "GET", url: service.baseURL.appendingPathComponent("segtui/integrity"), headers: [:], body: nil))
        XCTAssertEqual(try JSONValue.parse(integrity.body)["ok"], .bool(true), String(decoding: integrity.body, as: UTF8.self))
    }
}
