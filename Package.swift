// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tender",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tender", targets: ["tender"]),
        .library(name: "TenderKit", targets: ["TenderKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibzip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "TenderKit",
            dependencies: ["CLibzip", "CLibXML2", "CCMark", .product(name: "Yams", package: "Yams")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "tender",
            dependencies: ["TenderKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: [.swiftLanguageMode(.v5)],
            // A release is linked at a fixed address (not position-independent): with the Swift
            // libraries linked statically, the loader otherwise relocates some 80,000 pointers of
            // tender's own at every start, about 2 ms of a 10 ms `tender --version` (the shared C
            // libraries keep their random addresses).
            linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "TenderKitTests",
            dependencies: ["TenderKit", "CLibzip", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
