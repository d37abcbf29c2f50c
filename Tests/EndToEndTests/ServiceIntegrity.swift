import Dataverse
import Foundation
import SegtuiHarness

/// `GET /segtui/integrity` of a running service: SQLite's integrity check over its database.
/// Returns nil when it passes, else what went wrong.
func integrityProblem(of service: ServiceProcess) -> String? {
    do {
        let response = try CrashRecoveryTests.send(
            URLSessionTransport(timeout: 30), "GET", CrashRecoveryTests.base(service) + "segtui/integrity")
        guard response.status == 200 else { return "status \(response.status)" }
        let json = try JSONValue.parse(response.body)
        return json["ok"]?.boolValue == true ? nil : String(decoding: response.body, as: UTF8.self)
    } catch {
        return "\(error)"
    }
}
