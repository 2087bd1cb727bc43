/// Turns the raw buffer libFuzzer hands to `LLVMFuzzerTestOneInput` into Swift values.
public enum FuzzBytes {
    /// A copy of the `size` bytes at `data` (an empty array when `data` is nil).
    public static func array(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// `bytes` split on `\n`, each line decoded as UTF-8 with invalid sequences repaired
    /// (so header values and queries stay strings, as they are once HTTP has parsed them).
    public static func lines(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
