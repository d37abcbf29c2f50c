import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The database holds an organisation's data: it is made 0600 in a 0700 folder, as the client's
/// tokens are. SQLite gives its `-wal` and `-shm` files the mode of the database file, so creating
/// that file first with 0600 covers all three; files an older version left 0644 are narrowed.
enum PrivateFiles {
    /// Creates the missing folders of `path` as 0700.
    static func makeDirectory(for path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard !FileManager.default.fileExists(atPath: directory) else { return }
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Creates `path` empty with 0600 when it is missing (an empty file is an empty SQLite
    /// database), and narrows it and its WAL and shared-memory files to 0600 when they exist.
    static func prepareDatabase(at path: String) throws {
        try makeDirectory(for: path)
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        close(descriptor)
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            _ = chmod(file, 0o600)
        }
    }
}
