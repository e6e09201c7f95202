// swift-tools-version:6.0
// libFuzzer targets for tender's parsers of untrusted input. Built and run by fuzz/run
// (see fuzz/README.md); not part of the main package, so `swift build` never sees them.
import PackageDescription

// The main package, one folder up. A path dependency's identity is its folder's name,
// which depends on where the repository was cloned.
let root = Context.packageDirectory + "/.."
let rootIdentity = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "tender")

func fuzzer(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["CFuzzer", .product(name: "TenderKit", package: rootIdentity)]
    )
}

let package = Package(
    name: "tender-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: root)],
    targets: [.target(name: "CFuzzer")] + ["FuzzJSON", "FuzzYAML", "FuzzTemplate", "FuzzZip"].map(fuzzer)
)
