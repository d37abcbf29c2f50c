import Dataverse
import Foundation

/// Reading people (contacts, and leads for journeys) over the Web API, for both adapters: the
/// picker's search, and names for member ids. Standard Dataverse tables, not segment wire.
struct PeopleDirectory: Sendable {
    let client: DataverseClient

    /// Ids a `$filter` lists at once: 100 `contactid eq <guid>` clauses stay far under Dataverse's
    /// 500 conditions and 32 KB URLs.
    static let idsPerRequest = 100

    /// Contacts whose name or email contains `text`, by name.
    func searchContacts(_ text: String, top: Int) throws(DataverseError) -> [Contact] {
        var filter: String?
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty {
            filter = "\(ODataFilter.contains(Contact.Attribute.fullName, trimmed)) or \(ODataFilter.contains(Contact.Attribute.email, trimmed))"
        }
        let query = ODataQuery(select: Contact.Attribute.listed, filter: filter, orderBy: [(Contact.Attribute.fullName, descending: false)], top: top)
        let page = try client.firstPage(of: Contact.Attribute.entitySet, query: query, pageSize: top)
        var contacts: [Contact] = []
        for record in page.records { contacts.append(try Contact(record: record)) }
        return contacts
    }

    /// The people `ids` name in `base`'s table, in the order of `ids`; an id whose record is gone
    /// (or not a GUID) keeps an empty name rather than vanishing from the page.
    func people(_ ids: [String], in base: BaseEntity) throws(DataverseError) -> [Contact] {
        let key = base.logicalName + "id"
        var found: [String: Contact] = [:]
        let valid = ids.filter(SegmentResolver.isGUID)
        for start in stride(from: 0, to: valid.count, by: Self.idsPerRequest) {
            let chunk = valid[start..<min(valid.count, start + Self.idsPerRequest)]
            // Edm.Guid literals go unquoted; each id was checked to be a GUID above.
            let filter = chunk.map { "\(key) eq \($0)" }.joined(separator: " or ")
            let query = ODataQuery(select: [key, "fullname", "emailaddress1", "jobtitle"], filter: filter)
            let page = try client.firstPage(of: base.logicalName + "s", query: query, pageSize: chunk.count)
            for record in page.records {
                guard let id = record.string(key)?.lowercased() else { continue }
                found[id] = Contact(id: id, fullName: record.string("fullname") ?? "", email: record.string("emailaddress1"),
                                    jobTitle: record.string("jobtitle"))
            }
        }
        return ids.map { found[$0.lowercased()] ?? Contact(id: $0.lowercased(), fullName: "") }
    }
}
