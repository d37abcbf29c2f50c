import ArgumentParser
import Dispatch
import Foundation
import SegmentServer
import ViewModels

#if canImport(Glibc)
import Glibc
#endif

/// `segtui serve`: the embedded segment service alone, for other clients, tests and benchmarks.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the embedded segment service alone.",
        discussion: "Prints 'listening on http://HOST:PORT' once it accepts connections; Ctrl-C stops it.")

    @Option(help: "The address to bind. Anything but loopback exposes the data to the network.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: ArgumentHelp("The SQLite database (default: $XDG_DATA_HOME/segtui/segtui.sqlite).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Seed this many segments when the database is new.", valueName: "n"))
    var seedSegments: Int?

    @Option(help: ArgumentHelp("Seed this many contacts when the database is new.", valueName: "n"))
    var seedContacts: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        if let seedSegments, seedSegments < 0 { throw ValidationError("--seed-segments cannot be negative.") }
        if let seedContacts, seedContacts < 0 { throw ValidationError("--seed-contacts cannot be negative.") }
    }

    func run() throws {
        let path = db ?? AppDirectories().databasePath
        let configuration = SegmentServerConfiguration(
            databasePath: path, host: host, port: port, seedSegments: seedSegments, seedContacts: seedContacts)
        if !Self.isLoopback(host) {
            FileHandle.standardError.write(Data("""
                WARNING: binding \(host), which is not a loopback address: anyone who can reach this \
                machine can read and change the segments in \(path), and there is no sign-in.

                """.utf8))
        }
        let server: RunningSegmentServer
        do {
            server = try SegmentServer.start(configuration)
        } catch {
            throw ValidationError("Cannot start the segment service: \(error)")
        }
        // Unbuffered, so that a parent reading a pipe sees the line at once.
        FileHandle.standardOutput.write(Data("listening on http://\(server.host):\(server.port)\n".utf8))

        // Stop cleanly on Ctrl-C and SIGTERM so that SQLite checkpoints its WAL.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler {
                server.stop()
                Glibc.exit(0)
            }
            source.resume()
            sources.append(source)
        }
        withExtendedLifetime(sources) { dispatchMain() }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
