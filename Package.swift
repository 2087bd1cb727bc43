// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ossd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ossd", targets: ["ossd"]),
        .executable(name: "ossutil", targets: ["ossutil"]),
        .library(name: "OSSClient", targets: ["OSSClient"]),
        .library(name: "OSSWire", targets: ["OSSWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(name: "CCRC64"),
        .target(name: "CFileShims"),
        .target(name: "CSQLiteTuning", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "OSSModel", dependencies: ["CCRC64"]),
        .target(
            name: "OSSWire",
            dependencies: ["OSSModel", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "OSSStorage",
            dependencies: [
                "OSSModel",
                "CFileShims",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "OSSMetadataSQLite",
            dependencies: ["OSSModel", "CSQLiteTuning", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "OSSMetadataPostgres",
            dependencies: [
                "OSSModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "OSSServer",
            dependencies: [
                "OSSStorage", "OSSWire", "OSSModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "OSSClient",
            dependencies: [
                "OSSWire", "OSSModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "ossutil",
            dependencies: [
                "OSSClient", "OSSWire", "OSSModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "OSSTesting",
            dependencies: [
                "OSSModel", "OSSStorage", "OSSWire", "OSSServer", "OSSMetadataSQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ossd",
            dependencies: [
                "OSSServer", "OSSStorage", "OSSMetadataSQLite", "OSSMetadataPostgres", "OSSModel", "OSSWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "OSSModelTests", dependencies: ["OSSModel"]),
        .testTarget(name: "OSSClientTests", dependencies: ["OSSClient"]),
        .testTarget(name: "CLITests", dependencies: ["OSSTesting", "OSSClient"]),
        .testTarget(name: "OSSWireTests", dependencies: ["OSSWire"], resources: [.copy("Vectors")]),
        .testTarget(name: "OSSStorageTests", dependencies: ["OSSStorage", "OSSTesting"]),
        .testTarget(
            name: "OSSMetadataSQLiteTests",
            dependencies: ["OSSMetadataSQLite", "OSSTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "OSSMetadataPostgresTests",
            dependencies: [
                "OSSMetadataPostgres", "OSSTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "OSSTesting", "OSSServer", "OSSWire", .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
