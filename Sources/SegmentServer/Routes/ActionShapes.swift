import Dataverse

/// The answers of the segment actions. The documentation shows the requests but, except for
/// `msdyncrm_ValidateSegment`, not the responses: the shapes below are our choice, kept in this
/// one file so that they can be corrected against a live organisation in one place.
enum ActionShapes {
    /// `msdyncrm_SegmentMembersUpdate`: the operation's outcome and the segment's new size.
    /// The real service processes the change asynchronously, so the state is `Queued` (even though
    /// ours is done when it answers: clients must read back, never rely on this body).
    static func membersUpdate(
        serviceRoot: String, segmentId: String, operation: String, size: Int, added: Int, removed: Int, ignored: Int
    ) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", serviceRoot + "$metadata#Microsoft.Dynamics.CRM.msdyncrm_SegmentMembersUpdateResponse")
        writer.field("msdyncrm_segmentid", segmentId)
        writer.field("msdyncrm_operation", operation)
        writer.field("msdyncrm_state", operation == "getState" ? "Completed" : "Queued")
        writer.field("msdyncrm_segmentsize", size)
        writer.field("msdyncrm_added", added)
        writer.field("msdyncrm_removed", removed)
        writer.field("msdyncrm_ignored", ignored)
        writer.endObject()
        return writer.text
    }

    /// `msdyncrm_FetchContactsByQuery`: one page of contacts with the selected attributes, the
    /// total number of members, and whether more follow the page.
    static func fetchContactsOpen(serviceRoot: String, totalCount: Int, moreRecords: Bool, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("@odata.context", serviceRoot + "$metadata#Microsoft.Dynamics.CRM.msdyncrm_FetchContactsByQueryResponse")
        writer.field("TotalCount", totalCount)
        writer.key("MoreRecords")
        writer.bool(moreRecords)
        writer.key("Contacts")
        writer.beginArray()
    }

    static func fetchContactsClose(_ writer: inout JSONWriter) {
        writer.endArray()
        writer.endObject()
    }

    /// `msdyncrm_ValidateSegment` (documented): `{"ValidationResult": "[...]"}`, a JSON array
    /// serialised in a string, empty when valid. We add `Message` and `Position` to each item so
    /// that people can see what is wrong and where.
    static func validation(serviceRoot: String, errors: [(code: String, message: String, position: Int?)]) -> String {
        var items = JSONWriter()
        items.beginArray()
        for error in errors {
            items.beginObject()
            items.field("ErrorCode", error.code)
            items.field("FieldName", "msdyncrm_query")
            items.field("Message", error.message)
            if let position = error.position { items.field("Position", position) }
            items.endObject()
        }
        items.endArray()
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("@odata.context", serviceRoot + "$metadata#Microsoft.Dynamics.CRM.msdyncrm_ValidateSegmentResponse")
        writer.field("ValidationResult", items.text)
        writer.endObject()
        return writer.text
    }
}
