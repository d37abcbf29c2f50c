import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

public struct SegmentServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    /// 0 asks the system for a free port.
    public var port: Int = 0
    /// The SQLite file; its parent directory is created if missing.
    public var databasePath: String
    /// nil: the demo default (about 40), on first use only.
    public var seedSegments: Int? = nil
    /// nil: the demo default (a few hundred), on first use only.
    public var seedContacts: Int? = nil
    /// Seconds a segment stays Going live or Stopping before the service moves it on.
    public var lifecycleDelay: Double = 1.0
    /// Keep audit records of segment tables (`audits`, `RetrieveRecordChangeHistory`), as an
    /// organisation with auditing on does; off answers as an organisation that does not audit them.
    public var auditSegments = true
    /// Refuse Web API requests without a valid bearer token (401), as an organisation does.
    public var requireToken: Bool = false
    /// Tokens accepted besides those the built-in token endpoint issues (for example `SEGTUI_TOKEN`).
    public var acceptedTokens: Set<String> = []
    /// The client secret the token endpoint wants for client credentials. nil: under
    /// `requireToken` client credentials are refused; without it (no sign-in anyway) any is taken.
    public var clientSecret: String? = nil
    /// Told the one-time secret that approves each device code. The secret is also written to
    /// stderr (the server's terminal): whoever approves a code must be able to read it there.
    public var onDeviceCode: (@Sendable (_ userCode: String, _ approvalSecret: String) -> Void)? = nil
    /// Seconds an issued access token lasts.
    public var tokenLifetime: Double = 3599
    /// Seconds a device-code client must wait between polls (faster polls get `slow_down`).
    public var deviceCodeInterval: Double = 5
    /// Seconds a device code stays usable.
    public var deviceCodeLifetime: Double = 900
    /// Service protection limits (429 with Retry-After); nil: none.
    public var protection: ServiceProtection? = nil
    /// Faults to inject into Web API answers; off by default.
    public var faults = FaultInjection()
    /// The segment API answered; journeys by default, as a 2026 organisation has.
    public var api = ServedAPI.journeys

    /// Whether `host` accepts connections from this machine only. Exactly these three names: a
    /// name that merely starts with `127.` may resolve anywhere. Without `requireToken` the
    /// service has no sign-in, so `SegmentServer.start` refuses any other address.
    public var isLoopback: Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return name == "localhost" || name == "::1" || name == "127.0.0.1"
    }

    /// `http://HOST:PORT`, with an IPv6 address in brackets.
    public static func url(host: String, port: Int) -> String {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return "http://" + (bare.contains(":") ? "[\(bare)]" : bare) + ":\(port)"
    }

    public init(databasePath: String, host: String = "127.0.0.1", port: Int = 0, seedSegments: Int? = nil, seedContacts: Int? = nil) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.seedSegments = seedSegments
        self.seedContacts = seedContacts
    }
}

public enum SegmentServerError: Error, CustomStringConvertible {
    case cannotListen(host: String, port: Int, reason: String)
    case database(String)
    /// A non-loopback address without `requireToken`: anyone on the network could change the data.
    case exposed(host: String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason): return "cannot listen on \(host):\(port): \(reason)"
        case .database(let reason): return "cannot open the segment database: \(reason)"
        case .exposed(let host):
            return "refusing to listen on \(host): it is not a loopback address (127.0.0.1, ::1 or localhost), and without "
                + "--require-token anyone who can reach it could read and change every segment"
        }
    }
}

/// The embedded, Dataverse-compatible segment service.
public enum SegmentServer {
    /// Opens (creating and seeding on first use) the database, binds, and returns once listening.
    /// Blocking; call from a non-main thread or before the UI starts.
    public static func start(_ configuration: SegmentServerConfiguration) throws -> RunningSegmentServer {
        guard configuration.isLoopback || configuration.requireToken else { throw SegmentServerError.exposed(host: configuration.host) }
        let database: SegmentDatabase
        let identity: OrganizationIdentity
        do {
            try SegmentDatabase.createSeeded(
                path: configuration.databasePath,
                seed: DemoSeed(segments: configuration.seedSegments, contacts: configuration.seedContacts, api: configuration.api))
            database = try SegmentDatabase(path: configuration.databasePath)
            identity = try database.pool.write { db in
                // The parts the API served now needs and an earlier start under another API did not.
                var seed = DemoSeed(segments: configuration.seedSegments, contacts: configuration.seedContacts, api: configuration.api)
                // The demo's rows are not anyone's writes: seeding happens with auditing off.
                try AuditTables.setAudited(db, false)
                try seed.runIfNeeded(db)
                try AuditTables.setAudited(db, configuration.auditSegments)
                guard let identity = try OrganizationIdentity.load(db) else {
                    throw SegmentServerError.database("the organisation's ids are missing")
                }
                return identity
            }
        } catch let error as SegmentServerError {
            throw error
        } catch {
            throw SegmentServerError.database("\(error)")
        }
        return try RunningSegmentServer.launch(configuration: configuration, database: database, identity: identity)
    }
}

/// A listening service. `stop()` shuts it down gracefully and waits until it has.
public final class RunningSegmentServer: Sendable {
    public let host: String
    public let port: Int
    /// `http://HOST:PORT/`; the Web API lives under `api/data/v9.2/`.
    public var baseURL: URL {
        URL(string: SegmentServerConfiguration.url(host: host, port: port) + "/")!
    }

    /// The routes' shared state; tests reach the database through it.
    let state: ServerState
    private let group: ServiceGroup
    private let finished: DispatchSemaphore
    private let stopped = Mutex(false)

    private init(host: String, port: Int, state: ServerState, group: ServiceGroup, finished: DispatchSemaphore) {
        self.host = host
        self.port = port
        self.state = state
        self.group = group
        self.finished = finished
    }

    public func stop() {
        let first = stopped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        state.lifecycle.stop()
        state.journeyLifecycle.stop()
        let group = self.group
        Task { await group.triggerGracefulShutdown() }
        finished.wait()
    }

    private enum Startup: Sendable {
        case waiting
        case listening(Int)
        case failed(String)
    }

    static func launch(configuration: SegmentServerConfiguration, database: SegmentDatabase, identity: OrganizationIdentity) throws
        -> RunningSegmentServer
    {
        let startup = Mutex(Startup.waiting)
        let ready = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let logger = Logger(label: "segtui.server") { _ in SwiftLogNoOpLogHandler() }
        let state = ServerState(database: database, identity: identity, configuration: configuration)
        try state.lifecycle.resumePending()
        try state.journeyLifecycle.resumePending()
        let application = Application(
            responder: ServiceResponder(state: state),
            server: .http1(configuration: .init(additionalChannelHandlers: [ProtocolErrorHandler()])),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                state.bound(to: port)
                startup.withLock { $0 = .listening(port) }
                ready.signal()
            },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        Task.detached {
            do {
                try await group.run()
            } catch {
                startup.withLock { state in
                    if case .waiting = state { state = .failed("\(error)") }
                }
            }
            ready.signal()
            finished.signal()
        }
        ready.wait()
        switch startup.withLock({ $0 }) {
        case .listening(let port):
            return RunningSegmentServer(host: configuration.host, port: port, state: state, group: group, finished: finished)
        case .failed(let reason):
            throw SegmentServerError.cannotListen(host: configuration.host, port: configuration.port, reason: reason)
        case .waiting:
            throw SegmentServerError.cannotListen(host: configuration.host, port: configuration.port, reason: "the server stopped before listening")
        }
    }
}
