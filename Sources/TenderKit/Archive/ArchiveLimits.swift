/// Bounds on what reading a template archive may cost, so that a hostile or broken
/// file (a "zip bomb") cannot exhaust memory.
///
/// Sizes are in bytes of *inflated* (uncompressed) data.
public struct ArchiveLimits: Sendable, Equatable {
    /// The most one part may inflate to.
    public var maxEntrySize: Int
    /// The most all parts read from one archive may inflate to, added up.
    public var maxTotalSize: Int
    /// The most entries an archive may have.
    public var maxEntries: Int

    public init(maxEntrySize: Int = 128 * ArchiveLimits.mebibyte, maxTotalSize: Int = 512 * ArchiveLimits.mebibyte,
                maxEntries: Int = 10_000) {
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxEntries = maxEntries
    }

    /// 128 MiB per part, 512 MiB in all, 10,000 entries: far above any real DOCX/ODT template.
    public static let `default` = ArchiveLimits()

    /// One MiB, the unit limits are reported in.
    public static let mebibyte = 1 << 20

    /// A byte count as users read it: `128 MiB`, or `1500 bytes` when not a whole number of MiB.
    static func describe(_ bytes: Int) -> String {
        bytes % mebibyte == 0 ? FileMessage.mebibytes(bytes / mebibyte).text : FileMessage.bytes(bytes).text
    }
}
