// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "samenspraak",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "samenspraak", targets: ["samenspraak"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .target(name: "SamenspraakCore"),
        // QR codes come from libqrencode (Debian: libqrencode-dev).
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(
            name: "SamenspraakViews",
            dependencies: [
                "SamenspraakCore",
                .product(name: "Plot", package: "Plot"),
                .product(name: "Ink", package: "Ink"),
            ]
        ),
        .target(
            name: "SamenspraakApp",
            dependencies: [
                "SamenspraakCore",
                "SamenspraakViews",
                "CQREncode",
                "SamenspraakMail",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Resources")]
        ),
        // Sends e-mail over SMTP (STARTTLS, implicit TLS, AUTH); on SwiftNIO only, no Vapor.
        .target(
            name: "SamenspraakMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "samenspraak",
            dependencies: ["SamenspraakApp", .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(
            name: "SamenspraakCoreTests",
            dependencies: ["SamenspraakCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SamenspraakMailTests", dependencies: ["SamenspraakMail"]),
        .testTarget(
            name: "SamenspraakViewsTests",
            dependencies: ["SamenspraakViews", "SamenspraakCore"]
        ),
        .testTarget(
            name: "SamenspraakAppTests",
            dependencies: [
                "SamenspraakApp",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "Plot", package: "Plot"),
            ]
        ),
    ]
)
