extension LikePattern {
    /// The text of `contains`, `startswith` and `endswith` as Dataverse reads it: `%` and `_` are
    /// wildcards and `[x]` stands for the character x, so `[%]`, `[_]` and `[[]` are literal
    /// (segment-service.md, corrections [D]). Returned as a LIKE pattern with `\` as the escape.
    /// A bracket that holds more than one character (a SQL Server character class) has no LIKE
    /// equivalent in SQLite and is taken literally.
    static func dataverse(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        var index = 0
        func literal(_ c: Character) {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        while index < characters.count {
            let c = characters[index]
            switch c {
            case "%", "_":
                out.append(c)
            case "[" where index + 2 < characters.count && characters[index + 2] == "]":
                literal(characters[index + 1])
                index += 2
            default:
                literal(c)
            }
            index += 1
        }
        return out
    }
}
