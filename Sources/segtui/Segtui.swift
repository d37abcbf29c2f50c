import ArgumentParser
import TerminalKit

@main
struct Segtui: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segtui",
        abstract: "Browse and run Dynamics 365 marketing segments from the terminal.",
        discussion: """
            With no --url, segtui starts its embedded segment service on 127.0.0.1 over a demo \
            database in $XDG_DATA_HOME/segtui/ and browses it over HTTP, exactly as it would a \
            real organisation.
            """,
        version: "0.1.0",
        subcommands: [Browse.self, Serve.self] + scriptCommands,
        defaultSubcommand: Browse.self)

    /// Before anything else: the crash backtracer must never take the screen (see BacktraceSetting).
    /// Then shared options may come before the command's name (`segtui --url URL list`).
    static func main() {
        BacktraceSetting.restartIfNeeded()
        let commands = Set(([Browse.self, Serve.self] + scriptCommands).map { $0._commandName })
        main(SharedOptions.reordered(Array(CommandLine.arguments.dropFirst()), commands: commands))
    }
}
