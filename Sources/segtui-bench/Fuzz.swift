import Foundation
import SegtuiHarness

/// `segtui-bench fuzz [seed] [generated]`: the malformed-request corpus against `segtui serve`,
/// printed as requests tried, 5xx answers, crashes and the database's integrity afterwards.
/// Targets: 0 5xx, 0 crashes, integrity ok.
enum FuzzBench {
    static func run(binary: String, work: URL, arguments: [String]) throws {
        let seed = arguments.first.flatMap(UInt64.init) ?? 15
        let generated = arguments.dropFirst().first.flatMap(Int.init) ?? 300
        let service = try ServiceProcess(
            binary: binary, databasePath: work.appendingPathComponent("fuzz.sqlite").path,
            arguments: ["--seed-segments", "30", "--seed-contacts", "200", "--lifecycle-delay", "0.05"])
        defer { service.stop() }
        let port = service.baseURL.port!
        var corpus = FuzzCorpus(host: "127.0.0.1", port: port, seed: seed)
        let requests = corpus.requests(generated: generated)
        let started = ContinuousClock.now
        let result = FuzzRun.run(requests, host: "127.0.0.1", port: port)
        let elapsed = ContinuousClock.now - started
        let crashes = service.isRunning ? 0 : 1
        var integrity = "not checked (the service is down)"
        if crashes == 0 {
            let answer = RawHTTP.exchange(
                host: "127.0.0.1", port: port,
                request: Data("GET /segtui/integrity HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            integrity = String(decoding: answer.body, as: UTF8.self).contains(#""ok":true"#) ? "ok" : "FAILED: \(String(decoding: answer.body, as: UTF8.self))"
        }
        print("fuzz (seed \(seed)): \(result.tried) requests tried (\(requests.count - generated) hand-written, \(generated) generated) in \(elapsed.components.seconds) s")
        print("  5xx answers:            \(result.serverErrors.count)   (target 0)")
        print("  crashes:                \(crashes)   (target 0)")
        print("  unanswered whole ones:  \(result.unanswered.count)   (target 0)")
        print("  errors not OData-shaped: \(result.misshapen.count)   (target 0)")
        print("  integrity_check:        \(integrity)")
        for line in (result.serverErrors + result.unanswered + result.misshapen).prefix(20) { print("    " + line) }
    }
}
