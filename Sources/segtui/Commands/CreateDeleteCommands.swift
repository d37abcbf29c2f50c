import ArgumentParser
import Dataverse
import Foundation
import Segments
import TerminalKit

#if canImport(Glibc)
import Glibc
#endif

struct CreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a segment in Draft; prints its id.", discussion: ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions
    @Option(help: "The segment's name (at most 100 characters).") var name: String
    @Option(help: "The kind of segment: mixed is journeys' (a query plus static groups), compound outbound's.") var type: TypeArgument
    @Option(help: "A description (at most 2000 characters).") var description: String?
    @Option(help: "The query of a dynamic, mixed or compound segment.") var query: String?
    @Option(help: ArgumentHelp("Whose segment it is: contact, or lead (journeys only).", valueName: "table"))
    var baseEntity = "contact"
    @Option(help: ArgumentHelp("A file of ids for a static or mixed segment's first members ('-' for stdin).", valueName: "file"))
    var membersFrom: String?

    func validate() throws {
        let kind = type.kind
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name cannot be empty.") }
        if kind.hasQuery && query == nil { throw ValidationError("A \(kind.label.lowercased()) segment needs --query.") }
        if kind == .static && query != nil { throw ValidationError("A static segment has members, not a query; use --members-from.") }
        if !kind.hasStaticMembers && membersFrom != nil { throw ValidationError("--members-from is for static and mixed segments.") }
        if !["contact", "lead"].contains(baseEntity) { throw ValidationError("--base-entity is contact or lead.") }
    }

    func run() throws {
        try reportingFailures {
            try service.refuseWritesIfReadOnly("create")
            let members = try membersFrom.map(ContactIdFile.read) ?? []
            try service.withService { service in
                let kind = type.kind
                if let query, kind.hasQuery {
                    // As the editor does before a save: a query the service cannot evaluate would
                    // only surface later, as an Error with no reason, when the segment goes live.
                    let issues = try service.validate(type: kind, query: query)
                    guard issues.isEmpty else {
                        let found = issues.map { Sanitizer.standard($0.message) }.joined(separator: "; ")
                        throw CommandFailure(.failure, "The query is not valid, nothing was created: \(found)")
                    }
                }
                let draft = SegmentDraft(name: name, type: kind, description: description, query: query, memberIds: members,
                                         baseEntity: BaseEntity(logicalName: baseEntity))
                // The ids already under this name, so that a create whose answer is lost can be
                // told apart from a namesake that was there before.
                let before = Set(try namesakes(service).map(\.id))
                do {
                    Output.text(try service.create(draft))
                } catch let error as SegmentServiceError {
                    guard LostReplies.isTransient(error) else { throw CommandFailure(error) }
                    try Output.text(lookUpAfterLostReply(error, before: before, service))
                }
            }
        }
    }

    private func namesakes(_ service: any SegmentService) throws(SegmentServiceError) -> [Segment] {
        var page = try service.firstPage(SegmentListQuery(nameEquals: name, sortKey: .name, descending: false, pageSize: 500))
        var found = page.segments
        while let next = page.next {
            page = try service.nextPage(next)
            found += page.segments
        }
        return found
    }

    /// A POST is never repeated, so after a lost answer the create may or may not have happened:
    /// look for a segment of this name that was not there before.
    private func lookUpAfterLostReply(_ error: SegmentServiceError, before: Set<String>, _ service: any SegmentService) throws -> String {
        let check = "check with `segtui list --filter \(Self.shellQuoted(name))`"
        let appeared: [Segment]
        do {
            appeared = try LostReplies.repeating { () throws(SegmentServiceError) in try namesakes(service) }.filter { !before.contains($0.id) }
        } catch {
            throw CommandFailure(.failure, "\(error.description); the create may have happened: \(check).")
        }
        switch appeared.count {
        case 1:
            Output.note("The service's answer was lost, but it created the segment: \(appeared[0].id).")
            return appeared[0].id
        case 0:
            throw CommandFailure(.failure, "\(error.description); no new segment of this name is there, so the create most likely did not happen (\(check) before trying again).")
        default:
            throw CommandFailure(.failure, "\(error.description); \(appeared.count) new segments of this name have appeared (\(check)).")
        }
    }

    /// `text` as one shell word.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a segment.",
        discussion: "Asks first on a terminal; in a script, --yes is required. " + ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions
    @Argument(help: ArgumentHelp("The segment's id or exact name.", valueName: "id-or-name")) var segment: String
    @Flag(help: "Do not ask.") var yes = false

    func run() throws {
        try reportingFailures {
            try service.refuseWritesIfReadOnly("delete")
            try service.withService { service in
                let found = try SegmentResolver.resolve(segment, in: service)
                if !yes {
                    guard isatty(STDIN_FILENO) == 1 else {
                        throw CommandFailure(.usage, "Refusing to delete '\(found.name)' without --yes when not at a terminal.")
                    }
                    let question = Sanitizer.standard("Delete '\(found.name)' (\(found.status.label))? Type its name to confirm: ")
                    FileHandle.standardError.write(Data(question.utf8))
                    guard readLine() == found.name else { throw CommandFailure(.failure, "Not deleted.") }
                }
                do {
                    try service.delete(id: found.id, ifMatch: found.etag)
                } catch let error as SegmentServiceError {
                    // A repeated DELETE meets 404 when the first one was done: if the segment is
                    // gone, it is deleted, whoever's request did it.
                    guard LostReplies.mayHaveLanded(error), try isGone(found.id, service) else { throw CommandFailure(error) }
                    Output.note("The service's answer was lost; read again, the segment is gone.")
                }
                Output.text("deleted \(found.id)")
            }
        }
    }

    private func isGone(_ id: String, _ service: any SegmentService) throws -> Bool {
        do {
            _ = try service.segment(id: id)
            return false
        } catch {
            guard error.isNotFound else { throw CommandFailure(error) }
            return true
        }
    }
}
