import CCRC64
import Foundation

/// CRC-64/XZ, the checksum OSS reports in `x-oss-hash-crc64ecma` (printed in decimal).
///
/// Parameters: reflected polynomial `0xC96C5795D7870F42` (normal form `0x42F0E1EBA9EA3693`),
/// initial value and final XOR all ones. This is Go's `crc64.ECMA` table with `crc64.Update`.
/// `checksum("123456789") == 0x995DC9BBDF1939FA`, and the checksum of no bytes is `0`.
///
/// Long inputs (256 bytes and more) are folded 64 bytes at a time with carry-less
/// multiplication where the CPU has it (x86-64 PCLMULQDQ, in the `CCRC64` target); the rest,
/// and every input elsewhere, goes through a table-driven slicing-by-16: sixteen 256-entry
/// tables, built once, let each loop iteration fold sixteen input bytes with two
/// little-endian 64-bit loads.
///
/// ```swift
/// var crc = CRC64()
/// crc.update(part1)
/// crc.update(part2)
/// let header = String(crc.value)  // x-oss-hash-crc64ecma
/// ```
public struct CRC64: Sendable, Hashable {
    /// The reflected CRC-64/ECMA-182 polynomial.
    public static let polynomial: UInt64 = 0xC96C_5795_D787_0F42

    /// The running register, kept un-inverted (`~value`) between updates.
    private var state: UInt64 = ~0

    /// Starts a checksum of no bytes (``value`` is `0`).
    public init() {}

    /// The CRC-64 of every byte passed to ``update(_:)`` so far.
    public var value: UInt64 { ~state }

    /// Feeds `bytes` into the checksum; splitting input across calls gives the same ``value``
    /// as one call with the concatenation.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        state = Self.tables.withUnsafeBufferPointer { tables in
            // `tables` always holds 16 * 256 entries (see `makeTables`).
            let t = tables.baseAddress.unsafelyUnwrapped
            guard bytes.count >= Self.foldThreshold, Self.canFold else { return Self.fold(state, base, bytes.count, t) }
            var block: (UInt64, UInt64) = (0, 0)
            let consumed = withUnsafeMutableBytes(of: &block) { out in
                ossd_crc64_fold(
                    state, base.assumingMemoryBound(to: UInt8.self), bytes.count,
                    out.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self))
            }
            let folded = withUnsafeBytes(of: &block) { Self.fold(0, $0.baseAddress.unsafelyUnwrapped, 16, t) }
            return Self.fold(folded, base + consumed, bytes.count - consumed, t)
        }
    }

    /// Inputs at least this long use carry-less folding when ``canFold``.
    static let foldThreshold = 256
    /// Whether the CPU can fold with carry-less multiplication.
    static let canFold = ossd_crc64_fold_available() != 0

    /// Feeds the bytes of `data` (for example `Data` or `[UInt8]`) into the checksum.
    public mutating func update<D: ContiguousBytes>(_ data: D) {
        data.withUnsafeBytes { update($0) }
    }

    /// The CRC-64 of `data` in one call.
    public static func checksum<D: ContiguousBytes>(_ data: D) -> UInt64 {
        var crc = CRC64()
        crc.update(data)
        return crc.value
    }

    /// The CRC-64 of the raw bytes in `bytes` in one call.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var crc = CRC64()
        crc.update(bytes)
        return crc.value
    }

    /// The CRC-64 of the UTF-8 bytes of `string`.
    public static func checksum(_ string: String) -> UInt64 {
        var crc = CRC64()
        var copy = string
        copy.withUTF8 { crc.update(UnsafeRawBufferPointer($0)) }
        return crc.value
    }

    // MARK: - Tables

    /// Table `k` (entries `k*256 ..< (k+1)*256`) gives the register contribution of a byte that
    /// is followed by `k` more bytes in the same 16-byte block.
    private static let tables: [UInt64] = makeTables()

    private static func makeTables() -> [UInt64] {
        var table = [UInt64](repeating: 0, count: 16 * 256)
        for byte in 0..<256 {
            var crc = UInt64(byte)
            for _ in 0..<8 {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ polynomial : crc >> 1
            }
            table[byte] = crc
        }
        for slice in 1..<16 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }

    @inline(__always)
    private static func fold(
        _ start: UInt64, _ base: UnsafeRawPointer, _ count: Int, _ t: UnsafePointer<UInt64>
    ) -> UInt64 {
        var crc = start
        var p = base
        var remaining = count
        // Byte-wise until 8-byte aligned, so the wide loads below are aligned.
        while remaining > 0 && Int(bitPattern: p) & 7 != 0 {
            crc = t[Int((crc ^ UInt64(p.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
            p += 1
            remaining -= 1
        }
        while remaining >= 16 {
            let a = crc ^ UInt64(littleEndian: p.load(as: UInt64.self))
            let b = UInt64(littleEndian: p.load(fromByteOffset: 8, as: UInt64.self))
            crc =
                t[15 * 256 + Int(a & 0xFF)] ^ t[14 * 256 + Int((a >> 8) & 0xFF)]
                ^ t[13 * 256 + Int((a >> 16) & 0xFF)] ^ t[12 * 256 + Int((a >> 24) & 0xFF)]
                ^ t[11 * 256 + Int((a >> 32) & 0xFF)] ^ t[10 * 256 + Int((a >> 40) & 0xFF)]
                ^ t[9 * 256 + Int((a >> 48) & 0xFF)] ^ t[8 * 256 + Int(a >> 56)]
                ^ t[7 * 256 + Int(b & 0xFF)] ^ t[6 * 256 + Int((b >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((b >> 16) & 0xFF)] ^ t[4 * 256 + Int((b >> 24) & 0xFF)]
                ^ t[3 * 256 + Int((b >> 32) & 0xFF)] ^ t[2 * 256 + Int((b >> 40) & 0xFF)]
                ^ t[1 * 256 + Int((b >> 48) & 0xFF)] ^ t[Int(b >> 56)]
            p += 16
            remaining -= 16
        }
        while remaining > 0 {
            crc = t[Int((crc ^ UInt64(p.load(as: UInt8.self))) & 0xFF)] ^ (crc >> 8)
            p += 1
            remaining -= 1
        }
        return crc
    }
}
