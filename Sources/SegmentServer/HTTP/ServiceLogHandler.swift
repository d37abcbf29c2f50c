import Foundation
import Logging

/// swift-log's handler for the service: one plain line a record (time, level, label, metadata,
/// message), cleaned of control characters, written where `sink` says (stderr by default).
/// Hummingbird hands each request a logger made from the application's, with its request id.
struct ServiceLogHandler: LogHandler {
    let label: String
    let sink: @Sendable (String) -> Void
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level, sink: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.logLevel = level
        self.sink = sink ?? ServiceConsole.write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        let fields = all.isEmpty ? "" : " " + all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
        let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
        sink(ServiceConsole.clean("\(time) \(event.level) \(label):\(fields) \(event.message)"))
    }
}
