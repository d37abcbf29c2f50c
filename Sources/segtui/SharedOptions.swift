/// `segtui --url URL list`: options given before the command's name are moved after it, where
/// the command's own parser reads them, so that shared options work on either side of the name.
/// Only the order of the words changes; what they mean is left to the parser.
enum SharedOptions {
    /// Options that take no value (every other option takes the next word, unless written `--x=y`).
    static let flags: Set<String> = ["--read-only", "--no-color", "--ascii", "--mouse", "--json", "--csv", "--table", "--text", "--yes", "--wait",
                                     "--require-token", "-h", "--help", "--version"]

    static func reordered(_ arguments: [String], commands: Set<String>) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            let word = arguments[index]
            leading.append(word)
            index += 1
            if !flags.contains(word), !word.contains("="), index < arguments.count {
                leading.append(arguments[index])
                index += 1
            }
        }
        guard !leading.isEmpty, index < arguments.count, commands.contains(arguments[index]) else { return arguments }
        return [arguments[index]] + leading + arguments[(index + 1)...]
    }
}
