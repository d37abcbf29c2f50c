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
    ],
    targets: [
        .systemLibrary(
            name: "CNCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "CTerminalGuard"),
        .target(name: "CPseudoTerminal", linkerSettings: [.linkedLibrary("util")]),
        // Drives the real binaries for end-to-end tests and the benchmark; no product uses it.
        .target(name: "SegtuiHarness", dependencies: ["CPseudoTerminal"], swiftSettings: strict),
        .target(
            name: "TerminalKit",
            dependencies: ["CNCurses", "CTerminalGuard"],
            swiftSettings: strict
        ),
        .target(name: "Dataverse", swiftSettings: strict),
        .target(name: "Segments", dependencies: ["Dataverse"], swiftSettings: strict),
        .target(name: "ViewModels", dependencies: ["Segments"], swiftSettings: strict),
        .target(name: "Panes", dependencies: ["ViewModels", "TerminalKit"], swiftSettings: strict),
        .target(
            name: "SegmentServer",
            // Not Segments: the service writes its own wire shapes from the reference (DESIGN.md).
            // Dataverse only for its JSON value type.
            dependencies: [
                "Dataverse",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own column reads, for replies written straight from a row (GroupPages).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "segtui",
            dependencies: [
                "Panes", "SegmentServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"], swiftSettings: strict),
        .testTarget(name: "SegmentsTests", dependencies: ["Segments"], swiftSettings: strict),
        .testTarget(name: "ViewModelsTests", dependencies: ["ViewModels"], swiftSettings: strict),
        .testTarget(name: "PanesTests", dependencies: ["Panes"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(
            name: "SegmentServerTests",
            dependencies: ["SegmentServer", "Segments", "SegtuiHarness"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Segments", "ViewModels", "SegtuiHarness", "TerminalKit",
                // Only to plant data the service refuses to store, as a hostile service would hold it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
    ]
)
