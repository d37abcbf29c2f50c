/// The key tables as Markdown, for the README's Keys section: a test fails when the README and
/// the tables differ. Each table is headed by its name in config.toml.
extension KeyMap {
    /// One table per context, in the order of `KeyContext.allCases`, keys as the help prints them.
    public func markdown() -> String {
        var text = ""
        for context in KeyContext.allCases {
            let rows = bindings(in: context)
            guard !rows.isEmpty else { continue }
            if !text.isEmpty { text += "\n" }
            text += "| `[keys.\(context.rawValue)]` | keys |\n|---|---|\n"
            for row in rows {
                let keys = row.chords.map { "`" + ($0 == .character("|") ? "\\|" : $0.description) + "`" }.joined(separator: " ")
                text += "| \(row.help) | \(keys) |\n"
            }
        }
        return text
    }
}
