import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The secrets of `segtui serve`, read from files or environment variables as the client reads
/// its own: a value on the command line is visible in `ps` to every user of the machine.
struct ServeSecrets {
    var acceptedTokens: Set<String> = []
    var clientSecret: String?

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(acceptTokenFile: String?, acceptTokenEnv: [String], clientSecretFile: String?, clientSecretEnv: String?,
         environment: [String: String]) throws {
        for name in acceptTokenEnv { acceptedTokens.insert(try Self.variable(name, environment, option: "--accept-token-env")) }
        if let acceptTokenFile {
            let lines = try Self.privateFile(acceptTokenFile, option: "--accept-token-file").split(whereSeparator: \.isNewline)
            acceptedTokens.formUnion(lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        if let clientSecretEnv { clientSecret = try Self.variable(clientSecretEnv, environment, option: "--client-secret-env") }
        if let clientSecretFile {
            clientSecret = try Self.privateFile(clientSecretFile, option: "--client-secret-file").trimmingCharacters(in: .whitespacesAndNewlines)
            if clientSecret?.isEmpty == true { throw Problem(description: "\(clientSecretFile) (--client-secret-file) is empty.") }
        }
    }

    private static func variable(_ name: String, _ environment: [String: String], option: String) throws -> String {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            throw Problem(description: "The environment variable \(name) (\(option)) is not set.")
        }
        return value
    }

    /// The file's text, refused when others can read it: it holds a secret.
    private static func privateFile(_ path: String, option: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "Cannot read \(path) (\(option)).")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw Problem(description: "Refusing \(path) (\(option)): others can read it (mode \(String(info.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
