import Foundation
import Segments

/// Unsaved work, as written to disk when the terminal goes away and offered at the next start.
/// It keeps what the edit started from as well as the edit, so that restoring it still detects
/// (and merges) changes made on the service in between.
public struct EditDraft: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case edit, members, create }

    public struct Fields: Codable, Equatable, Sendable {
        public var name: String
        public var description: String
        public var query: String
        /// Journeys' refresh field as typed ("30", "off", "" for the service's default); absent
        /// in drafts of outbound segments and in drafts written before it was kept.
        public var refresh: String?

        public init(name: String, description: String, query: String, refresh: String? = nil) {
            self.name = name
            self.description = description
            self.query = query
            self.refresh = refresh
        }
    }

    public struct Person: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var email: String?

        public init(_ contact: Contact) {
            id = contact.id
            name = contact.fullName
            email = contact.email
        }

        public var contact: Contact { Contact(id: id, fullName: name, email: email) }
    }

    public var kind: Kind
    public var segmentId: String?
    public var segmentName: String
    /// The kind by its stable name ("static"); drafts saved before kinds had names carry
    /// `segmentType`, outbound's option value, instead.
    public var segmentKind: String?
    public var segmentType: Int?
    public var etag: String?
    public var savedAt: Date
    public var base: Fields?
    public var mine: Fields?
    public var added: [Person]
    public var removed: [Person]
    /// Journeys: the staged changes group by group (`added` and `removed` then sum them up).
    public var groupChanges: [GroupChanges]?

    /// What was staged in one static group of a journeys segment.
    public struct GroupChanges: Codable, Equatable, Sendable {
        public var groupId: String
        public var added: [Person]
        public var removed: [Person]

        public init(groupId: String, changes: StagedGroups.Changes) {
            self.groupId = groupId
            added = changes.additions.map(Person.init)
            removed = changes.removals.map(Person.init)
        }

        public var changes: StagedGroups.Changes {
            StagedGroups.Changes(additions: added.map(\.contact), removals: removed.map(\.contact))
        }
    }

    public init(kind: Kind, segmentId: String?, segmentName: String, segmentType: SegmentKind, etag: String?,
                base: Fields? = nil, mine: Fields? = nil, added: [Contact] = [], removed: [Contact] = [], savedAt: Date = Date()) {
        self.kind = kind
        self.segmentId = segmentId
        self.segmentName = segmentName
        self.segmentKind = segmentType.name
        self.etag = etag
        self.savedAt = savedAt
        self.base = base
        self.mine = mine
        self.added = added.map(Person.init)
        self.removed = removed.map(Person.init)
    }

    public var type: SegmentKind {
        if let segmentKind { return SegmentKind(name: segmentKind) }
        return segmentType.map { SegmentKind(outboundCode: $0) } ?? .unknown("Unknown")
    }

    /// "your edit of 'Newsletter'", for the restore question.
    public var summary: String {
        switch kind {
        case .edit: return "your edit of \(DialogName.quoted(segmentName))"
        case .members: return "your member changes to \(DialogName.quoted(segmentName)) (+\(added.count) −\(removed.count))"
        case .create: return "the new segment \(DialogName.quoted(segmentName)) you had not created yet"
        }
    }
}

/// Reads and writes the one draft file in `$XDG_STATE_HOME/segtui/drafts/`.
public struct DraftStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var path: String { directory + "/draft.json" }

    /// Writes atomically with owner-only permissions: drafts may hold customer data.
    public func save(_ draft: EditDraft) throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(draft)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// The saved draft; nil when there is none or it cannot be read (a damaged file is kept aside).
    public func load() -> EditDraft? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if let draft = try? decoder.decode(EditDraft.self, from: data) { return draft }
        try? FileManager.default.moveItem(atPath: path, toPath: path + ".unreadable")
        return nil
    }

    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
