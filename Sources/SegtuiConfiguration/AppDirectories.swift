import Foundation

/// Where segtui keeps its files, following the XDG base directories: data (the demo database),
/// state (logs, drafts, tokens) and configuration.
public struct AppDirectories: Equatable, Sendable {
    public var data: String
    public var state: String
    public var config: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func base(_ variable: String, _ fallback: String) -> String {
            // The XDG spec says a relative path is invalid and must be ignored.
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        data = base("XDG_DATA_HOME", ".local/share") + "/segtui"
        state = base("XDG_STATE_HOME", ".local/state") + "/segtui"
        config = base("XDG_CONFIG_HOME", ".config") + "/segtui"
    }

    public var databasePath: String { data + "/segtui.sqlite" }
    public var logPath: String { state + "/segtui.log" }
    public var configPath: String { config + "/config.toml" }
    /// Refresh tokens of device-code sign-ins, mode 0600.
    public var refreshTokenPath: String { state + "/tokens.json" }
    /// The segment API found for each organisation (`--api auto` asks each only once).
    public var rememberedAPIsPath: String { state + "/apis.json" }

    /// Creates `path` and its parents with owner-only permissions if missing.
    public static func ensure(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}

extension AppDirectories {
    /// Unsaved edits written when the terminal goes away (SIGHUP, SIGTERM), offered at next start.
    public var draftsPath: String { state + "/drafts" }
}
