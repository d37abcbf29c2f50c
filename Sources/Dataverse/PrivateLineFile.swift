import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A file that whole lines are appended to from any thread, readable by its owner only: the
/// trace and the log hold what an organisation said, so they are made 0600 in a 0700 folder,
/// as the tokens and the database are, and a file an older version left wider is narrowed.
public final class PrivateLineFile: Sendable {
    private let descriptor: Mutex<Int32>
    public let path: String

    /// Why the file cannot be opened, as the system says it.
    public struct OpenError: Error, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    public init(path: String) throws(OpenError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OpenError(reason: String(cString: strerror(errno))) }
        fchmod(fd, 0o600)
        self.descriptor = Mutex(fd)
        self.path = path
    }

    /// Appends `line` and a newline in one write, so that lines from several threads never mix.
    public func append(_ line: Data) {
        var data = line
        data.append(0x0A)
        descriptor.withLock { fd in
            _ = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        }
    }

    deinit { descriptor.withLock { _ = close($0) } }
}
