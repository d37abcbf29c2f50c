import ArgumentParser
import Dataverse
import Foundation
import Segments
import TerminalKit

struct MembersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "List, add or remove the members of a segment.",
        discussion: """
            list prints id, name and email a line (tab-separated). add and remove take contact ids \
            from --from-file (one a line; '#' starts a comment; the first comma-separated field is used) \
            or, for add, every contact a --query selects (outbound only). Without --group, list prints who \
            is in the segment now, and add and remove change the first Include group (outbound: the one list).
            """ + ExitStatus.documentation)

    enum Action: String, ExpressibleByArgument, CaseIterable { case list, add, remove }

    @OptionGroup var service: ServiceOptions
    @Argument(help: ArgumentHelp("The segment's id or exact name.", valueName: "id-or-name")) var segment: String
    @Argument(help: "list, add or remove.") var action: Action = .list
    @Option(help: ArgumentHelp("A file of contact ids ('-' for stdin).", valueName: "file")) var fromFile: String?
    @Option(help: ArgumentHelp("A PROFILE(contact).FILTER(...) query selecting contacts to add.", valueName: "query")) var query: String?
    @Option(help: ArgumentHelp("A static group by name (journeys: one of up to ten Include or Exclude groups; outbound: Members).", valueName: "name"))
    var group: String?
    /// Only `list` prints members.
    @Flag var format: TextOrJSON = .text

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
        var page = 1
        var done = 0
        var progress: Progress?
        let chosen = try group.map { try Self.group(named: $0, of: segment, service) }
        while true {
            let request = MemberPageRequest(page: page, size: pageSize)
            let found = try chosen.map { try service.groupMembers(of: segment.id, groupId: $0.id, page: request) }
                ?? service.currentMembers(of: segment, page: request)
            if progress == nil, let total = found.total, total > 5 * pageSize { progress = Progress("members", total: total) }
            for person in found.people {
                if format == .json {
                    // The key rule of the segments' JSON: a key without a value is left out.
                    var object: [String: JSONValue] = ["id": .string(person.id), "name": .string(person.fullName)]
                    if let email = person.email { object["email"] = .string(email) }
                    Output.json(.object(object))
                } else {
                    // Each field sanitised (tabs too), so that a line stays one line of three fields.
                    Output.line([person.id, person.fullName, person.email ?? ""].map(Sanitizer.standard.sanitize).joined(separator: "\t"))
                }
            }
            progress?.advance(by: found.people.count)
            done += found.people.count
            if !found.hasMore || found.people.isEmpty || (found.total.map { done >= $0 } ?? false) { break }
            page += 1
        }
        progress?.finish()
    }

    /// Adds or removes, then reports what the service did, read back from it: the ids asked for
    /// against the members before and after. That stays true when an answer is lost (each call
    /// is repeated, as adding or removing the same ids twice changes nothing) and whatever the
    /// service says or does not say in its answer, which Microsoft does not document.
    private func change(_ segment: Segment, _ service: any SegmentService) throws {
        guard segment.type.hasStaticMembers else {
            throw CommandFailure(.conflict, "'\(Sanitizer.standard(segment.name))' is \(segment.type.label); only static segments (and, on journeys, mixed ones) have members to change.")
        }
        try refuseIfLocked(segment)
        let ids = query == nil ? try ContactIdFile.read(fromFile ?? "-") : []
        let target = try group.map { try Self.group(named: $0, of: segment, service) }
        // With --group, the group's own ids: the segment's whole membership would hide a change
        // to an Exclude group, or to an Include group whose ids another group already holds.
        let read = { () throws(SegmentServiceError) -> Set<String> in
            Set(try LostReplies.repeating { () throws(SegmentServiceError) -> [String] in
                if let target { return try service.groupMemberIds(of: segment.id, groupId: target.id) }
                return try service.memberIds(of: segment.id)
            })
        }
        let before = try read()
        do {
            try send(ids, to: segment, group: target, service)
        } catch {
            // Refused: if the segment went live meanwhile, that is the conflict the codes promise.
            if case .refused = error { try refuseIfLocked(try service.segment(id: segment.id)) }
            throw CommandFailure(error)
        }
        let after = try read()
        Output.line(MemberChangeReport(action: action == .add ? .add : .remove, asked: ids, before: before, after: after, group: target).summary)
    }

    /// The change itself, each call repeated while its answer is lost.
    private func send(_ ids: [String], to segment: Segment, group: MemberGroup?, _ service: any SegmentService) throws(SegmentServiceError) {
        if let query {
            _ = try LostReplies.repeating { () throws(SegmentServiceError) in try service.addMembers(of: segment.id, matching: query) }
            return
        }
        let perCall = service.capabilities.maxIdsPerCall
        let progress = Progress(action == .add ? "adding" : "removing", total: ids.count)
        for start in stride(from: 0, to: ids.count, by: perCall) {
            let batch = Array(ids[start..<min(ids.count, start + perCall)])
            let add = action == .add ? batch : []
            let remove = action == .remove ? batch : []
            if let group {
                _ = try LostReplies.repeating { () throws(SegmentServiceError) in
                    try service.changeMembers(of: segment.id, groupId: group.id, add: add, remove: remove)
                }
            } else {
                try LostReplies.repeating { () throws(SegmentServiceError) in try service.updateMembers(of: segment.id, add: add, remove: remove) }
            }
            progress.advance(by: batch.count)
        }
        progress.finish()
    }

    private func refuseIfLocked(_ segment: Segment) throws {
        if segment.status.locksContent {
            throw CommandFailure(.conflict, "'\(segment.name)' is \(segment.status.label): stop it before changing its members.")
        }
    }

    /// The group `name` names (case-insensitive); not found lists the groups there are.
    static func group(named name: String, of segment: Segment, _ service: any SegmentService) throws -> MemberGroup {
        let groups = segment.groups.isEmpty ? try service.groups(of: segment.id) : segment.groups
        if let found = groups.first(where: { $0.name.lowercased() == name.lowercased() || $0.id == name.lowercased() }) { return found }
        let names = groups.map { "\(Sanitizer.standard($0.name)) (\($0.role.label))" }.joined(separator: ", ")
        throw CommandFailure(.notFound, "'\(Sanitizer.standard(segment.name))' has no group '\(Sanitizer.standard(name))'"
            + (names.isEmpty ? "; it has no groups." : "; its groups: \(names)."))
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
