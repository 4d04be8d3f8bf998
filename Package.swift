// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Rapat",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RapatCore", targets: ["RapatCore"]),
        .library(name: "RapatStore", targets: ["RapatStore"]),
        .library(name: "RapatSQLite", targets: ["RapatSQLite"]),
        .library(name: "RapatPostgres", targets: ["RapatPostgres"]),
        .library(name: "RapatService", targets: ["RapatService"]),
        .library(name: "RapatCalendar", targets: ["RapatCalendar"]),
        .library(name: "RapatMinutes", targets: ["RapatMinutes"]),
        .executable(name: "rapat", targets: ["rapat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
    ],
    targets: [
        // Signed seals use ECDSA P-256 from swift-crypto; everything else in the core is plain Swift.
        .target(name: "RapatCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The store protocol, the algorithms every backend shares, and the conformance suite's subject.
        .target(name: "RapatStore", dependencies: ["RapatCore"]),
        // One target per backend: none links both drivers.
        .target(
            name: "RapatSQLite",
            dependencies: ["RapatCore", "RapatStore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "RapatPostgres",
            dependencies: ["RapatCore", "RapatStore", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "RapatCalendar", dependencies: ["RapatCore"]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(
            name: "RapatMinutes",
            dependencies: ["RapatCore", "CLibXML2", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources/rapat-minutes-1.xsd"), .copy("Resources/akn"), .copy("Resources/templates")]
        ),
        .target(name: "RapatSamples", dependencies: ["RapatCore", "RapatStore"]),
        // The application layer: every use case, the access policy and the message catalogue, for every face.
        .target(
            name: "RapatService",
            dependencies: ["RapatCore", "RapatStore", "RapatSQLite", "RapatPostgres", "RapatCalendar", "RapatMinutes",
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]
        ),
        .target(
            name: "RapatServer",
            dependencies: ["RapatCore", "RapatStore", "RapatService", "RapatCalendar", .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdAuth", package: "hummingbird-auth"), .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Logging", package: "swift-log"), .product(name: "NIOEmbedded", package: "swift-nio")],
            // The web face's templates (also at templates/web) and its stylesheet and script.
            resources: [.copy("Resources/web"), .copy("Resources/static")]
        ),
        .executableTarget(
            name: "rapat",
            dependencies: [
                "RapatCore", "RapatStore", "RapatService", "RapatCalendar", "RapatMinutes", "RapatSamples", "RapatServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "rapat-bench",
            dependencies: ["RapatCore", "RapatCalendar", "RapatStore", "RapatSQLite", "RapatPostgres", "RapatService", "RapatMinutes", "RapatSamples",
                           "RapatServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Hummingbird", package: "hummingbird")]
        ),
        // Fuzz targets (Tests/Fuzz/run.sh builds them with -sanitize=fuzzer -DFUZZING; plain builds replay files).
        .target(name: "FuzzDriver", path: "Tests/Fuzz/Driver"),
        .executableTarget(name: "fuzz-ics", dependencies: ["FuzzDriver", "RapatCalendar", "RapatCore"], path: "Tests/Fuzz/FuzzICS"),
        .executableTarget(name: "fuzz-xml", dependencies: ["FuzzDriver", "RapatMinutes"], path: "Tests/Fuzz/FuzzXML"),
        .executableTarget(name: "fuzz-search", dependencies: ["FuzzDriver", "RapatCore", "RapatStore", "RapatSQLite"], path: "Tests/Fuzz/FuzzSearch"),
        .testTarget(name: "RapatCoreTests", dependencies: ["RapatCore"]),
        .testTarget(
            name: "RapatStoreTests",
            dependencies: ["RapatCore", "RapatStore", "RapatSQLite", "RapatPostgres", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "RapatMinutesTests", dependencies: ["RapatMinutes", "RapatCore"]),
        .testTarget(
            name: "RapatServerTests",
            dependencies: ["RapatServer", "RapatService", "RapatCore", "RapatStore", "RapatSQLite", "RapatPostgres",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "RapatCalendarTests", dependencies: ["RapatCalendar", "RapatCore", "RapatStore", "RapatSQLite"]),
        .testTarget(name: "RapatCLITests", dependencies: ["rapat", "RapatCore"]),
        .testTarget(name: "RapatServiceTests", dependencies: ["RapatService", "RapatCore", "RapatStore", "RapatSQLite"]),
    ],
    swiftLanguageModes: [.v6]
)
