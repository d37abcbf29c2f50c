import Dataverse
import Foundation
import Segments
import SegtuiHarness
import TestSupport
import XCTest

/// `segtui create` checks a query as the editor does (issue 12, bug 3): a query the service
/// cannot evaluate is refused with exit 1 and the position, before anything is created.
final class CreateValidationCommandTests: XCTestCase {
    func testCreateRefusesAQueryTheServiceCannotEvaluate() throws {
        let work = temporaryDirectory("create-validation")
        let server = try ServiceProcess(binary: BuiltProducts.segtui, databasePath: work.appendingPathComponent("cmd.sqlite").path)
        defer { server.stop() }
        let client = OutboundSegmentService(client: DataverseClient(organization: server.baseURL))
        let name = "Broken query \(UUID().uuidString.prefix(6))"

        let refused = try runProgram(BuiltProducts.segtui, [
            "create", "--name", name, "--type", "dynamic", "--query", "PROFILE(contact).FILTER(", "--url", server.baseURL.absoluteString,
        ])
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.output.contains("The query is not valid, nothing was created"), refused.output)
        XCTAssertTrue(refused.output.contains("(at "), "the message gives the position: \(refused.output)")
        XCTAssertTrue(try client.firstPage(SegmentListQuery(nameContains: name)).segments.isEmpty, "nothing was created")

        let created = try runProgram(BuiltProducts.segtui, [
            "create", "--name", name, "--type", "dynamic", "--query", "PROFILE(contact)", "--url", server.baseURL.absoluteString,
        ])
        XCTAssertEqual(created.status, 0, created.output)
        XCTAssertEqual(try client.firstPage(SegmentListQuery(nameContains: name)).segments.count, 1)
    }
}
