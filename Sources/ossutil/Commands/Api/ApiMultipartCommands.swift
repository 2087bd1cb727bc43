import ArgumentParser
import Foundation
import OSSClient

/// `api initiate-multipart-upload`: prints the InitiateMultipartUploadResult.
struct ApiInitiateMultipartUpload: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "initiate-multipart-upload", abstract: "Start a multipart upload")
    @OptionGroup var target: ObjectTarget
    @Option var cacheControl: String?
    @Option var contentDisposition: String?
    @Option var contentEncoding: String?
    @Option var contentType: String?
    @Option var expires: String?
    @Option var forbidOverwrite: String?
    @Option(help: "User metadata key=value (repeatable).") var metadata: [String] = []
    @Option var objectAcl: String?
    @Option var storageClass: String?
    @Option(help: "Tags as k1=v1&k2=v2.") var tagging: String?
    @Option var serverSideEncryption: String?
    @Option var serverSideDataEncryption: String?
    @Option var serverSideEncryptionKeyId: String?
    @Option var encodingType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("Cache-Control", cacheControl)
        headers.add("Content-Disposition", contentDisposition)
        headers.add("Content-Encoding", contentEncoding)
        headers.add("Content-Type", contentType)
        headers.add("Expires", expires)
        headers.add("x-oss-forbid-overwrite", forbidOverwrite)
        headers.add("x-oss-object-acl", objectAcl)
        headers.add("x-oss-storage-class", storageClass)
        headers.add("x-oss-tagging", tagging)
        headers.add("x-oss-server-side-encryption", serverSideEncryption)
        headers.add("x-oss-server-side-data-encryption", serverSideDataEncryption)
        headers.add("x-oss-server-side-encryption-key-id", serverSideEncryptionKeyId)
        headers += try ApiInput.metadataHeaders(metadata)
        let result = try await client.initiateMultipartUpload(
            target.bucket, key: target.key, headers: headers, encodingType: encodingType)
        try ApiOutput.printXML(result.response, context)
    }
}

/// `api upload-part`: UploadPart from `--body`; prints the answer's headers (ETag, CRC-64).
struct ApiUploadPart: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "upload-part", abstract: "Upload one part")
    @OptionGroup var target: ObjectTarget
    @Option var uploadId: String
    @Option var partNumber: Int
    @Option(help: "The data: literal text, file://path or - for stdin.") var body: String?
    @Option(help: "Base64 MD5 of the part.") var contentMd5: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("Content-MD5", contentMd5)
        let result = try await client.uploadPart(
            target.bucket, key: target.key, uploadId: uploadId, partNumber: partNumber, body: try ApiInput.body(body),
            headers: headers)
        ApiOutput.printHeaders(result.response, context)
    }
}

/// `api upload-part-copy`: UploadPartCopy; prints the CopyPartResult.
struct ApiUploadPartCopy: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "upload-part-copy", abstract: "Copy a range of an object into one part")
    @OptionGroup var target: ObjectTarget
    @Option var uploadId: String
    @Option var partNumber: Int
    @Option(help: "/source-bucket/url-encoded-key") var copySource: String
    @Option(help: "bytes=first-last") var copySourceRange: String?
    @Option var copySourceIfMatch: String?
    @Option var copySourceIfNoneMatch: String?
    @Option var copySourceIfModifiedSince: String?
    @Option var copySourceIfUnmodifiedSince: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("x-oss-copy-source-if-match", copySourceIfMatch)
        headers.add("x-oss-copy-source-if-none-match", copySourceIfNoneMatch)
        headers.add("x-oss-copy-source-if-modified-since", copySourceIfModifiedSince)
        headers.add("x-oss-copy-source-if-unmodified-since", copySourceIfUnmodifiedSince)
        let range = copySourceRange.map { $0.hasPrefix("bytes=") ? $0 : "bytes=" + $0 }
        let result = try await client.uploadPartCopy(
            target.bucket, key: target.key, uploadId: uploadId, partNumber: partNumber,
            copySource: copySource.hasPrefix("/") ? copySource : "/" + copySource, range: range, headers: headers)
        try ApiOutput.printXML(result.response, context)
    }
}

/// `api complete-multipart-upload`: with a `CompleteMultipartUpload` document, or with
/// `--complete-all yes` (every uploaded part, no document).
struct ApiCompleteMultipartUpload: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "complete-multipart-upload", abstract: "Assemble the parts into the object")
    @OptionGroup var target: ObjectTarget
    @Option var uploadId: String
    @Option(help: "The part list: XML or JSON, literal, file://path or -.") var completeMultipartUpload: String?
    @Option(help: "yes: use every uploaded part (no part list).") var completeAll: String?
    @Option var forbidOverwrite: String?
    @Option var objectAcl: String?
    @Option var encodingType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        guard (completeMultipartUpload == nil) != (completeAll == nil) else {
            throw CLIFailure.usage("give exactly one of --complete-multipart-upload and --complete-all")
        }
        var headers: [(name: String, value: String)] = []
        headers.add("x-oss-complete-all", completeAll)
        headers.add("x-oss-forbid-overwrite", forbidOverwrite)
        headers.add("x-oss-object-acl", objectAcl)
        let document = try completeMultipartUpload.map { try ApiInput.document($0, root: "CompleteMultipartUpload") }
        let response = try await client.completeMultipartUpload(
            target.bucket, key: target.key, uploadId: uploadId, document: document, headers: headers,
            encodingType: encodingType)
        try ApiOutput.printXML(response, context)
    }
}

/// `api abort-multipart-upload`: AbortMultipartUpload.
struct ApiAbortMultipartUpload: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "abort-multipart-upload", abstract: "Cancel a multipart upload and drop its parts")
    @OptionGroup var target: ObjectTarget
    @Option var uploadId: String
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        _ = try await client.abortMultipartUpload(target.bucket, key: target.key, uploadId: uploadId)
    }
}

/// `api list-parts`: prints the ListPartsResult.
struct ApiListParts: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "list-parts", abstract: "List the parts of an upload")
    @OptionGroup var target: ObjectTarget
    @Option var uploadId: String
    @Option var maxParts: String?
    @Option var partNumberMarker: String?
    @Option var encodingType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        let response = try await client.listParts(
            target.bucket, key: target.key, uploadId: uploadId, maxParts: maxParts,
            partNumberMarker: partNumberMarker, encodingType: encodingType)
        try ApiOutput.printXML(response, context)
    }
}

/// `api list-multipart-uploads`: prints the ListMultipartUploadsResult.
struct ApiListMultipartUploads: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "list-multipart-uploads", abstract: "List the unfinished uploads of a bucket")
    @OptionGroup var target: BucketTarget
    @Option var prefix: String?
    @Option var delimiter: String?
    @Option var keyMarker: String?
    @Option var uploadIdMarker: String?
    @Option var maxUploads: String?
    @Option var encodingType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        let response = try await client.listMultipartUploads(
            target.bucket, prefix: prefix, delimiter: delimiter, keyMarker: keyMarker, uploadIdMarker: uploadIdMarker,
            maxUploads: maxUploads, encodingType: encodingType)
        try ApiOutput.printXML(response, context)
    }
}
