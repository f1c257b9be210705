// swift-tools-version:6.1
import PackageDescription

/// Mutasi: transfer planning for Indonesian regional governments.
///
/// Dependencies point inwards: Domain and Planning know nothing of storage or transport;
/// Repositories declares what services need from storage; Postgres implements it; Services
/// hold one use case each; HTTP and CLI are thin shells; App wires them together.
let package = Package(
    name: "Mutasi",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mutasi", targets: ["mutasi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.86.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure domain: types, rules, errors. No I/O.
        .target(name: "MutasiDomain"),
        // Pure planning engine (planning.md): instance in, optimal plan out. No I/O.
        .target(name: "MutasiPlanning"),
        // Pure .xlsx writing and reading (ZIP, DEFLATE, sheet XML) for imports and exports. No I/O.
        .target(name: "MutasiSpreadsheet"),
        // What services need from storage.
        .target(name: "MutasiRepositories", dependencies: ["MutasiDomain"]),
        // PostgreSQL adapters for the repository protocols, with their SQL.
        .target(
            name: "MutasiPostgres",
            dependencies: [
                "MutasiDomain", "MutasiRepositories",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // One service per use case; role, tenant and ownership checks live here.
        .target(
            name: "MutasiServices",
            dependencies: [
                "MutasiDomain", "MutasiRepositories", "MutasiPlanning", "MutasiSpreadsheet",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // HTTP API over the services.
        .target(
            name: "MutasiHTTP",
            dependencies: [
                "MutasiDomain", "MutasiRepositories", "MutasiServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("openapi.json"), .copy("Web/mutasi.css"), .copy("Web/Needs/abk.js")]
        ),
        // Composition root: configuration, database, services, application.
        .target(
            name: "MutasiApp",
            dependencies: [
                "MutasiDomain", "MutasiRepositories", "MutasiPostgres", "MutasiServices", "MutasiHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Admin CLI commands over the same services.
        .target(
            name: "MutasiCLI",
            dependencies: [
                "MutasiDomain", "MutasiPlanning", "MutasiServices", "MutasiApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "mutasi",
            dependencies: ["MutasiCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(name: "MutasiDomainTests", dependencies: ["MutasiDomain"]),
        .testTarget(name: "MutasiPlanningTests", dependencies: ["MutasiPlanning"]),
        .testTarget(name: "MutasiSpreadsheetTests", dependencies: ["MutasiSpreadsheet"]),
        .testTarget(
            name: "MutasiIntegrationTests",
            dependencies: [
                "MutasiDomain", "MutasiRepositories", "MutasiPostgres", "MutasiServices",
                "MutasiHTTP", "MutasiApp", "MutasiCLI", "mutasi", "MutasiSpreadsheet",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
