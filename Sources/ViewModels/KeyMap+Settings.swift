import Keys


/// `[keys.CONTEXT]` tables of config.toml: each key names an action and gives the keys that do it,
/// replacing its defaults in that context.
///
/// ```toml
/// [keys.list]
/// toggle_live = "L"
/// quit = ["q", "ctrl-q"]
/// ```
///
/// A binding that would give one key two meanings in a context is refused with both actions
/// named, rather than one silently winning; so is a context's last way out (quit, close).
/// A value of a `[keys.*]` table as config.toml gave it, with only what key bindings need: the
/// executable turns its TOML values into these, so that view models read no configuration format.
public enum KeySettingValue: Equatable, Sendable {
    case string(String)
    case array([KeySettingValue])
    /// A number, a boolean, anything that is not a key name.
    case other
}

extension KeyMap {
    public struct SettingsError: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// The default bindings with the tables' changes applied. `location` turns a dotted key
    /// ("keys.list.quit") into a "file:line" prefix for messages.
    public static func bindings(
        configuredBy tables: [String: [String: KeySettingValue]], location: (String) -> String
    ) throws(SettingsError) -> [KeyBinding] {
        var bindings = defaults
        for (table, values) in tables.sorted(by: { $0.key < $1.key }) where table == "keys" || table.hasPrefix("keys.") {
            let contextName = table == "keys" ? "list" : String(table.dropFirst("keys.".count))
            guard let context = KeyContext(rawValue: contextName) else {
                let known = KeyContext.allCases.map(\.rawValue).joined(separator: ", ")
                throw SettingsError("\(location(table)): [\(table)] is not a key context; known: \(known)")
            }
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                let place = location(table + "." + name)
                guard let index = bindings.firstIndex(where: { $0.context == context && $0.action.configName == name }) else {
                    let known = bindings.filter { $0.context == context }.map(\.action.configName).joined(separator: ", ")
                    throw SettingsError("\(place): '\(name)' is not an action in [\(table)]; known: \(known)")
                }
                let chords = try chords(from: value, place: place)
                if chords.isEmpty, [.quit, .close].contains(bindings[index].action) {
                    throw SettingsError("\(place): '\(name)' must keep at least one key, or there is no way out")
                }
                bindings[index].chords = chords
            }
            try checkUnique(bindings.filter { $0.context == context }, table: table, location: location)
        }
        return bindings
    }

    private static func chords(from value: KeySettingValue, place: String) throws(SettingsError) -> [Key] {
        let names: [String]
        switch value {
        case .string(let name): names = [name]
        case .array(let values):
            var collected: [String] = []
            for element in values {
                guard case .string(let name) = element else {
                    throw SettingsError("\(place): keys are strings, for example \"ctrl-d\"")
                }
                collected.append(name)
            }
            names = collected
        default:
            throw SettingsError("\(place): give a key as a string (\"j\") or several as an array ([\"j\", \"down\"])")
        }
        var chords: [Key] = []
        for name in names {
            guard let chord = Key(configName: name) else {
                throw SettingsError("\(place): '\(name)' is not a key; write \(Key.namesHelp)")
            }
            if !chords.contains(chord) { chords.append(chord) }
        }
        return chords
    }

    private static func checkUnique(_ bindings: [KeyBinding], table: String, location: (String) -> String) throws(SettingsError) {
        var owner: [Key: AppAction] = [:]
        for binding in bindings {
            for chord in binding.chords {
                if let other = owner[chord], other != binding.action {
                    let place = location(table + "." + binding.action.configName)
                    throw SettingsError("\(place): '\(chord)' would mean both \(other.configName) and \(binding.action.configName) in [\(table)]; "
                        + "give one of them another key")
                }
                owner[chord] = binding.action
            }
        }
    }
}

extension AppAction {
    /// The action's name in config.toml: `toggleLive` is `toggle_live`, `copyJSON` is `copy_json`.
    public var configName: String {
        var name = ""
        var previousWasLower = false
        for character in rawValue {
            if character.isUppercase, previousWasLower { name.append("_") }
            previousWasLower = character.isLowercase
            name += character.lowercased()
        }
        return name
    }
}
