// swift-tools-version:6.1
import PackageDescription

/// One set of compiler settings for every target.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "micic",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "micic", targets: ["micic"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "Kernel", targets: ["Kernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        // C libraries
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),

        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),

        // The libpq layer and the local server
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LocalPostgres",
            dependencies: ["Postgres", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // The domain and its storage
        .target(name: "Kernel", swiftSettings: swiftSettings),
        .target(name: "Transfer", dependencies: ["Kernel"], swiftSettings: swiftSettings),
        .target(
            name: "Store",
            dependencies: ["Kernel", "Transfer", "Postgres", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Schema",
            path: "Schema",
            resources: [.copy("kernel"), .copy("events"), .copy("news"), .copy("translations")],
            swiftSettings: swiftSettings
        ),

        // The content plugins (each depends on Kernel only) and the demonstration data
        .target(name: "Practices", dependencies: ["Kernel"], path: "Plugins/Practices", swiftSettings: swiftSettings),
        .target(name: "Events", dependencies: ["Kernel"], path: "Plugins/Events", swiftSettings: swiftSettings),
        .target(name: "News", dependencies: ["Kernel"], path: "Plugins/News", swiftSettings: swiftSettings),
        .target(name: "Tools", dependencies: ["Kernel"], path: "Plugins/Tools", swiftSettings: swiftSettings),
        .target(
            name: "Translations",
            dependencies: ["Kernel"],
            path: "Plugins/Translations",
            exclude: ["Storage"],
            swiftSettings: swiftSettings
        ),
        // The Translations plugin's storage: its desk over the Store
        .target(
            name: "TranslationsStore",
            dependencies: ["Translations", "Kernel", "Store", "Postgres"],
            path: "Plugins/Translations/Storage",
            swiftSettings: swiftSettings
        ),
        .target(name: "DemoContent", dependencies: ["Kernel"], swiftSettings: swiftSettings),
        // The one list of plugins, for the executables and the tests
        .target(
            name: "Registration",
            dependencies: [
                "Kernel", "Store", "Postgres", "Schema", "Practices", "Events", "News", "Tools", "Translations",
                "TranslationsStore",
            ],
            swiftSettings: swiftSettings
        ),

        // The shell: depends on the Kernel (and the file formats' CSV writer)
        .target(name: "Shell", dependencies: ["Kernel", "Transfer", "CLibEdit"], swiftSettings: swiftSettings),

        // The public content API over HTTP: depends on the Kernel, the Store and Hummingbird
        .target(
            name: "Delivery",
            dependencies: [
                "Kernel", "Store", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("openapi.json")],
            swiftSettings: swiftSettings
        ),

        // The executables
        .executableTarget(
            name: "micic",
            dependencies: [
                "Postgres", "LocalPostgres", "Kernel", "Store", "Schema", "DemoContent", "Registration",
                "Practices", "Events", "News", "Tools", "Translations", "TranslationsStore", "Shell", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "micic-bench",
            dependencies: [
                "Postgres", "LocalPostgres", "Kernel", "Store", "Schema", "Registration", "Practices", "Events",
                "News", "Tools", "Translations", "TranslationsStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Testing
        .target(
            name: "MicicTesting",
            dependencies: ["Postgres", "LocalPostgres", "Kernel", "Store", "Schema", "Registration"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KernelTests", dependencies: ["Kernel"], swiftSettings: swiftSettings),
        // A plugin of the tests' own (a content type with a workflow unlike the editorial one),
        // registered with the platform's
        .testTarget(
            name: "BulletinPluginTests",
            dependencies: ["Kernel", "Store", "Shell", "Postgres", "Registration", "MicicTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ShellTests",
            dependencies: ["Shell", "Kernel", "Translations"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransferTests",
            dependencies: ["Transfer", "Kernel", "Practices", "Events", "Tools"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres", "MicicTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LocalPostgresTests",
            dependencies: ["LocalPostgres", "Postgres", "MicicTesting"],
            swiftSettings: swiftSettings
        ),
        // Primaries and standbys on this machine, failover, and reading standbys
        .testTarget(
            name: "ReplicationTests",
            dependencies: ["LocalPostgres", "Postgres", "MicicTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "Schema", "Postgres", "Kernel", "Translations", "TranslationsStore", "Registration",
                "MicicTesting",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AttackTests",
            dependencies: [
                "MicicTesting", "Postgres", "Store", "Kernel", "Schema", "Registration", "Translations",
                "TranslationsStore",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PluginTests",
            dependencies: ["Kernel", "Practices", "Events", "News", "Tools", "Translations", "DemoContent"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "Delivery", "Kernel", "Practices", "Events", "News", "Tools", "Postgres", "Store",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "micicTests",
            dependencies: ["MicicTesting", "Postgres", "LocalPostgres", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
    ]
)
