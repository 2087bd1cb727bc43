import OSSModel
import OSSWire

extension OSSClient {
    /// AppendObject (`POST /key?append&position=N`). When `initCRC` (the CRC-64 of the
    /// object's first `position` bytes; `0` for a new object) is given and the body can be
    /// read twice, the returned `x-oss-hash-crc64ecma` is checked against the combination.
    ///
    /// - Throws: ``OSSServiceError`` (`PositionNotEqualToLength`, `ObjectNotAppendable`, ...),
    ///   ``OSSClientError`` for a CRC mismatch.
    public func appendObject(
        _ bucket: String, key: String, position: Int64, body: OSSRequestBody,
        headers: [(name: String, value: String)] = [], initCRC: UInt64? = nil,
        progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> OSSResponse {
        let digest = initCRC == nil ? nil : try body.digest(md5: false)
        var request = OSSRequest(
            operation: "AppendObject", method: "POST", bucket: bucket, key: key,
            query: [("append", nil), ("position", String(position))], headers: headers, body: body)
        request.progress = progress
        let response = try await send(request)
        if let initCRC, let digest {
            let expected = CRC64.combine(initCRC, digest.crc64, length2: UInt64(digest.length))
            try Self.checkCRC(response, expected: expected, operation: "AppendObject")
        }
        return response
    }

    /// RestoreObject (`POST /key?restore`): 202 for a new restore, 200 when already restored.
    /// `days` and `tier` build a `RestoreRequest` document; `document` sends a ready one.
    public func restoreObject(
        _ bucket: String, key: String, days: Int? = nil, tier: String? = nil, document: [UInt8]? = nil,
        versionId: String? = nil
    ) async throws -> OSSResponse {
        var request = OSSRequest(
            operation: "RestoreObject", method: "POST", bucket: bucket, key: key, query: [("restore", nil)])
        request.setQuery("versionId", versionId)
        var body = document
        if body == nil, days != nil || tier != nil {
            var xml = XMLWriter()
            xml.element("RestoreRequest") { w in
                if let days { w.element("Days", days) }
                if let tier { w.element("JobParameters") { $0.element("Tier", tier) } }
            }
            body = xml.bytes
        }
        if let body {
            request.body = .bytes(body)
            request.setHeader("Content-Type", "application/xml")
            request.setHeader("Content-MD5", Self.contentMD5(body))
        }
        return try await send(request)
    }
}
