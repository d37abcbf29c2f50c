import Segments
import XCTest

/// Contacts whose email finds exactly one contact, so a search for it is unambiguous; fails the
/// test when the demo data has fewer than `count`.
func distinctContacts(_ service: any SegmentService, count: Int, file: StaticString = #filePath, line: UInt = #line)
    throws -> [Contact] {
    var chosen: [Contact] = []
    for contact in try service.searchContacts("", top: 200) where chosen.count < count {
        guard let email = contact.email, !email.isEmpty else { continue }
        if try service.searchContacts(email, top: 5).count == 1 { chosen.append(contact) }
    }
    XCTAssertEqual(chosen.count, count, "the demo data has contacts with distinct emails", file: file, line: line)
    return chosen
}
