import Foundation
import TestSupport
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A throw-away OpenSSH server on 127.0.0.1: its own host key, one authorised client key, a
/// config in a temporary folder, run in the foreground (`sshd -D -e`) as a child of the test.
/// Logs in as the user running the test (root in CI).
final class Sshd {
    static let binary = "/usr/sbin/sshd"

    let port: Int
    let clientKey: String
    let user: String
    let logPath: String
    /// Started with posix_spawn, not Foundation's Process: sshd closes every inherited descriptor,
    /// Process takes the closing of its watch socket for an exit and blocks its monitor thread in
    /// waitpid on sshd, which stalls every other Process of the test (tmux send-keys) with it.
    private let pid: pid_t
    private var exited = false

    enum Failure: Error, CustomStringConvertible {
        case setUp(String)
        case didNotStart(String)
        var description: String {
            switch self {
            case .setUp(let text): return "sshd set-up failed: \(text)"
            case .didNotStart(let log): return "sshd did not start listening; its log:\n\(log)"
            }
        }
    }

    init(directory: URL, timeout: TimeInterval = 20) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        let hostKey = directory.appendingPathComponent("host_ed25519").path
        clientKey = directory.appendingPathComponent("client_ed25519").path
        for key in [hostKey, clientKey] {
            let result = try runProgram("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "segtui-e2e", "-f", key])
            guard result.status == 0 else { throw Failure.setUp("ssh-keygen: \(result.output)") }
        }
        let authorized = directory.appendingPathComponent("authorized_keys").path
        try fileManager.copyItem(atPath: clientKey + ".pub", toPath: authorized)
        try fileManager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: authorized)

        // Privilege separation wants its empty directory when sshd runs as root.
        if geteuid() == 0, !fileManager.fileExists(atPath: "/run/sshd") {
            try fileManager.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        port = try Self.freePort()
        logPath = directory.appendingPathComponent("sshd.log").path
        let config = directory.appendingPathComponent("sshd_config").path
        try """
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(hostKey)
        AuthorizedKeysFile \(authorized)
        PidFile \(directory.appendingPathComponent("sshd.pid").path)
        StrictModes no
        UsePAM no
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        AllowUsers \(user)
        PrintMotd no
        PrintLastLog no
        LogLevel VERBOSE

        """.write(toFile: config, atomically: true, encoding: .utf8)

        pid = try Self.spawn([Self.binary, "-D", "-e", "-f", config], log: logPath)

        let port = self.port
        let listening = waitUntil(timeout: timeout) { !isRunning || Self.accepts(port: port) }
        guard listening, isRunning else {
            stop()
            throw Failure.didNotStart((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
        }
    }

    deinit { stop() }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The `ssh` command line that runs `remote` through this server with a terminal.
    func sshCommand(_ remote: String) -> String {
        [
            "ssh", "-tt", "-F", "/dev/null", "-i", clientKey, "-p", String(port), "-l", user,
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "127.0.0.1", Tmux.quote(remote),
        ].joined(separator: " ")
    }

    /// The processes sshd has forked and that are still there (one per open session).
    var sessionProcesses: [Int32] {
        guard isRunning else { return [] }
        return processIds(matching: ".", parent: pid)
    }

    /// Whether sshd is still running; reaps it once it has ended.
    var isRunning: Bool {
        if exited { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        return !exited
    }

    /// SIGTERM, then SIGKILL if it has not ended within a few seconds.
    func stop() {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        if !waitUntil(timeout: 5, { !isRunning }) {
            kill(pid, SIGKILL)
            _ = waitUntil(timeout: 5) { !isRunning }
        }
    }

    /// Starts arguments[0] with stdin from /dev/null and stdout and stderr appended to log.
    private static func spawn(_ arguments: [String], log: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard result == 0 else { throw Failure.setUp("posix_spawn \(arguments[0]): \(String(cString: strerror(result)))") }
        return pid
    }

    /// A port the kernel just handed out on 127.0.0.1 (free unless someone takes it in between).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.setUp("socket: \(errno)") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Failure.setUp("bind: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw Failure.setUp("getsockname: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:port.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
