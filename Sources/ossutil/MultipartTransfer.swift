import Foundation
import OSSClient

/// One parallel multipart upload or copy: initiate, send the parts with at most
/// `plan.parallel` in flight, complete (which checks the combined CRC-64), and abort the
/// upload on any failure so no parts are left behind.
struct MultipartTransfer {
    let client: OSSClient
    let bucket: String
    let key: String
    let plan: MultipartPlan

    /// Test hook: when the environment variable `OSSUTIL_TEST_FAIL_PART` names a part number,
    /// that part fails before it is sent, so tests can check the abort path deterministically.
    static let injectedFailure = ProcessInfo.processInfo.environment["OSSUTIL_TEST_FAIL_PART"].flatMap { Int($0) }

    /// Uploads `size` bytes of the file at `path`, each part streamed from its file range.
    func upload(path: String, size: Int64, headers: [(name: String, value: String)], progress: Progress?)
        async throws -> OSSResponse
    {
        let sums = progress.map(PartProgress.init)
        return try await run(size: size, headers: headers) { client, uploadId, part in
            try await client.uploadPart(
                bucket, key: key, uploadId: uploadId, partNumber: part.number,
                body: .fileRange(path: path, offset: part.offset, length: part.length),
                progress: sums?.callback(part: part.number)
            ).part
        }
    }

    /// Copies `size` bytes of `copySource` (`/bucket/encoded-key`) with UploadPartCopy.
    /// When `sourceCRC` is given, the new object's CRC-64 must equal it.
    func copy(copySource: String, size: Int64, sourceCRC: UInt64?, headers: [(name: String, value: String)])
        async throws -> OSSResponse
    {
        let response = try await run(size: size, headers: headers) { client, uploadId, part in
            var copied = try await client.uploadPartCopy(
                bucket, key: key, uploadId: uploadId, partNumber: part.number, copySource: copySource,
                range: "bytes=\(part.offset)-\(part.offset + part.length - 1)"
            ).part
            copied.size = part.length
            return copied
        }
        if let sourceCRC, let text = response.header("x-oss-hash-crc64ecma"), let crc = UInt64(text), crc != sourceCRC {
            throw CLIFailure.client(
                "operation error CompleteMultipartUpload: crc is inconsistent, source crc: \(sourceCRC), server crc: \(crc)")
        }
        return response
    }

    private func run(
        size: Int64, headers: [(name: String, value: String)],
        send: @escaping @Sendable (OSSClient, String, (number: Int, offset: Int64, length: Int64)) async throws
            -> MultipartPart
    ) async throws -> OSSResponse {
        let uploadId = try await client.initiateMultipartUpload(bucket, key: key, headers: headers).uploadId
        do {
            let parts = try await sendParts(uploadId: uploadId, size: size, send: send)
            return try await client.completeMultipartUpload(bucket, key: key, uploadId: uploadId, parts: parts)
        } catch {
            // Best effort: the original failure is what the user needs to see.
            _ = try? await client.abortMultipartUpload(bucket, key: key, uploadId: uploadId)
            throw error
        }
    }

    private func sendParts(
        uploadId: String, size: Int64,
        send: @escaping @Sendable (OSSClient, String, (number: Int, offset: Int64, length: Int64)) async throws
            -> MultipartPart
    ) async throws -> [MultipartPart] {
        let client = client
        let failing = Self.injectedFailure
        var pending = plan.parts(of: size)[...]
        var done: [MultipartPart] = []
        try await withThrowingTaskGroup(of: MultipartPart.self) { group in
            func start() {
                guard let part = pending.popFirst() else { return }
                group.addTask {
                    if part.number == failing { throw CLIFailure.client("injected failure of part \(part.number)") }
                    return try await send(client, uploadId, part)
                }
            }
            for _ in 0..<plan.parallel { start() }
            while let part = try await group.next() {
                done.append(part)
                start()
            }
        }
        return done
    }
}
