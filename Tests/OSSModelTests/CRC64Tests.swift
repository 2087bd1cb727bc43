import Foundation
import Testing

@testable import OSSModel

/// A small deterministic generator (SplitMix64) so random tests replay exactly.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func randomBytes(_ count: Int, _ rng: inout SeededGenerator) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
}

/// Bit-at-a-time reference implementation, independent of the table code.
private func referenceCRC(_ bytes: [UInt8]) -> UInt64 {
    var crc: UInt64 = ~0
    for byte in bytes {
        crc ^= UInt64(byte)
        for _ in 0..<8 {
            crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xC96C_5795_D787_0F42 : crc >> 1
        }
    }
    return ~crc
}

@Suite struct CRC64Tests {
    @Test func publishedVectorsMatch() {
        #expect(CRC64.checksum("123456789") == 0x995D_C9BB_DF19_39FA)
        #expect(CRC64.checksum("123456789") == 11_051_210_869_376_104_954)
        #expect(CRC64.checksum("") == 0)
        #expect(CRC64.checksum([UInt8]()) == 0)
        #expect(CRC64.checksum("hello") == 11_177_612_005_948_864_433)
        #expect(CRC64.checksum("This is a test of the emergency broadcast system.") == 0x27DB_187F_C15B_BC72)
        #expect(CRC64().value == 0)
    }

    @Test func dataAndArrayAndStringAgree() {
        let text = "The quick brown fox jumps over the lazy dog, 世界"
        let bytes = Array(text.utf8)
        #expect(CRC64.checksum(Data(bytes)) == CRC64.checksum(bytes))
        #expect(CRC64.checksum(text) == CRC64.checksum(bytes))
        #expect(bytes.withUnsafeBytes { CRC64.checksum($0) } == CRC64.checksum(bytes))
    }

    @Test func tableCodeMatchesBitwiseReferenceForEveryLengthAndAlignment() {
        var rng = SeededGenerator(seed: 1)
        let bytes = randomBytes(300, &rng)
        for start in 0..<17 {
            for end in stride(from: start, through: bytes.count, by: 1) {
                let slice = Array(bytes[start..<end])
                let unaligned = bytes.withUnsafeBytes {
                    CRC64.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<end]))
                }
                #expect(unaligned == referenceCRC(slice))
            }
        }
    }

    @Test func carryLessFoldingMatchesBitwiseReferenceForLongInputs() {
        #if arch(x86_64)
            #expect(CRC64.canFold, "x86-64 CPUs this server runs on have PCLMULQDQ")
        #endif
        var rng = SeededGenerator(seed: 7)
        let bytes = randomBytes(4200, &rng)
        for length in Array(CRC64.foldThreshold...CRC64.foldThreshold + 80) + [1023, 1024, 1025, 4096, 4199] {
            for start in [0, 1, 7, 8, 15] where start + length <= bytes.count {
                let slice = Array(bytes[start..<start + length])
                let viaFold = bytes.withUnsafeBytes {
                    CRC64.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<start + length]))
                }
                #expect(viaFold == referenceCRC(slice), "length \(length) at offset \(start)")
            }
        }
        var crc = CRC64()
        crc.update(Array(bytes[..<300]))
        crc.update(Array(bytes[300...]))
        #expect(crc.value == referenceCRC(bytes), "a folded update continues from a running register")
    }

    @Test func incrementalUpdateAtEverySplitEqualsOneShot() {
        var rng = SeededGenerator(seed: 2)
        let bytes = randomBytes(1000, &rng)
        let whole = CRC64.checksum(bytes)
        for split in 0...bytes.count {
            var crc = CRC64()
            crc.update(Array(bytes[..<split]))
            crc.update(Array(bytes[split...]))
            #expect(crc.value == whole, "split at \(split)")
        }
    }

    @Test func manySmallUpdatesEqualOneShot() {
        var rng = SeededGenerator(seed: 3)
        let bytes = randomBytes(10_000, &rng)
        var crc = CRC64()
        var offset = 0
        while offset < bytes.count {
            let n = min(Int.random(in: 0...40, using: &rng), bytes.count - offset)
            crc.update(Data(bytes[offset..<offset + n]))
            offset += n
        }
        #expect(crc.value == CRC64.checksum(bytes))
    }

    @Test func combineMatchesChecksumOfConcatenation() {
        var rng = SeededGenerator(seed: 4)
        for round in 0..<200 {
            let sizeA = round < 20 ? round : Int.random(in: 0...5000, using: &rng)
            let sizeB = round < 20 ? 19 - round : Int.random(in: 0...5000, using: &rng)
            let a = randomBytes(sizeA, &rng)
            let b = randomBytes(sizeB, &rng)
            let combined = CRC64.combine(CRC64.checksum(a), CRC64.checksum(b), length2: UInt64(b.count))
            #expect(combined == CRC64.checksum(a + b), "sizes \(sizeA) + \(sizeB)")
        }
    }

    @Test func combineWithEmptySecondPartReturnsFirst() {
        #expect(CRC64.combine(0x1234, 0, length2: 0) == 0x1234)
        #expect(CRC64.combine(0, CRC64.checksum("hello"), length2: 5) == CRC64.checksum("hello"))
    }

    @Test func combineChainsOverManyPartsLikeMultipartUpload() {
        var rng = SeededGenerator(seed: 5)
        var all: [UInt8] = []
        var running: UInt64 = 0
        for _ in 0..<50 {
            let part = randomBytes(Int.random(in: 1...3000, using: &rng), &rng)
            running = CRC64.combine(running, CRC64.checksum(part), length2: UInt64(part.count))
            all += part
        }
        #expect(running == CRC64.checksum(all))
    }

    @Test func combineHandlesLargeLengthsViaZeroRuns() {
        // CRC of (A + N zero bytes) computed directly versus combined, for N past a few powers of two.
        var rng = SeededGenerator(seed: 6)
        let a = randomBytes(100, &rng)
        for n in [1, 7, 8, 255, 256, 4097, 65_537, 1 << 20] {
            let zeros = [UInt8](repeating: 0, count: n)
            let combined = CRC64.combine(CRC64.checksum(a), CRC64.checksum(zeros), length2: UInt64(n))
            #expect(combined == CRC64.checksum(a + zeros), "zeros \(n)")
        }
    }
}
