/// A row as the write rules of either segment API read it: whatever its columns, its ETag is its
/// version, written one way (RecordRenderer) so that the one a write checks is the one a read gave.
protocol StoredRecord: Sendable {
    var version: Int64 { get }
}

extension StoredRecord {
    var etag: String { RecordRenderer.etag(version: version) }
}
