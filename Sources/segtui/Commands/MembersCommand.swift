import ArgumentParser
import Foundation
import Segments
import TerminalKit

struct MembersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "List, add or remove the members of a segment.",
        discussion: """
            list prints id, name and email a line (tab-separated). add and remove take contact ids \
            from --from-file (one a line; '#' starts a comment; the first comma-separated field is used) \
            or, for add, every contact a --query selects. 
            """ + ExitStatus.documentation)

    enum Action: String, ExpressibleByArgument, CaseIterable { case list, add, remove }

    @OptionGroup var service: ServiceOptions
    @Argument(help: ArgumentHelp("The segment's id or exact name.", valueName: "id-or-name")) var segment: String
    @Argument(help: "list, add or remove.") var action: Action = .list
    @Option(help: ArgumentHelp("A file of contact ids ('-' for stdin).", valueName: "file")) var fromFile: String?
    @Option(help: ArgumentHelp("A PROFILE(contact).FILTER(...) query selecting contacts to add.", valueName: "query")) var query: String?
    @Flag(help: "With list: one JSON object a line.") var json = false

    func validate() throws {
        switch action {
        case .list:
            if fromFile != nil || query != nil { throw ValidationError("list takes neither --from-file nor --query.") }
        case .add:
            if (fromFile == nil) == (query == nil) { throw ValidationError("add takes one of --from-file and --query.") }
        case .remove:
            if fromFile == nil { throw ValidationError("remove takes --from-file.") }
        }
    }

    func run() throws {
        try reportingFailures {
            if action != .list { try service.refuseWritesIfReadOnly("members \(action.rawValue)") }
            try service.withService { service in
                let found = try SegmentResolver.resolve(segment, in: service)
                switch action {
                case .list: try list(found, service)
                case .add, .remove: try change(found, service)
                }
            }
        }
    }

    private func list(_ segment: Segment, _ service: any SegmentService) throws {
        let pageSize = 1000
        var skip = 0
        var progress: Progress?
        while true {
            let page = try service.members(of: segment, skip: skip, take: pageSize)
            if progress == nil, page.total > 5 * pageSize { progress = Progress("members", total: page.total) }
            for contact in page.contacts {
                if json {
                    Output.json(.object(["id": .string(contact.id), "name": .string(contact.fullName),
                                         "email": contact.email.map { .string($0) } ?? .null]))
                } else {
                    Output.line([contact.id, Sanitizer.standard(contact.fullName), contact.email ?? ""].joined(separator: "\t"))
                }
            }
            progress?.advance(by: page.contacts.count)
            skip += page.contacts.count
            if page.contacts.count < pageSize || skip >= page.total { break }
        }
        progress?.finish()
    }

    private func change(_ segment: Segment, _ service: any SegmentService) throws {
        guard segment.type == .static else {
            throw CommandFailure(.conflict, "'\(segment.name)' is \(segment.type.label); only static segments have members to change.")
        }
        if let query {
            let added = try service.addMembers(of: segment.id, matching: query)
            Output.line("added \(added)")
            return
        }
        let ids = try ContactIdFile.read(fromFile ?? "-")
        let progress = Progress(action == .add ? "adding" : "removing", total: ids.count)
        for start in stride(from: 0, to: ids.count, by: SegmentActionWire.maxIdsPerCall) {
            let batch = Array(ids[start..<min(ids.count, start + SegmentActionWire.maxIdsPerCall)])
            try service.updateMembers(of: segment.id, add: action == .add ? batch : [], remove: action == .remove ? batch : [])
            progress.advance(by: batch.count)
        }
        progress.finish()
        Output.line("\(action == .add ? "added" : "removed") \(ids.count)")
    }
}

/// Contact ids from a file: one a line, blank lines and `#` comments skipped, the first CSV field
/// used, a "crm" prefix (the 2019 format) dropped; each must be a GUID.
enum ContactIdFile {
    static func read(_ path: String) throws -> [String] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.usage, "Cannot read \(path).")
            }
            data = contents
        }
        var ids: [String] = []
        for (number, rawLine) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // The first field of a CSV line, or of a line of `members list` (tab-separated), so
            // that a list's output is another segment's input.
            var field = rawLine.split(maxSplits: 1, whereSeparator: { $0 == "," || $0 == "\t" }).first.map(String.init) ?? ""
            field = field.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if field.isEmpty || field.hasPrefix("#") || field.lowercased() == "contactid" || field.lowercased() == "id" { continue }
            if field.lowercased().hasPrefix("crm") { field.removeFirst(3) }
            guard SegmentResolver.isGUID(field) else {
                throw CommandFailure(.usage, "\(path):\(number + 1): '\(field)' is not a contact id (a GUID).")
            }
            ids.append(field.lowercased())
        }
        return ids
    }
}
