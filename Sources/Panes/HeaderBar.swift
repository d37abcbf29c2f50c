import TerminalKit
import ViewModels

/// The top line: the program, what service is browsed, how many segments it has.
@MainActor
struct HeaderBar {
    let model: AppModel
    let theme: Theme

    func draw(on canvas: any Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(row: rect.row, column: rect.column, width: rect.columns, style: .title)
        let list = model.list
        var parts = ["segtui", theme.sanitizer(list.serviceName), list.apiLabel]
        if let count = list.knownLength {
            parts.append("\(count) segment\(count == 1 ? "" : "s")")
        } else if let count = list.totalCount {
            // Dataverse stops counting at 5000; the list knows its length only once it has met its end.
            parts.append(count >= SegmentListModel.countCap ? "\(SegmentListModel.countCap)+ segments" : "\(count) segment\(count == 1 ? "" : "s")")
        } else if !list.hasLoadedOnce {
            parts.append("loading")
        }
        if let filter = list.query.nameContains, !filter.isEmpty {
            parts.append("filter: " + theme.sanitizer(filter))
        }
        if let status = list.query.status { parts.append("status: " + status.label) }
        if let type = list.query.type { parts.append("type: " + type.label) }
        if let identity = model.connection.identity {
            parts.append(theme.sanitizer(identity.userLabel))
        }
        let separator = " · "
        canvas.draw(" " + parts.joined(separator: separator), row: rect.row, column: rect.column, width: rect.columns, style: .title)
    }
}
