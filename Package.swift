// swift-tools-version:6.0
import PackageDescription
#if canImport(Glibc)
import Glibc
#endif

/// A release build on Linux is linked by lld (shipped with Swift) with its relative relocations
/// packed (`-z pack-relative-relocs`): the loader reads 15 KB of them instead of 1.9 MB, and
/// `tender --version` starts about 7 % sooner (bench/README.md). The loader must know the packed
/// form, which glibc does from 2.36 (Debian 12): with an older glibc, the usual link.
let packedRelocations: [LinkerSetting] = {
    #if canImport(Glibc)
    // "glibc 2.36"
    var buffer = [CChar](repeating: 0, count: 64)
    guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, buffer.count) > 0 else { return [] }
    let words = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
    let version = (words.last ?? "").split(separator: ".").compactMap { Int($0) }
    guard words.first == "glibc", !version.lexicographicallyPrecedes([2, 36]) else { return [] }
    return [.unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                         .when(platforms: [.linux], configuration: .release))]
    #else
    return []
    #endif
}()

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
        // Deflates the parts a render writes, a large one in pieces on all cores (`DeflatedPart`):
        // zlib, which libzip uses, has the dictionary and sync flush that this takes.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // SHA-256, to remember the template parts already checked (`CheckedParts`).
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "TenderKit",
            dependencies: ["CLibzip", "CLibdeflate", "CZlib", "CLibXML2", "CCrypto", "CCMark", .product(name: "Yams", package: "Yams")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "tender",
            dependencies: ["TenderKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // Linked position-independent (the default), although a fixed address (-no-pie) would
            // save the loader some 80,000 relocations, about 2 ms of a 10 ms `tender --version`:
            // tender reads templates from outside, and address randomization is worth more.
            swiftSettings: [.swiftLanguageMode(.v5)],
            linkerSettings: packedRelocations
        ),
        .testTarget(
            name: "TenderKitTests",
            dependencies: ["TenderKit", "CLibzip", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
