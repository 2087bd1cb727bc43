/// How a big file or object is cut into parts: the flags `--bigfile-threshold`,
/// `--part-size` and `--parallel`, resolved for one size.
struct MultipartPlan {
    /// ossutil 2.x's default threshold, 100 MiB.
    static let defaultThreshold: Int64 = 100 << 20
    /// The default part size when `--part-size` is not given (raised for huge files so
    /// there are at most 10,000 parts).
    static let defaultPartSize: Int64 = 8 << 20
    /// OSS limits: parts of 100 KiB to 5 GiB, at most 10,000 of them.
    static let minimumPartSize: Int64 = 100 << 10
    static let maximumPartSize: Int64 = 5 << 30
    static let maximumParts: Int64 = 10_000

    let partSize: Int64
    let parallel: Int

    /// The plan for `size` bytes.
    ///
    /// - Throws: ``CLIFailure`` (usage) for a part size outside 100Ki–5Gi, one that would need
    ///   more than 10,000 parts, or a `--parallel` below 1.
    init(size: Int64, partSizeFlag: String?, parallel: Int) throws {
        guard parallel >= 1 else { throw CLIFailure.usage("invalid --parallel \(parallel): must be at least 1") }
        self.parallel = parallel
        if let partSizeFlag {
            let value = try ByteSize.require(partSizeFlag, flag: "part-size")
            guard (Self.minimumPartSize...Self.maximumPartSize).contains(value) else {
                throw CLIFailure.usage("invalid --part-size \(partSizeFlag): must be between 100Ki and 5Gi")
            }
            guard (size + value - 1) / value <= Self.maximumParts else {
                throw CLIFailure.usage("--part-size \(partSizeFlag) needs more than 10000 parts for \(size) bytes")
            }
            partSize = value
        } else {
            let needed = (size + Self.maximumParts - 1) / Self.maximumParts
            let mebibyte: Int64 = 1 << 20
            partSize = max(Self.defaultPartSize, (needed + mebibyte - 1) / mebibyte * mebibyte)
        }
    }

    /// `(partNumber, offset, length)` for every part of `size` bytes.
    func parts(of size: Int64) -> [(number: Int, offset: Int64, length: Int64)] {
        var parts: [(number: Int, offset: Int64, length: Int64)] = []
        var offset: Int64 = 0
        repeat {
            parts.append((parts.count + 1, offset, min(partSize, size - offset)))
            offset += partSize
        } while offset < size
        return parts
    }
}
