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
        // Inflates a template's parts and checks their CRC: libdeflate does both in one call, about
        // three times faster than zlib through libzip (every part of a template is read at each open).
        .systemLibrary(
            name: "CLibdeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "TenderKit",
            dependencies: ["CLibzip", "CLibdeflate", "CLibXML2", "CCMark", .product(name: "Yams", package: "Yams")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "tender",
            dependencies: ["TenderKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // Linked position-independent (the default), although a fixed address (-no-pie) would
            // save the loader some 80,000 relocations, about 2 ms of a 10 ms `tender --version`:
            // tender reads templates from outside, and address randomization is worth more.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "TenderKitTests",
            dependencies: ["TenderKit", "CLibzip", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
