import ArgumentParser
import Dataverse
import Foundation
import Segments
import TerminalKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List segments, every page of them.",
        discussion: "Columns: id, name, type, status, members, modified on. " + ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions

    @Option(help: ArgumentHelp("Only segments whose name contains this text (case-insensitive).", valueName: "text"))
    var filter: String?

    @Option(help: ArgumentHelp("Only segments in this status.", valueName: "status"))
    var status: StatusArgument?

    @Option(help: ArgumentHelp("Only segments of this type: mixed is journeys', compound outbound's.", valueName: "type"))
    var type: TypeArgument?

    @Flag var format: OutputFormat = .table

    func run() throws {
        try reportingFailures {
            try service.withService { service in
                let query = SegmentListQuery(
                    nameContains: filter, status: status?.status, type: type?.kind,
                    sortKey: .name, descending: false, pageSize: 500)
                if format == .csv { Output.line(SegmentExport.csvHeader.joined(separator: ",")) }
                var table: [[String]] = []
                try service.forEachPage(query) { page in
                    for segment in page.segments {
                        switch format {
                        case .json: Output.json(SegmentExport.json(segment))
                        case .csv: Output.csv(SegmentExport.csvFields(segment))
                        case .table: table.append(Self.cells(segment))
                        }
                    }
                }
                if format == .table { Self.printTable(table) }
            }
        }
    }

    /// Every cell sanitised: the id and the labels come from the service as much as the name.
    static func cells(_ segment: Segment) -> [String] {
        [segment.id, segment.name, segment.type.label, segment.status.label,
         segment.size.map(String.init) ?? "", segment.modifiedOn.map(ODataDate.format) ?? ""].map(Sanitizer.standard.sanitize)
    }

    static func printTable(_ rows: [[String]]) {
        let header = ["ID", "NAME", "TYPE", "STATUS", "MEMBERS", "MODIFIED"]
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { TextWidth.of($0[column]) }.max() ?? 0 }
        for row in all {
            let line = row.indices.map { column in
                column == row.count - 1 ? row[column] : TextWidth.pad(row[column], toWidth: widths[column], alignment: column == 4 ? .trailing : .leading)
            }.joined(separator: "  ")
            Output.line(line)
        }
    }
}
