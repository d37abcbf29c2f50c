import ArgumentParser
import Dataverse
import Foundation
import Panes
import Segments
import TerminalKit
import ViewModels

/// `segtui [--profile NAME | --url URL]`: the interactive browser, the default command. A
/// subcommand of its own so that its options cannot swallow the same options of `serve` and the
/// script commands.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Browse segments in a full-screen terminal UI (the default command).")

    /// With --read-only and --no-color, which every command shares: the first removes every write
    /// action (edit, go live, create, delete, members) from the keys and the help.
    @OptionGroup var service: ServiceOptions

    @Option(help: ArgumentHelp("Rows fetched a page (default: the profile's, else 50).", valueName: "n"))
    var pageSize: Int?

    @Option(help: ArgumentHelp("Seconds between live refreshes of the list and the detail; 0 turns them off (default: the profile's, else 10).",
                               valueName: "seconds"))
    var refresh: Int?

    @Flag(help: "Draw with ASCII only (as a non-UTF-8 locale such as LANG=C does).")
    var ascii = false

    @Flag(help: "Click to select a row (again to open it) and scroll with the wheel; hold Shift to select text.")
    var mouse = false

    func validate() throws {
        if let pageSize, !(1...5000).contains(pageSize) { throw ValidationError("--page-size must be between 1 and 5000.") }
        if let refresh, !(0...3600).contains(refresh) { throw ValidationError("--refresh must be between 0 (off) and 3600 seconds.") }
    }

    func run() throws {
        try reportingFailures {
            let environment = ProcessInfo.processInfo.environment
            let directories = AppDirectories(environment: environment)
            let prompt = SignInPrompt()
            let file = try service.configFile(environment: environment)
            let settings: ScreenSettings
            do { settings = try ScreenSettings(file: file) } catch {
                throw CommandFailure(.usage, "\(error)")
            }
            let connection = try service.connect(environment: environment, prompt: prompt, file: file)
            do {
                try connection.signIn()
            } catch {
                connection.close()
                throw error
            }
            try? AppDirectories.ensure(directories.state)
            let options = TerminalSession.Options(
                noColor: service.noColor || settings.noColor == true || Theme.noColorRequested(),
                ascii: ascii || settings.ascii == true ? true : nil,
                stderrLogPath: directories.logPath, mouse: mouse || settings.mouse == true,
                themeOverrides: settings.themeOverrides)
            let pageSize = self.pageSize ?? connection.profile.pageSize
            let refresh = self.refresh ?? connection.profile.refresh
            let segments = connection.service
            let readOnly = connection.profile.readOnly
            try MainActor.assumeIsolated {
                let session: TerminalSession
                do {
                    session = try TerminalSession.start(options)
                } catch {
                    connection.close()
                    throw CommandFailure(.failure, "\(error)")
                }
                let model = AppModel(service: segments, keyMap: KeyMap(bindings: settings.bindings, readOnly: readOnly), pageSize: pageSize,
                                     drafts: DraftStore(directory: directories.draftsPath), refreshInterval: TimeInterval(refresh))
                prompt.forward(to: model)
                let runner = AppRunner(model: model, session: session)
                runner.onExit = { connection.close() }
                runner.run()
            }
        }
    }
}
