import Foundation
import Segments
import TerminalKit

/// The list's columns and how a segment turns into their cells: a pure function of the segment
/// and the width, so that it is tested on its own and every pane lines up the same way.
public struct SegmentColumns: Equatable, Sendable {
    public enum Column: String, Sendable, CaseIterable {
        case name = "Name", type = "Type", status = "Status", members = "Members", journeys = "Journeys"
        case modified = "Modified on"

        var fixedWidth: Int? {
            switch self {
            case .name: return nil
            case .type: return 8  // "Compound"; a mixed segment is "Mixed" here (SegmentKind.shortLabel)
            case .status: return 13  // "Live editable"
            case .members: return 9
            case .journeys: return 8  // live journeys using it (journeys only)
            case .modified: return 19  // "11/27/2026 11:05 PM"
            }
        }

        var alignment: TextWidth.Alignment { self == .members || self == .journeys ? .trailing : .leading }
    }

    public static let gap = 2
    public static let minimumNameWidth = 14
    /// Dropped one by one, in this order, when the name would get narrower than its minimum.
    static let dropOrder: [Column] = [.modified, .journeys, .type, .members]

    public private(set) var columns: [(column: Column, width: Int)] = []

    public static func == (lhs: SegmentColumns, rhs: SegmentColumns) -> Bool {
        lhs.columns.map(\.column) == rhs.columns.map(\.column) && lhs.columns.map(\.width) == rhs.columns.map(\.width)
    }

    /// `journeys` adds the column of journeys using each segment (an API that counts them).
    public init(width: Int, journeys: Bool = false) {
        var shown = Column.allCases.filter { journeys || $0 != .journeys }
        // Journeys' longest status is "Live with warnings".
        func fixedWidth(_ column: Column) -> Int? { journeys && column == .status ? 18 : column.fixedWidth }
        func nameWidth(_ set: [Column]) -> Int {
            let fixed = set.compactMap(fixedWidth).reduce(0, +)
            return width - fixed - Self.gap * (set.count - 1) - 1
        }
        for candidate in Self.dropOrder where nameWidth(shown) < Self.minimumNameWidth {
            shown.removeAll { $0 == candidate }
        }
        let name = max(1, nameWidth(shown))
        columns = shown.map { ($0, fixedWidth($0) ?? name) }
    }

    /// The text of each cell for `segment`, sanitised and unpadded.
    public static func cells(for segment: Segment, sanitizer: Sanitizer) -> [Column: String] {
        typealias A = SegmentField
        return [
            .name: sanitizer(segment.name),
            .type: sanitizer(typeCell(segment)),
            .status: sanitizer(segment.label(A.status) ?? ""),
            .members: sanitizer(segment.label(A.size) ?? ""),
            .journeys: (segment.usage.journeyCount ?? (segment.usage.journeys.isEmpty ? nil : segment.usage.journeys.count))
                .map(String.init) ?? "",
            .modified: sanitizer(segment.labels[A.modifiedOn] ?? segment.modifiedOn.map(Self.shortDate) ?? ""),
        ]
    }

    /// The service's label for the kind where it fits the column, else the kind's short label:
    /// "Static and dynamic" cut to "Static …" would read as another kind.
    static func typeCell(_ segment: Segment) -> String {
        let full = segment.label(.type) ?? ""
        guard let width = Column.type.fixedWidth, TextWidth.of(full) > width, segment.type.shortLabel != full else { return full }
        return segment.type.shortLabel
    }

    /// One line: the cells clipped and padded to their columns, one space of margin on the left.
    public func line(_ cells: [Column: String], ellipsis: String) -> String {
        var text = " "
        for (index, entry) in columns.enumerated() {
            let value = cells[entry.column] ?? ""
            let clipped = TextWidth.truncate(value, toWidth: entry.width, ellipsis: ellipsis)
            text += TextWidth.pad(clipped, toWidth: entry.width, alignment: entry.column.alignment)
            if index < columns.count - 1 { text += String(repeating: " ", count: Self.gap) }
        }
        return text
    }

    /// Where `column` starts, counting the left margin; nil when it is not shown.
    public func offset(of column: Column) -> (start: Int, width: Int)? {
        var start = 1
        for entry in columns {
            if entry.column == column { return (start, entry.width) }
            start += entry.width + Self.gap
        }
        return nil
    }

    public var headerCells: [Column: String] {
        Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0, $0.rawValue) })
    }

    /// The titles with the sort key's marked by its direction ("Modified on ↓"), so that the
    /// order of the rows can be read without a toast.
    public func headerCells(sortedBy key: SegmentSortKey, descending: Bool, ascii: Bool) -> [Column: String] {
        var cells = headerCells
        let column: Column
        switch key {
        case .name: column = .name
        case .type: column = .type
        case .status: column = .status
        case .size: column = .members
        case .modifiedOn: column = .modified
        }
        let arrow = ascii ? (descending ? "v" : "^") : (descending ? "↓" : "↑")
        cells[column] = column.rawValue + " " + arrow
        return cells
    }

    static func shortDate(_ date: Date) -> String {
        date.formatted(.dateTime.year().month(.twoDigits).day(.twoDigits).hour().minute())
    }
}
