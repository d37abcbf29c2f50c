import Dataverse
import Foundation

/// Who is signed in, to which organisation: what the status bar shows once `WhoAmI` answers.
public struct ServiceIdentity: Sendable, Equatable {
    public var userId: String
    /// The user's name when the service lets us read it, else nil.
    public var userName: String?
    public var organizationId: String

    public init(userId: String, userName: String?, organizationId: String) {
        self.userId = userId
        self.userName = userName
        self.organizationId = organizationId
    }

    /// The name, else the start of the id: enough to tell two accounts apart.
    public var userLabel: String { userName ?? String(userId.prefix(8)) }
}

extension DataverseSegmentService {
    public var health: ServiceHealth? { client.health }

    /// `WhoAmI`, then the user's name from `systemusers` if we may read it.
    public func identity() throws(DataverseError) -> ServiceIdentity {
        let who = try client.whoAmI()
        let name = try? client.record(in: "systemusers", id: who.userId, select: ["fullname"]).string("fullname")
        return ServiceIdentity(userId: who.userId, userName: name, organizationId: who.organizationId)
    }
}

extension InMemorySegmentService {
    public var health: ServiceHealth? { nil }
}
