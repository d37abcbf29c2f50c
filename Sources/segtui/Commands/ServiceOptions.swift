import ArgumentParser
import Dataverse
import Foundation
import Logging
import SegmentServer
import Segments
import SegtuiConfiguration
import ViewModels

/// Where a command finds its segments and how it signs in: `--profile` from config.toml,
/// `--url` over it, or else the embedded demo service started for the length of the command.
struct ServiceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A profile of $XDG_CONFIG_HOME/segtui/config.toml (default: its default_profile).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("The segment service's base URL (an organisation or a running 'segtui serve'); without it or a profile's url, the embedded demo service.",
                               valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("The embedded service's database (default: $XDG_DATA_HOME/segtui/segtui.sqlite).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Seconds a request may take before it counts as failed (default: the profile's, else 30).", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("The segment API: journeys (today's organisations), outbound (archives), or auto: ask the organisation once and remember (default: the profile's api, else auto).",
                               valueName: "api"))
    var api: String?

    @Option(help: ArgumentHelp("Write every exchange with the service to this file as JSON lines, tokens and secrets redacted (default: the profile's trace).",
                               valueName: "file"))
    var trace: String?

    @Option(help: ArgumentHelp("How much goes to the log file, $XDG_STATE_HOME/segtui/segtui.log: info adds every request (method, path, status, time), notice and up retries and their reasons (default: the profile's log_level, else notice).",
                               valueName: "level"))
    var logLevel: Logger.Level?

    @Flag(help: "Change nothing: golive, stop, create, delete and members add/remove are refused (exit 64), and the browser has no write keys (as read_only in the profile).")
    var readOnly = false

    // Scripts print no colour; the flag is accepted everywhere so that one alias fits every command.
    @Flag(help: "Draw without colours (as NO_COLOR does); the commands for scripts print none anyway.")
    var noColor = false

    func validate() throws {
        if let api, SegmentAPIChoice(rawValue: api) == nil {
            throw ValidationError("--api must be one of: \(SegmentAPIChoice.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if let url {
            guard let parsed = URL(string: url), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
                throw ValidationError("--url must be an http or https URL, for example https://contoso.crm.dynamics.com")
            }
        }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be above 0.") }
    }

    /// `$XDG_CONFIG_HOME/segtui/config.toml`, read once; a malformed file is a usage error.
    func configFile(environment: [String: String]) throws -> ConfigFile {
        do { return try ConfigFile.load(path: AppDirectories(environment: environment).configPath) } catch {
            throw CommandFailure(.usage, error.description)
        }
    }

    /// The profile in force: the file's (read now unless given), with the flags laid over it.
    func resolvedProfile(environment: [String: String], file: ConfigFile? = nil) throws -> ConnectionProfile {
        let file = try file ?? configFile(environment: environment)
        // The flags first, then SEGTUI_PROFILE and SEGTUI_URL, then the file.
        var environmentURL: URL?
        if url == nil, let text = environment["SEGTUI_URL"], !text.isEmpty {
            guard let parsed = URL(string: text), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw CommandFailure(.usage, "SEGTUI_URL must be an http or https URL, for example https://contoso.crm.dynamics.com")
            }
            environmentURL = parsed
        }
        do {
            var resolved = try file.profile(named: profile ?? environment["SEGTUI_PROFILE"])
            if let url { resolved.url = URL(string: url) } else if let environmentURL { resolved.url = environmentURL }
            if let timeout { resolved.timeout = timeout }
            if let api { resolved.api = api }
            if let trace { resolved.trace = trace }
            if let logLevel { resolved.logLevel = logLevel }
            if readOnly { resolved.readOnly = true }
            return resolved
        } catch {
            throw CommandFailure(.usage, error.description)
        }
    }

    /// Stops a command that would change the service, before anything is sent, when --read-only
    /// or the profile's read_only is in force.
    func refuseWritesIfReadOnly(_ command: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard try resolvedProfile(environment: environment).readOnly else { return }
        let source = readOnly ? "--read-only" : "the profile's read_only"
        throw CommandFailure(.usage, "Read-only (\(source)): '\(command)' would change the service, so nothing was sent.")
    }

    /// A connection to the profile's service, or to the embedded one; stop it when done.
    func connect(
        environment: [String: String] = ProcessInfo.processInfo.environment, prompt: SignInPrompt = SignInPrompt(),
        file: ConfigFile? = nil
    ) throws -> Connection {
        let directories = AppDirectories(environment: environment)
        let profile = try resolvedProfile(environment: environment, file: file)
        var embedded: RunningSegmentServer?
        let root: URL
        if let url = profile.url {
            root = url
        } else {
            let path = db ?? directories.databasePath
            do {
                var configuration = SegmentServerConfiguration(databasePath: path)
                // Both APIs: `auto` prefers journeys, as today's organisations have; --api outbound
                // still browses the outbound demo.
                configuration.api = .both
                let server = try SegmentServer.start(configuration)
                embedded = server
                root = server.baseURL
            } catch {
                throw CommandFailure(.failure, "Cannot start the embedded segment service on \(path): \(error)")
            }
        }
        let tokens: (any TokenProvider)?
        let transport: any HTTPTransport
        let logger = Self.logger(level: profile.logLevel ?? .notice, path: directories.logPath)
        do {
            transport = LoggingTransport(wrapping: try Self.transport(timeout: profile.timeout, trace: profile.trace), logger: logger)
            tokens = try SignIn.tokenProvider(
                for: profile.signInSettings(environment: environment), environment: environment, refreshTokenPath: directories.refreshTokenPath,
                transport: transport, prompt: { code in prompt.show(code) })
        } catch {
            embedded?.stop()
            throw CommandFailure(.usage, "\(error)")
        }
        let client = DataverseClient(organization: root, apiVersion: profile.apiVersion, transport: transport, tokens: tokens, logger: logger)
        // An embedded service lives on a new port each run: ask it, but remember nothing.
        let remembered = embedded == nil ? RememberedAPIs(path: directories.rememberedAPIsPath) : nil
        let choice = SegmentAPIChoice(rawValue: profile.api ?? "auto") ?? .auto
        let api = choice.resolve(client: client, remember: remembered)
        return Connection(profile: profile, client: client, service: SegmentAPIChoice.service(api, client: client), tokens: tokens, embedded: embedded)
    }

    /// The client's log, in the file the browser also sends its stderr to. A log that cannot be
    /// written is no reason to refuse the work: the command runs unlogged.
    static func logger(level: Logger.Level, path: String) -> Logger {
        guard let file = try? PrivateLineFile(path: path) else { return DataverseClient.silentLogger }
        return FileLogHandler.logger(label: "segtui.http", file: file, level: level)
    }

    /// The HTTP transport every request goes through, the sign-in's included, traced when asked.
    static func transport(timeout: TimeInterval, trace: String?) throws -> any HTTPTransport {
        let plain = URLSessionTransport(timeout: timeout)
        guard let trace else { return plain }
        let path = trace.replacingOccurrences(of: "~", with: NSHomeDirectory(), options: .anchored)
        do {
            return TracingTransport(wrapping: plain, log: try TraceLog(path: path))
        } catch {
            throw CommandFailure(.usage, error.description)
        }
    }

    /// Connects, runs `body`, and stops the embedded service afterwards whatever happens.
    func withService<T>(_ body: (any SegmentService) throws -> T) throws -> T {
        let connection = try connect()
        defer { connection.close() }
        do {
            return try body(connection.service)
        } catch let error as SegmentServiceError {
            throw CommandFailure(error)
        } catch let error as DataverseError {
            throw CommandFailure(SegmentServiceError(error))
        } catch let error as SegmentResolver.Failure {
            throw CommandFailure(error)
        }
    }
}

/// A service to talk to, and the embedded server behind it when there is one.
struct Connection {
    var profile: ConnectionProfile
    var client: DataverseClient
    var service: any SegmentService
    var tokens: (any TokenProvider)?
    var embedded: RunningSegmentServer?

    /// Signs in now, so that a device-code prompt appears on the terminal before anything else.
    func signIn() throws {
        do {
            _ = try tokens?.accessToken(refresh: false)
        } catch {
            throw CommandFailure(.failure, error.description)
        }
    }

    func close() { embedded?.stop() }
}
