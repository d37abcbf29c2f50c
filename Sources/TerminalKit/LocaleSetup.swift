import CNCurses

/// Sets the process locale from the environment, falling back to a UTF-8 one: with `LANG` unset
/// (as in CI, cron, or a bare `ssh host cmd`) the C locale makes ncurses print every non-ASCII
/// byte as garbage, while the terminal is almost always UTF-8 anyway.
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
    static func run() -> Outcome {
        setlocale(LC_ALL, "")
        let chosen = currentCodeset()
        if isUTF8(chosen) { return Outcome(environmentCodeset: chosen, isUTF8: true) }
        for name in fallbacks where setlocale(LC_CTYPE, name) != nil {
            if isUTF8(currentCodeset()) { return Outcome(environmentCodeset: chosen, isUTF8: true) }
        }
        setlocale(LC_CTYPE, "")
        return Outcome(environmentCodeset: chosen, isUTF8: false)
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
