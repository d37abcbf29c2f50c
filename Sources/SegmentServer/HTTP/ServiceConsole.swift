import Foundation

/// Where the service's lines end up: stderr, which is the terminal of `segtui serve` or segtui's
/// log file while the full screen runs. Request paths come from the network, so no control
/// character reaches a terminal, and no line runs on for pages.
enum ServiceConsole {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((clean(line) + "\n").utf8))
    }

    static func clean(_ line: String) -> String {
        String(String.UnicodeScalarView(line.unicodeScalars.prefix(2000).map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
    }
}
