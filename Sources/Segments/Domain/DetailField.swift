/// One labelled line of the detail pane: a documented column of the record(s), as the adapter
/// reads it ("Query", "Refresh interval"), in the order the adapter lists them.
public struct DetailField: Equatable, Sendable {
    public var label: String
    public var value: String
    /// Multi-line values (query, description) wrap instead of being cut.
    public var wraps: Bool

    public init(label: String, value: String, wraps: Bool = false) {
        self.label = label
        self.value = value
        self.wraps = wraps
    }
}
