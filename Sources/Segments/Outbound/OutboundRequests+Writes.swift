import Dataverse
import Foundation

extension OutboundRequests {
    public func create(_ draft: SegmentDraft) throws(DataverseError) -> String {
        typealias A = SegmentAttribute
        var fields: [String: JSONValue] = [
            A.name: .string(draft.name),
            A.type: .number(Double(draft.type.outboundCode ?? -1)),
            A.status: .number(Double(SegmentStatus.draft.outboundCode ?? -1)),
        ]
        if let description = draft.description { fields[A.description] = .string(description) }
        if let query = draft.query { fields[A.query] = .string(query) }
        if !draft.memberIds.isEmpty {
            // The seed's documented way: a JSON array in a string, each id prefixed with "crm".
            let ids = JSONValue.array(draft.memberIds.map { .string("crm" + $0) })
            fields[A.memberIds] = .string(String(decoding: ids.jsonData(), as: UTF8.self))
        }
        return try client.create(in: A.entitySet, fields: fields, idAttribute: A.id)
    }

    public func update(id: String, changes: SegmentChanges, ifMatch etag: String?) throws(DataverseError) {
        typealias A = SegmentAttribute
        var fields: [String: JSONValue] = [:]
        if let name = changes.name { fields[A.name] = .string(name) }
        if let description = changes.description { fields[A.description] = description.isEmpty ? .null : .string(description) }
        if let query = changes.query { fields[A.query] = .string(query) }
        guard !fields.isEmpty else { return }
        try client.update(in: A.entitySet, id: id, fields: fields, ifMatch: etag)
    }

    public func setStatus(id: String, to status: SegmentStatus, ifMatch etag: String?) throws(DataverseError) {
        try client.update(in: SegmentAttribute.entitySet, id: id, fields: [SegmentAttribute.status: .number(Double(status.outboundCode ?? -1))],
                          ifMatch: etag)
    }

    public func delete(id: String, ifMatch etag: String?) throws(DataverseError) {
        try client.delete(in: SegmentAttribute.entitySet, id: id, ifMatch: etag)
    }

    public func validate(type: SegmentKind, query: String) throws(DataverseError) -> [ValidationIssue] {
        let reply = try client.action(SegmentActionWire.validate, fields: SegmentActionWire.validateRequest(type: type, query: query))
        return try SegmentActionWire.decodeValidation(reply)
    }

    public func members(of segment: Segment, skip: Int, take: Int) throws(DataverseError) -> (total: Int, contacts: [Contact]) {
        let queryName = segment.queryName ?? SegmentActionWire.queryName(forSegmentId: segment.id)
        let page = try fetch(queryName: queryName, skip: skip, take: take, select: Contact.Attribute.listed)
        return (page.total, page.contacts)
    }

    /// Every member id, a page of ids at a time (getState reports only a count).
    public func memberIds(of segmentId: String) throws(DataverseError) -> [String] {
        let queryName = SegmentActionWire.queryName(forSegmentId: segmentId)
        var ids: [String] = []
        while true {
            let page = try fetch(queryName: queryName, skip: ids.count, take: 5000, select: [Contact.Attribute.id])
            ids += page.contacts.map(\.id)
            if !page.more || page.contacts.isEmpty { return ids }
        }
    }

    /// How many members the segment has, counting no further than `bound`: the fetch's total
    /// when the reply carries one (the request's FetchXml asks `returntotalrecordcount`,
    /// segment-service.md corrections [D]; the reply's `TotalCount` is [I], undocumented), else
    /// pages of ids counted until the reply says no more or the bound.
    public func countMembers(of segmentId: String, upTo bound: Int) throws(DataverseError) -> (count: Int, complete: Bool) {
        let queryName = SegmentActionWire.queryName(forSegmentId: segmentId)
        var count = 0
        while true {
            let take = min(5000, max(1, bound - count))
            let reply = try fetchReply(queryName: queryName, skip: count, take: take, select: [Contact.Attribute.id])
            if let total = SegmentActionWire.decodeTotal(reply) { return (total, true) }
            let page = try SegmentActionWire.decodeFetch(reply)
            count += page.contacts.count
            // Without a MoreRecords flag, only a short page says it was the last.
            let more = SegmentActionWire.decodeMore(reply) ?? (page.contacts.count >= take)
            if !more || page.contacts.isEmpty { return (count, true) }
            if count >= bound { return (count, false) }
        }
    }

    private func fetch(queryName: String, skip: Int, take: Int, select: [String]) throws(DataverseError) -> (total: Int, more: Bool, contacts: [Contact]) {
        try SegmentActionWire.decodeFetch(try fetchReply(queryName: queryName, skip: skip, take: take, select: select))
    }

    private func fetchReply(queryName: String, skip: Int, take: Int, select: [String]) throws(DataverseError) -> JSONValue {
        try client.action(SegmentActionWire.fetchContacts, fields: SegmentActionWire.fetchContactsRequest(
            query: SegmentActionWire.fetchQuery(queryName: queryName, skip: skip, take: take, select: select), skip: skip, take: take))
    }

    public func updateMembers(of segmentId: String, add: [String], remove: [String]) throws(DataverseError) {
        let batches: [(SegmentActionWire.Operation, [String])] =
            Self.batches(add).map { (.addByIds, $0) } + Self.batches(remove).map { (.removeByIds, $0) }
        for (operation, ids) in batches {
            let reply = try client.action(SegmentActionWire.membersUpdate, fields: SegmentActionWire.membersUpdateRequest(
                segmentId: segmentId, operation: operation, ids: ids))
            // Queued [D]: any 2xx is accepted, whatever its body says.
            _ = reply
        }
    }

    public func addMembers(of segmentId: String, matching query: String) throws(DataverseError) -> Int {
        let reply = try client.action(SegmentActionWire.membersUpdate, fields: SegmentActionWire.membersUpdateRequest(
            segmentId: segmentId, operation: .addByQuery, query: query))
        return SegmentActionWire.decodeMembersUpdate(reply).added ?? 0
    }

    public func searchContacts(_ text: String, top: Int) throws(DataverseError) -> [Contact] {
        try PeopleDirectory(client: client).searchContacts(text, top: top)
    }

    static func batches(_ ids: [String]) -> [[String]] {
        stride(from: 0, to: ids.count, by: SegmentActionWire.maxIdsPerCall).map {
            Array(ids[$0..<min(ids.count, $0 + SegmentActionWire.maxIdsPerCall)])
        }
    }
}
