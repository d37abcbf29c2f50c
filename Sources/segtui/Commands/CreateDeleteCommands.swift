import ArgumentParser
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
    @Option(help: "dynamic, static or compound.") var type: String
    @Option(help: "A description (at most 2000 characters).") var description: String?
    @Option(help: "The query of a dynamic or compound segment.") var query: String?
    @Option(help: ArgumentHelp("A file of contact ids for a static segment's first members ('-' for stdin).", valueName: "file"))
    var membersFrom: String?

    func validate() throws {
        guard let kind = OptionNames.type(type) else { throw ValidationError("Unknown type '\(type)'; use dynamic, static or compound.") }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name cannot be empty.") }
        if kind.hasQuery && query == nil { throw ValidationError("A \(kind.label.lowercased()) segment needs --query.") }
        if kind == .static && query != nil { throw ValidationError("A static segment has members, not a query; use --members-from.") }
        if kind.hasQuery && membersFrom != nil { throw ValidationError("--members-from is for static segments.") }
    }

    func run() throws {
        try reportingFailures {
            try service.refuseWritesIfReadOnly("create")
            let members = try membersFrom.map(ContactIdFile.read) ?? []
            try service.withService { service in
                let kind = OptionNames.type(type)!
                if let query, kind.hasQuery {
                    // As the editor does before a save: a query the service cannot evaluate would
                    // only surface later, as an Error with no reason, when the segment goes live.
                    let issues = try service.validate(type: kind, query: query)
                    guard issues.isEmpty else {
                        let found = issues.map { Sanitizer.standard($0.message) }.joined(separator: "; ")
                        throw CommandFailure(.failure, "The query is not valid, nothing was created: \(found)")
                    }
                }
                let id = try service.create(SegmentDraft(
                    name: name, type: kind, description: description, query: query, memberIds: members))
                Output.line(id)
            }
        }
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
                    FileHandle.standardError.write(Data("Delete '\(found.name)' (\(found.status.label))? Type its name to confirm: ".utf8))
                    guard readLine() == found.name else { throw CommandFailure(.failure, "Not deleted.") }
                }
                try service.delete(id: found.id, ifMatch: found.etag)
                Output.line("deleted \(found.id)")
            }
        }
    }
}
