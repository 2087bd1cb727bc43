import OSSModel
import Testing

@testable import OSSWire

/// SplitMix64, so every run mutates the same way.
private struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private let seeds: [String] = [
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Delete><Quiet>true</Quiet><Object><Key>a&amp;b</Key></Object></Delete>",
    "<Tagging><TagSet><Tag><Key>k</Key><Value>&#x4e16;&#65;</Value></Tag></TagSet></Tagging>",
    "<!-- c --><?pi x?><R xmlns=\"u\" a='1'><![CDATA[<x>]]><E/><F k=\"&quot;\"/>t\r\n</R>",
    "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"E\"</ETag></Part></CompleteMultipartUpload>",
]

private let interesting: [UInt8] =
    Array("<>&;#x/!-[]?=\"' \r\nCDATADOCTYPEENTITY".utf8) + [0x00, 0x80, 0xC3, 0xE4, 0xF0, 0xFF]

private func mutate(_ input: [UInt8], _ rng: inout FuzzRandom) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where !bytes.isEmpty:
            bytes[position] = UInt8.random(in: 0...255, using: &rng)
        case 1:
            bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: position)
        case 2 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...8, using: &rng))
            bytes.removeSubrange(position..<end)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...16, using: &rng))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
        case 4:
            bytes = Array(bytes.prefix(position))
        default:
            bytes.insert(contentsOf: Array("<!DOCTYPE".utf8), at: position)
        }
    }
    return bytes
}

@Suite struct XMLFuzzTests {
    @Test func seedsAreValid() throws {
        for seed in seeds {
            _ = try XMLDocumentParser.parse(Array(seed.utf8))
        }
    }

    @Test func tenThousandMutationsNeverCrash() {
        var rng = FuzzRandom(state: 0x0551_D0C5)
        var accepted = 0
        var rejected = 0
        for round in 0..<10_000 {
            let seed = Array(seeds[round % seeds.count].utf8)
            let input = mutate(seed, &rng)
            do throws(OSSError) {
                let root = try XMLDocumentParser.parse(input, maxDepth: 8, maxNodes: 64)
                #expect(!root.name.isEmpty)
                accepted += 1
            } catch {
                #expect(error.code == "MalformedXML")
                rejected += 1
            }
        }
        #expect(accepted + rejected == 10_000)
        #expect(rejected > 1000)
    }

    @Test func randomBytesNeverCrash() {
        var rng = FuzzRandom(state: 42)
        for _ in 0..<2000 {
            let input = (0..<Int.random(in: 0...64, using: &rng)).map { _ in
                interesting.randomElement(using: &rng) ?? 0
            }
            _ = try? XMLDocumentParser.parse(input)
        }
    }
}
