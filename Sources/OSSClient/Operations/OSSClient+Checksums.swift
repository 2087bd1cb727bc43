import OSSModel

extension OSSClient {
    /// Compares the `x-oss-hash-crc64ecma` of `response` with `expected`, as the official
    /// SDKs do after uploads. A missing header (a server that does not compute CRCs) passes.
    ///
    /// - Throws: ``OSSClientError`` (`invalidResponse`) `crc is inconsistent, client crc: A,
    ///   server crc: B` when they differ.
    static func checkCRC(_ response: OSSResponse, expected: UInt64?, operation: String) throws(OSSClientError) {
        guard let expected, let text = response.header("x-oss-hash-crc64ecma"), let server = UInt64(text) else {
            return
        }
        guard server == expected else {
            throw OSSClientError(
                kind: .invalidResponse,
                message: "operation error \(operation): crc is inconsistent, client crc: \(expected), server crc: \(server)")
        }
    }

    /// The CRC-64 of the concatenation of `parts` in order, or `nil` when one lacks its CRC
    /// or size.
    public static func combinedCRC(_ parts: [MultipartPart]) -> UInt64? {
        var crc: UInt64 = 0
        for part in parts {
            guard let partCRC = part.crc64, let size = part.size else { return nil }
            crc = CRC64.combine(crc, partCRC, length2: UInt64(size))
        }
        return crc
    }
}
