import Dataverse
import Foundation
import Logging

/// swift-log lines into segtui's log file (`$XDG_STATE_HOME/segtui/segtui.log`, the file the
/// full-screen browser already sends its stderr to), one line an event:
///
///     2026-12-01T14:20:03.512Z notice segtui.http: GET /api/data/v9.2/msdynmkt_segments: retrying … retry=throttled
///
/// The file is created 0600 in a 0700 folder, as the other files segtui keeps.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let file: PrivateLineFile

    public init(label: String, file: PrivateLineFile, level: Logger.Level) {
        self.label = label
        self.file = file
        self.logLevel = level
    }

    /// A logger that writes to `file` from `level` up.
    public static func logger(label: String, file: PrivateLineFile, level: Logger.Level) -> Logger {
        var logger = Logger(label: label) { label in FileLogHandler(label: label, file: file, level: level) }
        logger.logLevel = level
        return logger
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        var line = "\(Self.timestamp()) \(event.level) \(label): \(event.message)"
        for (key, value) in all.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        // One event is one line, whatever its message holds.
        file.append(Data(line.replacingOccurrences(of: "\n", with: "\\n").utf8))
    }

    /// Made once: a log line is written for every request.
    private static let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func timestamp() -> String { time.format(Date()) }
}
