import ArgumentParser
import Foundation
import Segments
import TerminalKit

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show who changed a segment, what and when, newest first.",
        discussion: "From the service's audit records. Where the organisation does not audit segments, says so and exits 0. "
            + ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions
    @Argument(help: ArgumentHelp("The segment's id or exact name.", valueName: "id-or-name")) var segment: String
    @Flag(help: "As one JSON object.") var json = false

    func run() throws {
        try reportingFailures {
            try service.withService { service in
                let found = try SegmentResolver.resolve(segment, in: service)
                let history = try service.history(of: found.id)
                if json {
                    Output.json(SegmentHistoryExport.json(history, of: found))
                    return
                }
                Output.text("\(found.name) (\(found.id))")
                for line in SegmentHistoryExport.lines(history) { Output.text(line) }
            }
        }
    }
}
