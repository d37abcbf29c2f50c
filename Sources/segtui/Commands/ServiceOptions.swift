import ArgumentParser
import Dataverse
import Foundation
import SegmentServer
import Segments
import ViewModels

/// Where a command finds its segments: `--url`, or else the embedded demo service started for
/// the length of the command.
struct ServiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The segment service's base URL (an organisation or a running 'segtui serve'); without it, the embedded demo service.",
                               valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("The embedded service's database (default: $XDG_DATA_HOME/segtui/segtui.sqlite).", valueName: "path"))
    var db: String?

    func validate() throws {
        if let url {
            guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
                throw ValidationError("--url must be an http or https URL, for example https://contoso.crm.dynamics.com")
            }
        }
    }

    /// Connects, runs `body`, and stops the embedded service afterwards whatever happens.
    func withService<T>(_ body: (any SegmentService) throws -> T) throws -> T {
        let environment = ProcessInfo.processInfo.environment
        var embedded: RunningSegmentServer?
        defer { embedded?.stop() }
        let root: URL
        if let url, let parsed = URL(string: url) {
            root = parsed
        } else {
            let path = db ?? AppDirectories(environment: environment).databasePath
            do {
                let server = try SegmentServer.start(SegmentServerConfiguration(databasePath: path))
                embedded = server
                root = server.baseURL
            } catch {
                throw CommandFailure(.failure, "Cannot start the embedded segment service on \(path): \(error)")
            }
        }
        let token = environment["SEGTUI_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        let service = DataverseSegmentService(client: DataverseClient(organization: root, token: { token }))
        do {
            return try body(service)
        } catch let error as DataverseError {
            throw CommandFailure(error)
        } catch let error as SegmentResolver.Failure {
            throw CommandFailure(error)
        }
    }
}
