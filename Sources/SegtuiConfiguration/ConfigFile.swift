import Foundation

/// `$XDG_CONFIG_HOME/segtui/config.toml`: named profiles and which one is the default.
///
/// ```toml
/// default_profile = "contoso"
///
/// [profiles.contoso]
/// url = "https://contoso.crm.dynamics.com"
/// tenant = "contoso.onmicrosoft.com"
/// client_id = "00000000-0000-0000-0000-000000000000"
/// auth = "device-code"
/// ```
///
/// The tables `[ui]`, `[theme]` and `[keys.CONTEXT]` are the screen's (mouse, colours, key
/// bindings): they are kept here as written, with their line numbers, and the layers that own
/// those ideas read them.
public struct ConfigFile: Equatable, Sendable {
    public var path: String
    public var profiles: [String: ConnectionProfile]
    public var defaultProfile: String?
    /// `ui`, `theme` and `keys.*` tables by name, as written.
    public var interfaceTables: [String: [String: TOMLDocument.Value]] = [:]
    /// Line numbers by dotted key ("keys.list.quit"), for messages that point at the line.
    public var lines: [String: Int] = [:]

    public init(path: String, profiles: [String: ConnectionProfile], defaultProfile: String?,
                interfaceTables: [String: [String: TOMLDocument.Value]] = [:], lines: [String: Int] = [:]) {
        self.path = path
        self.profiles = profiles
        self.defaultProfile = defaultProfile
        self.interfaceTables = interfaceTables
        self.lines = lines
    }

    public static func isInterfaceTable(_ name: String) -> Bool {
        name == "ui" || name == "theme" || name == "keys" || name.hasPrefix("keys.")
    }

    /// An absent file is an empty configuration; an unreadable or malformed one is an error
    /// naming the file, the line and what is wrong.
    public static func load(path: String) throws(ConnectionProfile.Problem) -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else { return ConfigFile(path: path, profiles: [:], defaultProfile: nil) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .init("\(path): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else { throw .init("\(path): is not UTF-8 text") }
        let document: TOMLDocument
        do { document = try TOMLDocument(parsing: text) } catch { throw .init("\(path):\(error.line): \(error.message)") }
        var profiles: [String: ConnectionProfile] = [:]
        for (table, values) in document.tables where table.hasPrefix("profiles.") {
            let name = String(table.dropFirst("profiles.".count))
            guard !name.contains(".") else { throw .init("\(path): [\(table)] is nested too deep; profiles are [profiles.NAME]") }
            profiles[name] = try ConnectionProfile(
                name: name, table: values, line: { document.lines[table + "." + $0] }, file: path)
        }
        var interfaceTables: [String: [String: TOMLDocument.Value]] = [:]
        for (table, values) in document.tables where !table.isEmpty && table != "profiles" && !table.hasPrefix("profiles.") {
            guard isInterfaceTable(table) else {
                throw .init("\(path): unknown table [\(table)]; known: [profiles.NAME], [ui], [theme], [keys.CONTEXT]")
            }
            interfaceTables[table] = values
        }
        var defaultProfile: String?
        for (key, value) in document[""] ?? [:] {
            guard key == "default_profile" else {
                throw .init("\(path):\(document.lines[key] ?? 0): unknown key '\(key)'; at the top only default_profile is known")
            }
            guard case .string(let name) = value else { throw .init("\(path):\(document.lines[key] ?? 0): default_profile must be a string") }
            guard profiles[name] != nil else {
                throw .init("\(path):\(document.lines[key] ?? 0): default_profile names '\(name)', which has no [profiles.\(name)]")
            }
            defaultProfile = name
        }
        return ConfigFile(path: path, profiles: profiles, defaultProfile: defaultProfile,
                          interfaceTables: interfaceTables, lines: document.lines)
    }

    /// The named profile, the default one, or an empty one when neither exists.
    public func profile(named name: String?) throws(ConnectionProfile.Problem) -> ConnectionProfile {
        if let name {
            guard let profile = profiles[name] else {
                let known = profiles.keys.sorted()
                throw .init("no profile '\(name)' in \(path)" + (known.isEmpty ? "" : "; known: \(known.joined(separator: ", "))"))
            }
            return profile
        }
        if let defaultProfile, let profile = profiles[defaultProfile] { return profile }
        return ConnectionProfile(name: "default")
    }
}
