import Dataverse
import Foundation
import Synchronization

/// Which segment API to speak to an organisation: one named, or `auto`, which asks the
/// organisation once, at the cost of one request the first time, and remembers the answer.
public enum SegmentAPIChoice: String, Sendable, CaseIterable {
    case journeys, outbound, auto

    /// The adapter for `api` over `client`.
    public static func service(_ api: SegmentAPI, client: DataverseClient) -> any SegmentService {
        switch api {
        case .journeys: return JourneysSegmentService(client: client)
        case .outbound: return OutboundSegmentService(client: client)
        }
    }

    /// The API in force: the one named, else the remembered one, else the probe's answer
    /// (remembered when it was a clear one). `remember` nil asks every time (a throw-away service).
    public func resolve(client: DataverseClient, remember: RememberedAPIs?) -> SegmentAPI {
        switch self {
        case .journeys: return .journeys
        case .outbound: return .outbound
        case .auto:
            let key = RememberedAPIs.key(for: client)
            if let known = remember?.api(for: key) { return known }
            guard let found = JourneysProbe.probe(client) else { return .journeys }
            remember?.remember(found, for: key)
            return found
        }
    }
}

/// The APIs found per organisation, in `$XDG_STATE_HOME/segtui/apis.json`: `{"<service root>": "journeys"}`.
public final class RememberedAPIs: Sendable {
    public let path: String
    private let lock = Mutex(())

    public init(path: String) {
        self.path = path
    }

    static func key(for client: DataverseClient) -> String { client.serviceRoot.absoluteString.lowercased() }

    private func read() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONValue.parse(data).objectValue else { return [:] }
        return json.compactMapValues(\.stringValue)
    }

    public func api(for key: String) -> SegmentAPI? {
        lock.withLock { _ in read()[key].flatMap(SegmentAPI.init(rawValue:)) }
    }

    /// Written to a temporary file and renamed, so that a reader never sees half a file.
    public func remember(_ api: SegmentAPI, for key: String) {
        lock.withLock { _ in
            var all = read()
            all[key] = api.rawValue
            let data = JSONValue.object(all.mapValues(JSONValue.string)).jsonData()
            let directory = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
            _ = rename(temporary, path)
        }
    }
}
