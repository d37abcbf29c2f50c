import Dataverse

/// What both adapters read of the organisation itself, whichever segment API it speaks.
extension DataverseClient {
    /// The host (and port) being browsed, for the header.
    var displayName: String {
        let root = serviceRoot
        let host = root.host ?? root.absoluteString
        if let port = root.port { return "\(host):\(port)" }
        return host
    }

    /// `WhoAmI`, then the user's name from `systemusers` if we may read it.
    func serviceIdentity() throws(DataverseError) -> ServiceIdentity {
        let who = try whoAmI()
        let name = try? record(in: "systemusers", id: who.userId, select: ["fullname"]).string("fullname")
        return ServiceIdentity(userId: who.userId, userName: name, organizationId: who.organizationId)
    }
}
