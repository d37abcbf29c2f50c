import ArgumentParser
import Foundation
import Segments
import TerminalKit

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every field of one segment.", discussion: ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions
    @Argument(help: ArgumentHelp("The segment's id or exact name.", valueName: "id-or-name")) var segment: String
    @Flag(help: "As one JSON object.") var json = false

    func run() throws {
        try reportingFailures {
            try service.withService { service in
                let found = try SegmentResolver.resolve(segment, in: service)
                if json {
                    Output.json(SegmentExport.json(found))
                    return
                }
                for (label, value) in Self.fields(found) {
                    Output.line(TextWidth.pad(label + ":", toWidth: 17) + Sanitizer.standard(value))
                }
            }
        }
    }

    static func fields(_ s: Segment) -> [(String, String)] {
        typealias A = SegmentAttribute
        let rows: [(String, String?)] = [
            ("Id", s.id), ("Name", s.name), ("Type", s.label(A.type)), ("Status", s.label(A.status)),
            ("Members", s.label(A.size)), ("Description", s.description), ("Query", s.query), ("Query name", s.queryName),
            ("Last evaluated", s.label(A.lastEvaluation)), ("Created on", s.label(A.createdOn)),
            ("Modified on", s.label(A.modifiedOn)), ("Owner", s.label(A.owner) ?? s.owner), ("ETag", s.etag),
        ]
        return rows.map { ($0.0, $0.1 ?? "") }
    }
}
