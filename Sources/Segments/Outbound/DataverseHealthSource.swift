import Dataverse

/// The Dataverse client's `ServiceHealth`, as the domain's `ConnectionHealthSource`.
struct DataverseHealthSource: ConnectionHealthSource {
    let health: ServiceHealth

    var current: ConnectionHealth { Self.domain(health.current) }

    func observe(_ observer: @escaping @Sendable (ConnectionHealth) -> Void) {
        health.onChange.withLock { $0 = { state in observer(Self.domain(state)) } }
    }

    func cancelWaits() { health.cancel() }

    static func domain(_ state: ServiceHealth.State) -> ConnectionHealth {
        ConnectionHealth(throttledUntil: state.throttledUntil, isOffline: state.isOffline, lastProblem: state.lastProblem)
    }
}
