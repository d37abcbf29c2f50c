import ArgumentParser
import Dataverse
import Foundation
import Panes
import SegmentServer
import Segments
import TerminalKit
import ViewModels

/// `segtui [--url URL]`: the interactive browser, the default command. A subcommand of its own so
/// that its options (`--url`, `--db`) cannot swallow the same options of `serve` and the scripts.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Browse segments in a full-screen terminal UI (the default command).")

    @Option(help: ArgumentHelp("Browse the segment service at this base URL (an organisation URL or a running 'segtui serve').",
                               valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("Rows fetched a page.", valueName: "n"))
    var pageSize: Int = 50

    @Flag(help: "Draw without colours (as NO_COLOR does).")
    var noColor = false

    @Option(help: ArgumentHelp("The embedded service's database (default: $XDG_DATA_HOME/segtui/segtui.sqlite).", valueName: "path"))
    var db: String?

    func validate() throws {
        guard (1...5000).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 5000.") }
        if let url {
            guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
                throw ValidationError("--url must be an http or https URL, for example https://contoso.crm.dynamics.com")
            }
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let directories = AppDirectories(environment: environment)
        var embedded: RunningSegmentServer?
        let serviceURL: URL
        if let url, let parsed = URL(string: url) {
            serviceURL = parsed
        } else {
            let path = db ?? directories.databasePath
            do {
                let server = try SegmentServer.start(SegmentServerConfiguration(databasePath: path))
                embedded = server
                serviceURL = server.baseURL
            } catch {
                throw ValidationError("Cannot start the embedded segment service on \(path): \(error)")
            }
        }
        let token = environment["SEGTUI_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let client = DataverseClient(organization: serviceURL, token: { token })
        let service = DataverseSegmentService(client: client)

        try? AppDirectories.ensure(directories.state)
        let options = TerminalSession.Options(
            noColor: noColor || Theme.noColorRequested(), stderrLogPath: directories.logPath)
        let pageSize = self.pageSize
        try MainActor.assumeIsolated {
            let session: TerminalSession
            do {
                session = try TerminalSession.start(options)
            } catch {
                embedded?.stop()
                throw ValidationError("\(error)")
            }
            let model = AppModel(service: service, pageSize: pageSize)
            let runner = AppRunner(model: model, session: session)
            runner.onExit = { embedded?.stop() }
            runner.run()
        }
    }
}
