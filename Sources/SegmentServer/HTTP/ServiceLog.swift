import Foundation

/// The service's own failures, written to stderr (the terminal of `segtui serve`, or segtui's log
/// file): their reasons may quote SQL or name internal types, so clients get a generic message.
enum ServiceLog {
    static func unexpected(_ error: any Error, method: String, path: String) {
        write("segment service: unexpected error answering \(method) \(path): \(error)")
    }

    static func write(_ line: String) {
        // Request paths come from the network: no control character reaches a terminal.
        let clean = String(String.UnicodeScalarView(line.unicodeScalars.prefix(2000).map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
        FileHandle.standardError.write(Data((clean + "\n").utf8))
    }
}
