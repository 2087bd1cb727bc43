import Foundation
import OSSClient
import OSSWire

extension Transfer {
    /// Copies a big object with UploadPartCopy. Multipart copies start from an empty
    /// object, so unless the directives say REPLACE the source's content headers,
    /// `x-oss-meta-*` and tags are read (`head`, GetObjectTagging) and sent with the
    /// initiate; the new object's CRC-64 must equal the source's.
    func copyMultipart(
        _ client: OSSClient, from source: OSSPath, head: OSSResponse, size: Int64, to destination: OSSPath
    ) async throws {
        var headers = try command.objectHeaders(key: destination.key)
        let flagsReplaceMetadata = headers.contains {
            $0.name.lowercased().hasPrefix("x-oss-meta-") || $0.name == "Content-Type"
        }
        let replaceMetadata = command.metadataDirective.map { $0.uppercased() == "REPLACE" } ?? flagsReplaceMetadata
        let replaceTags = command.taggingDirective.map { $0.uppercased() == "REPLACE" } ?? !command.tagging.isEmpty
        if !replaceMetadata {
            headers.removeAll { $0.name.lowercased().hasPrefix("x-oss-meta-") }
            let copied = ["content-type", "cache-control", "content-disposition", "content-encoding", "expires"]
            for header in head.headers
            where copied.contains(header.name.lowercased()) || header.name.lowercased().hasPrefix("x-oss-meta-") {
                headers.removeAll { $0.name.lowercased() == header.name.lowercased() }
                headers.append(header)
            }
        }
        if !replaceTags {
            headers.removeAll { $0.name.lowercased() == "x-oss-tagging" }
            let tagging = try await client.getObjectTagging(source.bucket, key: source.key, versionId: command.versionId)
            let tags = (try? XMLDocumentParser.parse(tagging.body))?.child("TagSet")?.children("Tag") ?? []
            let pairs = tags.map {
                PercentEncoding.encodeURLValue($0.childText("Key") ?? "") + "="
                    + PercentEncoding.encodeURLValue($0.childText("Value") ?? "")
            }
            headers.add("x-oss-tagging", pairs.isEmpty ? nil : pairs.joined(separator: "&"))
        }
        var copySource = "/" + source.bucket + "/" + PercentEncoding.encodePath(source.key)
        if let versionId = command.versionId { copySource += "?versionId=" + versionId }
        let plan = try MultipartPlan(size: size, partSizeFlag: command.partSize, parallel: command.parallel)
        let transfer = MultipartTransfer(client: client, bucket: destination.bucket, key: destination.key, plan: plan)
        _ = try await transfer.copy(
            copySource: copySource, size: size,
            sourceCRC: head.header("x-oss-hash-crc64ecma").flatMap { UInt64($0) }, headers: headers)
    }
}
