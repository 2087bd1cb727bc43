import Foundation

/// Size flags such as `--part-size 8Mi` or `--bigfile-threshold 104857600`: a whole number
/// of bytes with an optional binary suffix (`K`/`Ki`, `M`/`Mi`, `G`/`Gi`, `T`/`Ti`, an
/// optional trailing `B`), as ossutil 2.x accepts them. `K` and `Ki` both mean 1024.
enum ByteSize {
    /// The byte count of `text`, or `nil` when it is not a size.
    static func parse(_ text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.hasSuffix("B") || rest.hasSuffix("b") { rest = rest.dropLast() }
        if rest.hasSuffix("i") { rest = rest.dropLast() }
        var shift: Int64 = 0
        if let last = rest.last, let index = "KMGT".firstIndex(of: Character(last.uppercased())) {
            shift = Int64(10 * ("KMGT".distance(from: "KMGT".startIndex, to: index) + 1))
            rest = rest.dropLast()
        }
        guard let number = Int64(rest), number >= 0, number <= Int64.max >> shift else { return nil }
        return number << shift
    }

    /// `parse`, or a usage failure naming `flag`.
    static func require(_ text: String, flag: String) throws -> Int64 {
        guard let value = parse(text) else { throw CLIFailure.usage("invalid --\(flag) \(text): expected a size like 100Mi") }
        return value
    }
}
