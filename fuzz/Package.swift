// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for ossd's pure parsers (reliability check R7). Built apart from the
/// root package so its normal builds never see `-sanitize=fuzzer`; see README.md.
let executables: [(product: String, target: String)] = [
    ("fuzz-xml", "FuzzXML"),
    ("fuzz-authorization", "FuzzAuthorization"),
    ("fuzz-signing", "FuzzSigning"),
    ("fuzz-presigned", "FuzzPresigned"),
    ("fuzz-range", "FuzzRange"),
    ("fuzz-key", "FuzzKey"),
    ("fuzz-policy", "FuzzPolicy"),
]

let package = Package(
    name: "ossd-fuzz",
    platforms: [.macOS(.v15)],
    products: executables.map { .executable(name: $0.product, targets: [$0.target]) },
    dependencies: [.package(name: "ossd", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "OSSWire", package: "ossd")])
    ]
        + executables.map {
            .executableTarget(
                name: $0.target,
                dependencies: ["FuzzSupport", .product(name: "OSSWire", package: "ossd")])
        }
)
