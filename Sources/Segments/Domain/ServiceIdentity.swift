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
