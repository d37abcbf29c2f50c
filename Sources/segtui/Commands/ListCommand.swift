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

    @Option(help: ArgumentHelp("Only segments in this status: \(OptionNames.statuses.map(\.label).joined(separator: ", ")).", valueName: "status"))
    var status: String?

    @Option(help: ArgumentHelp("Only segments of this type: dynamic, static, mixed (journeys), compound (outbound).", valueName: "type"))
    var type: String?

    @Flag(help: "One JSON object a line.") var json = false
    @Flag(help: "CSV with a header line.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Choose one of --json and --csv.") }
        if let status, OptionNames.status(status) == nil {
            throw ValidationError("Unknown status '\(status)'; use one of: \(OptionNames.statuses.map(\.label).joined(separator: ", ")).")
        }
        if let type, OptionNames.type(type) == nil { throw ValidationError("Unknown type '\(type)'; use dynamic, static, mixed or compound.") }
    }

    func run() throws {
        try reportingFailures {
            try service.withService { service in
                let query = SegmentListQuery(
                    nameContains: filter, status: status.flatMap(OptionNames.status), type: type.flatMap(OptionNames.type),
                    sortKey: .name, descending: false, pageSize: 500)
                if csv { Output.line(SegmentExport.csvHeader.joined(separator: ",")) }
                var table: [[String]] = []
                try service.forEachPage(query) { page in
                    for segment in page.segments {
                        if json { Output.json(SegmentExport.json(segment)) }
                        else if csv { Output.csv(SegmentExport.csvFields(segment)) }
                        else { table.append(Self.cells(segment)) }
                    }
                }
                if !json && !csv { Self.printTable(table) }
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

/// Words users type for option-set values.
enum OptionNames {
    /// Every status either API has.
    static let statuses: [SegmentStatus] = [.draft, .goingLive, .live, .liveWithWarnings, .liveEditable, .stopping, .stopped, .expired, .error]

    static func status(_ text: String) -> SegmentStatus? {
        let key = text.lowercased().filter { $0.isLetter }
        return statuses.first { $0.label.lowercased().filter { $0.isLetter } == key }
    }

    static func type(_ text: String) -> SegmentKind? {
        let kinds: [SegmentKind] = [.dynamic, .static, .mixed, .compound]
        return kinds.first { $0.name == text.lowercased() || $0.label.lowercased() == text.lowercased() }
    }
}
