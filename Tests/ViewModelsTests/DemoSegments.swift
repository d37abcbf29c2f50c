import Foundation
import Segments

/// A predictable set of segments: names "Segment 000" … with varied types, statuses and dates.
func demoSegments(_ count: Int) -> [Segment] {
    (0..<count).map { i in
        Segment(
            id: String(format: "00000000-0000-4000-8000-%012d", i),
            name: String(format: "Segment %03d", i),
            type: SegmentKind.known[i % 3],
            status: SegmentStatus.outboundStatuses[i % 4],
            size: i * 10,
            modifiedOn: Date(timeIntervalSince1970: 1_700_000_000 + Double(i) * 3600))
    }
}
