extension CRC64 {
    /// The CRC-64 of the concatenation `A + B`, given `crc1 = checksum(A)`,
    /// `crc2 = checksum(B)` and `length2 = B.count` in bytes.
    ///
    /// This is how clients check a multipart or appended object: the whole-object CRC is
    /// combined from part CRCs without reading the data again. `length2 == 0` returns `crc1`.
    ///
    /// Method (zlib's GF(2) approach, in its polynomial form from zlib 1.2.12): appending
    /// `length2` bytes multiplies the register by `x^(8·length2)` modulo the CRC polynomial,
    /// so `crc1` is multiplied by that power, computed by square-and-multiply from a table of
    /// `x^(2^k)`. The all-ones init and final XOR cancel out, leaving a final XOR with `crc2`.
    /// Cost: at most about 64 carry-less 64-bit multiplications, a few microseconds.
    public static func combine(_ crc1: UInt64, _ crc2: UInt64, length2: UInt64) -> UInt64 {
        guard length2 > 0 else { return crc1 }
        return multiplyModP(xPower8N(length2), crc1) ^ crc2
    }

    /// `x^0` in the reflected bit order used throughout (the top bit is the constant term).
    private static let one: UInt64 = 1 << 63

    /// `powersOfX[k] = x^(2^k) mod P`, for `k` in `0..<64`.
    private static let powersOfX: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 64)
        var p: UInt64 = 1 << 62  // x^1
        table[0] = p
        for k in 1..<64 {
            p = multiplyModP(p, p)
            table[k] = p
        }
        return table
    }()

    /// `a · b mod P` for reflected polynomials `a` and `b`.
    private static func multiplyModP(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var mask = one
        var product: UInt64 = 0
        var b = b
        while mask != 0 {
            if a & mask != 0 {
                product ^= b
                if a & (mask - 1) == 0 { break }
            }
            mask >>= 1
            b = b & 1 == 1 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// `x^(8·n) mod P`: the operator that appends `n` zero bytes.
    private static func xPower8N(_ n: UInt64) -> UInt64 {
        var result = one
        var n = n
        var k = 3  // 8 = 2^3
        while n != 0 {
            if n & 1 == 1 { result = multiplyModP(powersOfX[k & 63], result) }
            n >>= 1
            k += 1
        }
        return result
    }
}
