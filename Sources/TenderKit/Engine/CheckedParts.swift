@preconcurrency import CCrypto
import Foundation

/// The template parts already found sound (inflated to their declared size and CRC, well-formed,
/// no DTD, within `XMLBounds`), remembered between runs by their fingerprint, so that the same
/// template is not checked again at every render: a Word template's styles often weigh most of
/// a megabyte, and parsing them was most of a small render's time.
///
/// A fingerprint is the SHA-256 of the part's stored bytes, with its compression, declared size
/// and CRC, and the bounds it was checked against: the same fingerprint is the same bytes,
/// checked the same way, so the verdict holds. Only sound parts are remembered, each as an empty
/// file named by its fingerprint in `~/.cache/tender/checked-parts` (`$XDG_CACHE_HOME`, or the
/// folder `TENDER_CACHE_DIR` names; set it empty to remember nothing). A folder that cannot be
/// written only means that parts are checked again; past `most` files (counted at about one
/// verdict in 256) it is emptied.
public struct CheckedParts: Sendable {
    /// Where the verdicts are kept; nil: nothing is remembered.
    public let folder: String?

    public init(folder: String?) { self.folder = folder }

    /// The user's folder, from the environment of the process.
    public static let user = CheckedParts(folder: folder(in: ProcessEnvironment.values(of: ["TENDER_CACHE_DIR", "XDG_CACHE_HOME", "HOME"])))

    /// The most verdicts kept: far more parts than a firm's templates hold.
    static let most = 4096

    static func folder(in environment: [String: String]) -> String? {
        if let chosen = environment["TENDER_CACHE_DIR"] { return chosen.isEmpty ? nil : chosen }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/tender/checked-parts" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/tender/checked-parts" }
        return nil
    }

    /// The fingerprint (64 hexadecimal digits) of an XML part, or nil when nothing is remembered.
    func fingerprint(of entry: PackedEntry) -> String? {
        guard folder != nil else { return nil }
        // Version 1 of the checks; change it when they change in another way than their bounds.
        let header = Array(("tender checked XML part 1, deflated \(entry.deflated), size \(entry.size), crc \(entry.crc), "
            + "elements \(XMLBounds.maxElements), attributes \(XMLBounds.maxAttributes)\n").utf8)
        return Self.sha256(header, entry.stored)
    }

    /// The SHA-256 of `first` followed by `second`, in hexadecimal.
    static func sha256(_ first: [UInt8], _ second: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        first.withUnsafeBytes { f in
            second.withUnsafeBytes { s in
                digest.withUnsafeMutableBufferPointer { tender_sha256(f.baseAddress, f.count, s.baseAddress, s.count, $0.baseAddress) }
            }
        }
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
    }

    /// Whether the part of this fingerprint was found sound before.
    func knows(_ fingerprint: String) -> Bool {
        guard let folder else { return false }
        return access(folder + "/" + fingerprint, F_OK) == 0
    }

    /// Remembers that the part of this fingerprint is sound; a failure is not an error.
    func remember(_ fingerprint: String) {
        guard let folder else { return }
        if access(folder, W_OK) != 0 {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        } else if fingerprint.hasPrefix("00"), let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
                  names.count >= Self.most {
            // Counted at one verdict in 256 (fingerprints are uniform), not at each.
            for name in names where name.utf8.count == 64 { unlink(folder + "/" + name) }
        }
        // An empty file: there is nothing to write, so nothing can be half written.
        let fd = open(folder + "/" + fingerprint, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
    }
}
