import FuzzSupport
import OSSModel

/// Feeds a `Range` header to `ByteRange.resolve` against object sizes around the numbers
/// it names, in both range behaviours, and checks the answer lies within the object.
///
/// Input: the header value; sizes tried are 0, 1, 10, 1 MiB, `Int64.max` and every number
/// in the header, plus and minus one.
enum FuzzRange {
    static func run(_ bytes: [UInt8]) {
        let header = String(decoding: bytes, as: UTF8.self)
        var sizes: Set<Int64> = [0, 1, 10, 1 << 20, Int64.max]
        for digits in header.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).prefix(4) {
            guard let number = Int64(digits) else { continue }
            for size in [number &- 1, number, number &+ 1] where size >= 0 { sizes.insert(size) }
        }
        for size in sizes {
            for standard in [false, true] {
                check(header, size: size, standard: standard)
            }
        }
        FuzzCheck.require(ByteRange.resolve(nil, size: 5, standard: true) == .whole, "no header must be whole")
    }

    static func check(_ header: String, size: Int64, standard: Bool) {
        switch ByteRange.resolve(header, size: size, standard: standard) {
        case .whole:
            break
        case .partial(let first, let last):
            FuzzCheck.require(
                first >= 0 && first <= last && last < size,
                "range \(first)-\(last) outside size \(size) for \(header.debugDescription)")
        case .unsatisfiable:
            FuzzCheck.require(standard, "unsatisfiable without standard behaviour for \(header.debugDescription)")
        }
    }
}
