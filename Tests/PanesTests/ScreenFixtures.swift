import Foundation
import Segments

/// Segments with the labels the service would send, so that screens do not depend on the clock
/// or the time zone.
enum ScreenFixtures {
    static func segment(_ index: Int, _ name: String, _ type: SegmentKind, _ status: SegmentStatus, size: Int?,
                        modified: String) -> Segment {
        var labels = [
            SegmentField.modifiedOn: modified,
            SegmentField.type: type.label,
            SegmentField.status: status.label,
            // The service's statecode label: Expired is outbound's only inactive status.
            SegmentField.state: status == .expired ? "Inactive" : "Active",
        ]
        if let size { labels[SegmentField.size] = size.formatted(.number.locale(Locale(identifier: "en_US"))) }
        return Segment(
            id: String(format: "5e9a0c1d-0000-4000-8000-%012d", index), name: name, type: type, status: status,
            size: size,
            modifiedOn: Date(timeIntervalSince1970: 1_790_000_000 - Double(index) * 86_400), labels: labels)
    }

    static let demo: [Segment] = [
        segment(0, "Newsletter subscribers", .dynamic, .live, size: 12_408, modified: "11/27/2026 4:05 PM"),
        segment(1, "O'Brien's VIP list", .static, .draft, size: nil, modified: "11/26/2026 9:41 AM"),
        segment(2, "東京の見込み客", .dynamic, .goingLive, size: 311, modified: "11/25/2026 2:17 PM"),
        segment(3, "Clientes de São Paulo", .static, .stopped, size: 87, modified: "11/24/2026 11:02 AM"),
        segment(4, "Événements Lyon 2026 — relance des participants inscrits", .compound, .error, size: 0,
                modified: "11/23/2026 8:30 AM"),
        segment(5, "Webinar no-shows Q3", .dynamic, .liveEditable, size: 1_204, modified: "11/22/2026 5:55 PM"),
    ]

    static var detailed: Segment {
        var s = demo[0]
        s.description = "Everyone who opted in to the monthly newsletter and has a valid email address."
        s.query = "PROFILE(contact, contact_1).FILTER(ISNOTNULL(contact_1.emailaddress1) && contact_1.donotbulkemail == false)"
        s.queryName = "SEGMENT_CRM_ID_5e9a0c1d000040008000000000000000"
        s.owner = "9b1c2d3e-0000-4000-8000-000000000001"
        s.labels[SegmentField.owner] = "Ana Souza"
        s.labels[SegmentField.createdOn] = "3/2/2025 10:00 AM"
        s.labels[SegmentField.lastEvaluation] = "11/27/2026 4:05 PM"
        s.labels[SegmentField.state] = "Active"
        s.versionNumber = 4_410_273
        return s
    }

    /// The demo rows with the last one a draft whose query is `query`, for the editor's screens.
    static func withWebinarDraft(query: String) -> [Segment] {
        var segments = demo
        segments[5] = segment(5, "Webinar no-shows Q3", .dynamic, .draft, size: 1_204, modified: "11/22/2026 5:55 PM")
        segments[5].query = query
        segments[5].description = "Registered, did not attend."
        return segments
    }

    /// The demo rows with the first one in full (`detailed`).
    static var withDetailedFirst: [Segment] {
        var segments = demo
        segments[0] = detailed
        return segments
    }
}
