import CNCurses
import Foundation

/// Sets the process locale from the environment. A locale the user named is obeyed: `LANG=C`
/// or a Latin-1 locale says the terminal cannot show UTF-8, so the session draws ASCII. With no
/// locale named at all (as in cron, or a bare `ssh host cmd` whose server drops `LANG`) it falls
/// back to a UTF-8 one: the C locale would make ncurses print every non-ASCII byte as garbage,
/// while such a terminal is almost always UTF-8 anyway.
enum LocaleSetup {
    struct Outcome {
        /// The codeset the environment chose, before any fallback ("ANSI_X3.4-1968" for C).
        var environmentCodeset: String
        /// Whether the locale in force afterwards is UTF-8.
        var isUTF8: Bool
    }

    /// Only LC_CTYPE falls back, so messages, collation and number formats stay the user's.
    static let fallbacks = ["C.UTF-8", "C.utf8", "en_US.UTF-8"]

    @MainActor
    static func run(environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        setlocale(LC_ALL, "")
        let chosen = currentCodeset()
        if isUTF8(chosen) { return Outcome(environmentCodeset: chosen, isUTF8: true) }
        if namesLocale(environment) { return Outcome(environmentCodeset: chosen, isUTF8: false) }
        for name in fallbacks where setlocale(LC_CTYPE, name) != nil {
            if isUTF8(currentCodeset()) { return Outcome(environmentCodeset: chosen, isUTF8: true) }
        }
        setlocale(LC_CTYPE, "")
        return Outcome(environmentCodeset: chosen, isUTF8: false)
    }

    /// Whether the environment names a locale for characters (POSIX order: LC_ALL, LC_CTYPE, LANG).
    static func namesLocale(_ environment: [String: String]) -> Bool {
        ["LC_ALL", "LC_CTYPE", "LANG"].contains { !(environment[$0] ?? "").isEmpty }
    }

    static func isUTF8(_ codeset: String) -> Bool {
        let normalized = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return normalized == "utf8"
    }

    private static func currentCodeset() -> String {
        guard let codeset = tk_codeset() else { return "" }
        return String(cString: codeset)
    }
}
