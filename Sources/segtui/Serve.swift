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

    @Option(help: ArgumentHelp("The segment API to answer: journeys (as a 2026 organisation), outbound, or both.", valueName: "api"))
    var api: ServedAPI = .journeys

    @Option(help: ArgumentHelp("The SQLite database (default: $XDG_DATA_HOME/segtui/segtui.sqlite).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Seed this many segments when the database is new.", valueName: "n"))
    var seedSegments: Int?

    @Option(help: ArgumentHelp("Seed this many contacts when the database is new.", valueName: "n"))
    var seedContacts: Int?

    @Option(help: ArgumentHelp("Seconds a segment stays Going live or Stopping before it moves on.", valueName: "seconds"))
    var lifecycleDelay: Double = 1.0

    @Flag(help: "Refuse Web API requests without a valid bearer token (401), as an organisation does.")
    var requireToken = false

    @Flag(help: "Keep no audit records of segments, as an organisation that does not audit them (history then says so).")
    var noAudit = false

    // Secrets come from a file or an environment variable, never from the command line, where
    // `ps` shows them to every user of the machine; as the client's config takes its secret.
    @Option(help: ArgumentHelp("A file of bearer tokens to accept (one a line) besides those the token endpoint issues.", valueName: "path"))
    var acceptTokenFile: String?

    @Option(help: ArgumentHelp("An environment variable holding a bearer token to accept (repeatable).", valueName: "name"))
    var acceptTokenEnv: [String] = []

    @Option(help: ArgumentHelp("A file holding the client secret the token endpoint wants for client credentials.", valueName: "path"))
    var clientSecretFile: String?

    @Option(help: ArgumentHelp("An environment variable holding that client secret.", valueName: "name"))
    var clientSecretEnv: String?

    @Option(help: ArgumentHelp("Seconds an issued access token lasts.", valueName: "seconds"))
    var tokenLifetime: Double = 3599

    @Option(help: ArgumentHelp("Seconds a device-code client must wait between polls.", valueName: "seconds"))
    var deviceCodeInterval: Double = 5

    @Option(help: ArgumentHelp("Service protection: requests allowed a window (429 with Retry-After past it).", valueName: "n"))
    var throttleRequests: Int?

    @Option(help: ArgumentHelp("Service protection: the sliding window in seconds.", valueName: "seconds"))
    var throttleWindow: Double = 300

    @Option(help: ArgumentHelp("Service protection: concurrent requests allowed.", valueName: "n"))
    var throttleConcurrent: Int = 52

    @Option(help: ArgumentHelp("Fault injection: the share of answers that are 500 or 503 (0 to 1).", valueName: "rate"))
    var faultErrorRate: Double = 0

    @Option(help: ArgumentHelp("Fault injection: the share of connections dropped without an answer.", valueName: "rate"))
    var faultDropRate: Double = 0

    @Option(help: ArgumentHelp("Fault injection: the share of answers with a malformed body.", valueName: "rate"))
    var faultMalformedRate: Double = 0

    @Option(help: ArgumentHelp("Fault injection: seconds of latency added to every answer.", valueName: "seconds"))
    var faultLatency: Double = 0

    @Option(help: ArgumentHelp("Fault injection: the random seed, for repeatable runs.", valueName: "n"))
    var faultSeed: UInt64 = 1

    func validate() throws {
        for (name, rate) in [("--fault-error-rate", faultErrorRate), ("--fault-drop-rate", faultDropRate), ("--fault-malformed-rate", faultMalformedRate)]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1.")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        if let seedSegments, seedSegments < 0 { throw ValidationError("--seed-segments cannot be negative.") }
        if let seedContacts, seedContacts < 0 { throw ValidationError("--seed-contacts cannot be negative.") }
        if clientSecretFile != nil, clientSecretEnv != nil { throw ValidationError("Give --client-secret-file or --client-secret-env, not both.") }
    }

    func run() throws {
        let path = db ?? AppDirectories().databasePath
        var configuration = SegmentServerConfiguration(
            databasePath: path, host: host, port: port, seedSegments: seedSegments, seedContacts: seedContacts)
        configuration.lifecycleDelay = lifecycleDelay
        configuration.api = api
        configuration.requireToken = requireToken
        let secrets: ServeSecrets
        do {
            secrets = try ServeSecrets(
                acceptTokenFile: acceptTokenFile, acceptTokenEnv: acceptTokenEnv, clientSecretFile: clientSecretFile,
                clientSecretEnv: clientSecretEnv, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError("\(error)")
        }
        configuration.acceptedTokens = secrets.acceptedTokens
        configuration.clientSecret = secrets.clientSecret
        configuration.tokenLifetime = tokenLifetime
        configuration.deviceCodeInterval = deviceCodeInterval
        if let throttleRequests {
            configuration.protection = ServiceProtection(
                requestsPerWindow: throttleRequests, window: throttleWindow, maxConcurrent: throttleConcurrent)
        }
        configuration.auditSegments = !noAudit
        configuration.faults = FaultInjection(
            errorRate: faultErrorRate, latency: faultLatency, dropRate: faultDropRate, malformedRate: faultMalformedRate, seed: faultSeed)
        if !configuration.isLoopback {
            guard requireToken else { throw ValidationError(SegmentServerError.exposed(host: host).description + ".") }
            FileHandle.standardError.write(Data("""
                WARNING: binding \(host), which is not a loopback address: anyone who can reach this machine can reach \
                the service. The segments in \(path) are protected only by --require-token: a caller needs a token from \
                its token endpoint (client credentials with the client secret, or a device code approved with the secret \
                printed here) or one of the accepted tokens. The traffic is plain HTTP: put TLS in front of it.

                """.utf8))
        }
        let server: RunningSegmentServer
        do {
            server = try SegmentServer.start(configuration)
        } catch {
            throw ValidationError("Cannot start the segment service: \(error)")
        }
        // Unbuffered, so that a parent reading a pipe sees the line at once.
        FileHandle.standardOutput.write(Data("listening on \(SegmentServerConfiguration.url(host: server.host, port: server.port))\n".utf8))

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
}

extension ServedAPI: ExpressibleByArgument {}
