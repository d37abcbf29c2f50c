import ArgumentParser
import Foundation
import Segments

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Every segment with its member ids, as JSON lines.",
        discussion: "One object a line, with the keys of 'list --json' plus memberIds. " + ExitStatus.documentation)

    @OptionGroup var service: ServiceOptions

    func run() throws {
        try reportingFailures {
            try service.withService { service in
                let query = SegmentListQuery(sortKey: .name, descending: false, pageSize: 500)
                let progress = Progress("segments")
                try service.forEachPage(query) { page in
                    // Dataverse caps the count at 5000: a capped one is no total.
                    if progress.total == nil { progress.total = page.totalCount.flatMap { $0 >= 5000 ? nil : $0 } }
                    // A list page holds every column the JSON shape prints: no second read a row.
                    for segment in page.segments {
                        Output.json(SegmentExport.json(segment, memberIds: try memberIds(of: segment, service)))
                        progress.advance(by: 1)
                    }
                }
                progress.finish()
            }
        }
    }

    private func memberIds(of segment: Segment, _ service: any SegmentService) throws -> [String] {
        if segment.type == .static { return try service.memberIds(of: segment.id) }
        var ids: [String] = []
        let take = 5000
        while true {
            let page = try service.members(of: segment, skip: ids.count, take: take)
            ids += page.contacts.map(\.id)
            if page.contacts.count < take || ids.count >= page.total { return ids }
        }
    }
}
