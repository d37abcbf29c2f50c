// swift-tools-version:6.1
// One target per layer; the arrows point one way (see README, "Layers").
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "segtui",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "segtui", targets: ["segtui"]),
        .executable(name: "segtui-bench", targets: ["segtui-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "CTerminalGuard"),
        .target(name: "CPseudoTerminal", linkerSettings: [.linkedLibrary("util")]),
        // The seeded generator under every layer: the service's seeds and faults and the harness's
        // corpora draw from it, and neither of those may depend on the other.
        .target(name: "SeededRandom", swiftSettings: strict),
        // Drives the real binaries for end-to-end tests and the benchmark; no product uses it.
        .target(name: "SegtuiHarness", dependencies: ["CPseudoTerminal", "SeededRandom"], swiftSettings: strict),
        // The one key type: what the terminal decodes is what the key map binds.
        .target(name: "Keys", swiftSettings: strict),
        .target(
            name: "TerminalKit",
            dependencies: ["Keys", "CNCurses", "CTerminalGuard"],
            swiftSettings: strict
        ),
        .target(name: "Dataverse", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .target(name: "Segments", dependencies: ["Dataverse"], swiftSettings: strict),
        .target(name: "ViewModels", dependencies: ["Keys", "Segments"], swiftSettings: strict),
        .target(name: "Panes", dependencies: ["ViewModels", "TerminalKit"], swiftSettings: strict),
        // Test doubles of the product's seams (a segment service in memory, a clock moved by
        // hand), for tests and benchmarks; the executable never links them.
        .target(name: "SegmentsTesting", dependencies: ["Segments", "ViewModels"], swiftSettings: strict),
        // Helpers that several test targets share: waiting with a deadline, the main actor, a pty.
        .target(name: "TestSupport", dependencies: ["CPseudoTerminal"], swiftSettings: strict),
        .target(
            name: "SegmentServer",
            // Not Segments: the service writes its own wire shapes from the reference (DESIGN.md).
            // Dataverse only for its JSON value type.
            dependencies: [
                "Dataverse", "SeededRandom",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // SQLite's own column reads, for replies written straight from a row (GroupPages).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // The program's own files: config.toml, profiles, screen settings, paths, the log file.
        // Only the executable reads them; the libraries are handed values.
        .target(
            name: "SegtuiConfiguration",
            dependencies: [
                "Dataverse", "ViewModels", "TerminalKit",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "segtui",
            dependencies: [
                "Panes", "SegmentServer", "SegtuiConfiguration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "segtui-bench",
            dependencies: ["Segments", "SegtuiHarness"],
            swiftSettings: strict
        ),
        // A program that traps inside a terminal session, for TerminalKit's crash tests to run.
        .executableTarget(name: "terminal-crash-probe", dependencies: ["TerminalKit"], swiftSettings: strict),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "SegmentsTests", dependencies: ["Segments", "SegmentsTesting"], swiftSettings: strict),
        .testTarget(
            name: "ViewModelsTests",
            dependencies: ["ViewModels", "SegmentsTesting", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PanesTests",
            dependencies: ["Panes", "SegtuiConfiguration", "SegmentsTesting", "TestSupport"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(name: "SegtuiConfigurationTests", dependencies: ["SegtuiConfiguration"], swiftSettings: strict),
        .testTarget(
            name: "SegmentServerTests",
            dependencies: ["SegmentServer", "Segments", "SegtuiHarness", "TestSupport", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Segments", "ViewModels", "SegtuiHarness", "TerminalKit", "SeededRandom", "TestSupport",
                // Only to plant data the service refuses to store, as a hostile service would hold it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
    ]
)
