import Dataverse
import Foundation

/// A marketing segment as the service describes it, with the labels it sent beside the values.
public struct Segment: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var type: SegmentType
    public var status: SegmentStatus
    public var state: Int?
    public var description: String?
    public var query: String?
    public var queryName: String?
    public var size: Int?
    public var lastEvaluation: Date?
    public var nextEvaluation: Date?
    public var createdOn: Date?
    public var modifiedOn: Date?
    public var owner: String?
    public var versionNumber: Int?
    public var etag: String?
    /// Why the service's evaluation ended in Error, when it says (`SegmentAttribute.evaluationError`).
    public var evaluationError: String?
    /// Formatted values keyed by column name ("statuscode" → "Live").
    public var labels: [String: String]

    public init(
        id: String, name: String, type: SegmentType, status: SegmentStatus, state: Int? = nil,
        description: String? = nil, query: String? = nil, queryName: String? = nil, size: Int? = nil,
        lastEvaluation: Date? = nil, nextEvaluation: Date? = nil, createdOn: Date? = nil,
        modifiedOn: Date? = nil, owner: String? = nil, versionNumber: Int? = nil, etag: String? = nil,
        labels: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.status = status
        self.state = state
        self.description = description
        self.query = query
        self.queryName = queryName
        self.size = size
        self.lastEvaluation = lastEvaluation
        self.nextEvaluation = nextEvaluation
        self.createdOn = createdOn
        self.modifiedOn = modifiedOn
        self.owner = owner
        self.versionNumber = versionNumber
        self.etag = etag
        self.labels = labels
    }

    /// Reads a record of `msdyncrm_segments`; a record without an id is malformed.
    public init(record: ODataRecord) throws(DataverseError) {
        typealias A = SegmentAttribute
        guard let id = record.string(A.id) else {
            throw .malformedReply("a segment without \(A.id)")
        }
        var labels: [String: String] = [:]
        for (key, value) in record.fields where key.hasSuffix(ODataRecord.formattedSuffix) {
            if let text = value.stringValue { labels[String(key.dropLast(ODataRecord.formattedSuffix.count))] = text }
        }
        self.init(
            id: id.lowercased(),
            name: record.string(A.name) ?? "",
            type: record.int(A.type).map(SegmentType.init(rawValue:)) ?? .unknown(-1),
            status: record.int(A.status).map(SegmentStatus.init(rawValue:)) ?? .unknown(-1),
            state: record.int(A.state),
            description: record.string(A.description),
            query: record.string(A.query),
            queryName: record.string(A.queryName),
            size: record.int(A.size),
            lastEvaluation: record.date(A.lastEvaluation),
            nextEvaluation: record.date(A.nextEvaluation),
            createdOn: record.date(A.createdOn),
            modifiedOn: record.date(A.modifiedOn),
            owner: record.string(A.owner),
            versionNumber: record.int(A.versionNumber),
            etag: record.etag,
            labels: labels)
        self.evaluationError = record.string(A.evaluationError)
    }

    /// The service's label for `attribute`, else a plain rendering of our own.
    public func label(_ attribute: String) -> String? {
        if let label = labels[attribute] { return label }
        typealias A = SegmentAttribute
        switch attribute {
        case A.type: return type.label
        case A.status: return status.label
        case A.state: return state.map { SegmentState(rawValue: $0)?.label ?? "State \($0)" }
        case A.size: return size.map(String.init)
        case A.modifiedOn: return modifiedOn.map(ODataDate.format)
        case A.createdOn: return createdOn.map(ODataDate.format)
        case A.lastEvaluation: return lastEvaluation.map(ODataDate.format)
        case A.nextEvaluation: return nextEvaluation.map(ODataDate.format)
        default: return nil
        }
    }
}
