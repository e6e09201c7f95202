import CLibdeflate
import CLibzip
import CZlib
import Foundation

/// A new part of an output archive, deflated with its CRC before libzip writes the archive:
/// libzip then copies the deflated bytes as they are, as it copies a template's entries.
///
/// - zlib at level 3, with libzip's own settings (raw deflate, a 32 KB window, memory level 9):
///   a part of up to `piece` bytes comes out byte for byte as libzip deflated it.
/// - A larger part is deflated in pieces of `piece` bytes on all cores, each with the 32 KB
///   before it as its dictionary and ended by a sync flush, as pigz does: one deflate stream,
///   the same bytes whatever the number of cores. (The largest cost of writing a big document
///   was its deflating on one core, and zlib's CRC beside it.)
/// - The CRC is libdeflate's, several times quicker than zlib's, which libzip computed.
struct DeflatedPart {
    /// The deflated bytes, as a zip entry holds them.
    let bytes: [UInt8]
    /// The CRC-32 and the size of the part before deflating.
    let crc: UInt32
    let size: Int

    /// zlib's level 3: on a 1.3 MB document part, a third of the time of the default level 6 (the
    /// largest cost of writing a big document) for a zip about 14 % larger (47 KB instead of 41 KB).
    static let level: Int32 = 3
    /// The size of the pieces a large part is deflated in.
    static let piece = 256 << 10
    private static let window = 32 << 10

    /// `data` deflated on up to `lanes` threads (the output does not depend on them); nil when
    /// zlib fails, which leaves the deflating to libzip.
    init?(_ data: UnsafeRawBufferPointer, lanes: Int = ProcessInfo.processInfo.activeProcessorCount) {
        guard let base = data.baseAddress, data.count > 0 else { return nil }
        let pieces = (data.count + Self.piece - 1) / Self.piece
        let lanes = max(1, min(lanes, pieces))
        // Each lane deflates every `lanes`-th piece with one stream of its own.
        let done: [[(index: Int, bytes: [UInt8], crc: UInt32)]?] = Parallel.map(Array(0..<lanes)) { lane in
            var stream = z_stream()
            guard deflateInit2_(&stream, Self.level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY,
                                zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
            defer { deflateEnd(&stream) }
            var out: [(index: Int, bytes: [UInt8], crc: UInt32)] = []
            for index in stride(from: lane, to: pieces, by: lanes) {
                let start = index * Self.piece, end = min(start + Self.piece, data.count)
                guard let bytes = Self.deflate(base, start..<end, last: end == data.count, &stream) else { return nil }
                out.append((index, bytes, UInt32(libdeflate_crc32(0, base + start, end - start))))
            }
            return out
        }
        var parts: [(index: Int, bytes: [UInt8], crc: UInt32)] = []
        for lane in done {
            guard let lane else { return nil }
            parts += lane
        }
        parts.sort { $0.index < $1.index }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        var crc: UInt = 0
        for part in parts {
            bytes += part.bytes
            let length = min(Self.piece, data.count - part.index * Self.piece)
            crc = part.index == 0 ? UInt(part.crc) : crc32_combine(crc, UInt(part.crc), off_t(length))
        }
        self.bytes = bytes
        self.crc = UInt32(truncatingIfNeeded: crc)
        self.size = data.count
    }

    /// One piece deflated, after the window before it as dictionary; ended by a sync flush, or
    /// by the end of the stream for the last piece.
    private static func deflate(_ base: UnsafeRawPointer, _ range: Range<Int>, last: Bool,
                                _ stream: inout z_stream) -> [UInt8]? {
        guard deflateReset(&stream) == Z_OK else { return nil }
        if range.lowerBound > 0 {
            let from = max(0, range.lowerBound - window)
            let dictionary = (base + from).assumingMemoryBound(to: UInt8.self)
            guard deflateSetDictionary(&stream, dictionary, UInt32(range.lowerBound - from)) == Z_OK else { return nil }
        }
        // deflateBound is for a stream ended at once; a sync flush adds at most a few bytes.
        let room = Int(deflateBound(&stream, UInt(range.count))) + 16
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
            stream.next_in = UnsafeMutablePointer(mutating: (base + range.lowerBound).assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(range.count)
            stream.next_out = buffer.baseAddress
            stream.avail_out = UInt32(room)
            let status = CZlib.deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
            complete = (last ? status == Z_STREAM_END : status == Z_OK) && stream.avail_in == 0 && stream.avail_out > 0
            count = room - Int(stream.avail_out)
        }
        return complete ? bytes : nil
    }

    /// A libzip source of these bytes, whose stat gives their method, sizes and CRC (so that
    /// libzip copies them as they are); nil when libzip cannot make one.
    func source(for archive: OpaquePointer) -> OpaquePointer? {
        let box = Unmanaged.passRetained(SourceState(part: self))
        guard let source = zip_source_function(archive, deflatedPartCallback, box.toOpaque()) else {
            box.release()
            return nil
        }
        return source
    }

    /// What the callback reads from, and where it is.
    fileprivate final class SourceState {
        let part: DeflatedPart
        var position = 0
        var error = zip_error_t()
        init(part: DeflatedPart) {
            self.part = part
            zip_error_init(&error)
        }
        deinit { zip_error_fini(&error) }
    }
}

/// libzip's calls to a `DeflatedPart` source: open, read, close, stat, error, free, supports.
private func deflatedPartCallback(_ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?,
                                  _ length: zip_uint64_t, _ command: zip_source_cmd_t) -> zip_int64_t {
    guard let userdata else { return -1 }
    let state = Unmanaged<DeflatedPart.SourceState>.fromOpaque(userdata).takeUnretainedValue()
    switch command {
    case ZIP_SOURCE_OPEN:
        state.position = 0
        return 0
    case ZIP_SOURCE_READ:
        guard let data else { return -1 }
        let count = min(Int(length), state.part.bytes.count - state.position)
        state.part.bytes.withUnsafeBytes { bytes in
            if count > 0, let from = bytes.baseAddress { data.copyMemory(from: from + state.position, byteCount: count) }
        }
        state.position += count
        return zip_int64_t(count)
    case ZIP_SOURCE_CLOSE:
        return 0
    case ZIP_SOURCE_STAT:
        guard let data, Int(length) >= MemoryLayout<zip_stat_t>.size else { return -1 }
        let stat = data.assumingMemoryBound(to: zip_stat_t.self)
        zip_stat_init(stat)
        stat.pointee.valid = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC
                                          | ZIP_STAT_ENCRYPTION_METHOD)
        stat.pointee.size = zip_uint64_t(state.part.size)
        stat.pointee.comp_size = zip_uint64_t(state.part.bytes.count)
        stat.pointee.comp_method = zip_uint16_t(ZIP_CM_DEFLATE)
        stat.pointee.crc = state.part.crc
        stat.pointee.encryption_method = zip_uint16_t(ZIP_EM_NONE)
        return zip_int64_t(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&state.error, data, length)
    case ZIP_SOURCE_FREE:
        Unmanaged<DeflatedPart.SourceState>.fromOpaque(userdata).release()
        return 0
    case ZIP_SOURCE_SUPPORTS:
        return [ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                ZIP_SOURCE_SUPPORTS].reduce(0) { $0 | (zip_int64_t(1) << zip_int64_t($1.rawValue)) }
    default:
        zip_error_set(&state.error, ZIP_ER_INVAL, 0)
        return -1
    }
}
