import TerminalKit
import ViewModels

/// What config.toml says about the screen: `[ui]` (mouse), `[theme]` (a look for each role) and
/// `[keys.CONTEXT]` (bindings). Read before the terminal starts, so a mistake is reported on a
/// plain terminal with the file and line, and nothing is drawn with half a configuration.
///
/// ```toml
/// [ui]
/// mouse = true
/// no_color = false
/// ascii = false
///
/// [theme]
/// selection = "black on cyan"
/// header = "bold 75"
///
/// [keys.list]
/// toggle_live = "L"
/// quit = ["q", "ctrl-q"]
/// ```
public struct ScreenSettings: Sendable {
    public var mouse: Bool?
    /// As `--no-color`.
    public var noColor: Bool?
    /// As `--ascii`.
    public var ascii: Bool?
    public var themeOverrides: [Style.Role: Theme.Appearance] = [:]
    public var bindings: [KeyBinding] = KeyMap.defaults

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public init() {}

    public init(file: ConfigFile) throws(Problem) {
        func location(_ key: String) -> String {
            file.lines[key].map { "\(file.path):\($0)" } ?? file.path
        }
        for (key, value) in file.interfaceTables["ui"] ?? [:] {
            guard ["mouse", "no_color", "ascii"].contains(key) else {
                throw Problem(description: "\(location("ui." + key)): unknown key '\(key)' in [ui]; known: mouse, no_color, ascii")
            }
            guard case .bool(let on) = value else { throw Problem(description: "\(location("ui." + key)): \(key) is true or false") }
            switch key {
            case "mouse": mouse = on
            case "no_color": noColor = on
            default: ascii = on
            }
        }
        for (key, value) in file.interfaceTables["theme"] ?? [:] {
            let place = location("theme." + key)
            guard let role = Theme.role(named: key) else {
                let known = Style.Role.allCases.map(Theme.configName(of:)).joined(separator: ", ")
                throw Problem(description: "\(place): '\(key)' is not a part of the screen; known: \(known)")
            }
            guard case .string(let spec) = value else {
                throw Problem(description: "\(place): a look is a string, for example \"bold white on blue\"")
            }
            do { themeOverrides[role] = try Theme.appearance(parsing: spec) } catch {
                throw Problem(description: "\(place): \(error.description)")
            }
        }
        do { bindings = try KeyMap.bindings(configuredBy: file.interfaceTables.mapValues { $0.mapValues(Self.keySetting) }, location: location) } catch {
            throw Problem(description: error.description)
        }
    }
}

extension ScreenSettings {
    /// A TOML value as the key map reads it.
    static func keySetting(_ value: TOMLDocument.Value) -> KeySettingValue {
        switch value {
        case .string(let text): return .string(text)
        case .array(let values): return .array(values.map(keySetting))
        default: return .other
        }
    }
}
