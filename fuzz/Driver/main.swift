import CFuzzer
import Foundation

// The one libFuzzer driver of every fuzz target: each target's main.swift is a link to this
// file, and the target is named by its executable (.build-fuzz/release/FuzzJSON → "FuzzJSON").
// libFuzzer runs FuzzCheck.run(target, …) (Tests/TenderKitTests/FuzzChecks.swift) on each
// input; a failed check is a crash, so that libFuzzer keeps the input.

let target = URL(fileURLWithPath: CommandLine.arguments[0]).lastPathComponent

/// A scratch file for this process, in memory where there is /dev/shm (the zip reader reads a path).
let scratch = (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
    + "/tender-fuzz-\(getpid()).bin"

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do { try FuzzCheck.run(target, bytes, scratch: scratch) } catch { fatalError("\(error)") }
    return 0
})
