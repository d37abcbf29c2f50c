import Dataverse
import Foundation
import Segments
import XCTest

/// A URL that answers, but not as Dataverse does, is said to be so, not taken for a missing
/// segment (issue 12, bug 12).
final class NotDataverseTests: XCTestCase {
    private func listing(_ reply: HTTPResponse) -> SegmentServiceError? {
        let client = DataverseClient(organization: URL(string: "https://example.org")!, transport: RecordingTransport(replies: [reply]))
        do {
            _ = try OutboundSegmentService(client: client).firstPage(SegmentListQuery(pageSize: 2))
            return nil
        } catch {
            return error
        }
    }

    func testABare404IsNotDataverseAndADataverse404IsNotFound() {
        let web = listing(HTTPResponse(status: 404, headers: ["Content-Type": "text/html"], body: Data("<html>Not Found</html>".utf8)))
        guard case .notDataverse? = web else { return XCTFail("a web page's 404: \(String(describing: web))") }
        XCTAssertTrue(web?.description.contains("does not answer") == false && web?.description.contains("Dataverse") == true)
        let missing = listing(json(404, #"{"error":{"code":"0x80040217","message":"msdyncrm_segment With Id = x Does Not Exist"}}"#))
        guard case .notFound? = missing else { return XCTFail("Dataverse's own 404: \(String(describing: missing))") }
    }
}
