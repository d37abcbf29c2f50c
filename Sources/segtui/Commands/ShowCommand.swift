import ArgumentParser
import Foundation
import Segments
import TerminalKit
import ViewModels

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every field of one segment.", discussion: ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions
    @Argument(help: ArgumentHelp("The segment's id or exact name.", valueName: "id-or-name")) var segment: String
    @Flag var format: TextOrJSON = .text

    func run() throws {
        try reportingFailures {
            try service.withService { service in
                var found = try SegmentResolver.resolve(segment, in: service)
                // Journeys sends no group sizes: they are counted, as the detail counts them.
                found.groups = try service.groupsWithSizes(of: found)
                if format == .json {
                    Output.json(SegmentExport.json(found))
                    return
                }
                // The detail's fields, plus the ETag a script may want for a conditional write.
                let fields = SegmentDetailModel.fields(of: found) + [DetailField(label: "ETag", value: found.etag ?? "—")]
                let width = max(17, (fields.map { TextWidth.of($0.label) }.max() ?? 0) + 2)
                for field in fields {
                    Output.text(TextWidth.pad(field.label + ":", toWidth: width) + field.value)
                }
            }
        }
    }
}
