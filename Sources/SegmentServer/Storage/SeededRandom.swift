/// SplitMix64: a fixed seed gives the same demo database on every machine, so that screenshots,
/// golden screens and benchmarks compare like with like.
struct SeededRandom: RandomNumberGenerator {
    /// Where the sequence stands: `SeededRandom(seed: position)` carries on from here, so that a
    /// seed made in parts (one per API, maybe on different days) draws what one run would.
    private(set) var position: UInt64

    init(seed: UInt64) {
        position = seed
    }

    mutating func next() -> UInt64 {
        position &+= 0x9E37_79B9_7F4A_7C15
        var z = position
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &self) < percent
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &self)]
    }

    /// A version-4-shaped GUID, lowercased.
    mutating func guid() -> String {
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
