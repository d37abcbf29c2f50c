/// SplitMix64: small, fast and the same on every machine, so that a seed names one thing for
/// good: a demo database (screenshots, golden screens and benchmarks compare like with like), a
/// fault-injection run, a fuzz corpus, a monkey's keys, a soak run.
///
/// Its own target, below every layer, because the service (for its seeds and faults) and the test
/// harness (for its corpora) both draw from it and neither may depend on the other.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// Where the sequence stands: `SeededRandom(seed: position)` carries on from here, so that a
    /// seed made in parts (one per API, maybe on different days) draws what one run would.
    public var position: UInt64 { state }

    // Inlinable, as it was inside the service before it had a target of its own: seeding a large
    // demo database draws millions of times.
    @usableFromInline var state: UInt64

    @inlinable public init(seed: UInt64) {
        state = seed
    }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    // Two ways to draw, each kept because seeds already name what it drew: changing either would
    // change the demo database, or the corpus, that a seed stands for.

    /// A number in `range`, drawn uniformly (Swift's own draw); the demo data draws this way.
    @inlinable public mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// True with probability `percent`/100.
    @inlinable public mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &self) < percent
    }

    /// An item drawn uniformly; the demo data draws this way.
    @inlinable public mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &self)]
    }

    /// A number in `0..<bound` by remainder (a little biased, and cheap); the fuzz corpus draws this way.
    @inlinable public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    /// An item drawn by `below`, as the fuzz corpus draws.
    @inlinable public mutating func item<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A version-4-shaped GUID, lowercased.
    @inlinable public mutating func guid() -> String {
        let high = next()
        let low = next()
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for index in 0..<32 {
            let word = index < 16 ? high : low
            var nibble = Int((word >> UInt64((15 - index % 16) * 4)) & 0xF)
            if index == 12 { nibble = 4 }
            if index == 16 { nibble = 8 | (nibble & 3) }
            if index == 8 || index == 12 || index == 16 || index == 20 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(digits[nibble])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
