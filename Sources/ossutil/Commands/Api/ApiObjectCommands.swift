import ArgumentParser
import Foundation
import OSSClient

/// `api put-object`: PutObject; `--body` literal, `file://path` (streamed) or `-`.
struct ApiPutObject: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "put-object", abstract: "Upload an object")
    @OptionGroup var target: ObjectTarget
    @Option(help: "The data: literal text, file://path or - for stdin.") var body: String?
    @Option var cacheControl: String?
    @Option var contentDisposition: String?
    @Option var contentEncoding: String?
    @Option var contentType: String?
    @Option var contentMd5: String?
    @Option var expires: String?
    @Option var forbidOverwrite: String?
    @Option(help: "User metadata key=value (repeatable).") var metadata: [String] = []
    @Option var objectAcl: String?
    @Option var serverSideEncryption: String?
    @Option var serverSideDataEncryption: String?
    @Option var serverSideEncryptionKeyId: String?
    @Option var storageClass: String?
    @Option(help: "Tags as k1=v1&k2=v2.") var tagging: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("Cache-Control", cacheControl)
        headers.add("Content-Disposition", contentDisposition)
        headers.add("Content-Encoding", contentEncoding)
        headers.add("Content-Type", contentType)
        headers.add("Content-MD5", contentMd5)
        headers.add("Expires", expires)
        headers.add("x-oss-forbid-overwrite", forbidOverwrite)
        headers.add("x-oss-object-acl", objectAcl)
        headers.add("x-oss-server-side-encryption", serverSideEncryption)
        headers.add("x-oss-server-side-data-encryption", serverSideDataEncryption)
        headers.add("x-oss-server-side-encryption-key-id", serverSideEncryptionKeyId)
        headers.add("x-oss-storage-class", storageClass)
        headers.add("x-oss-tagging", tagging)
        headers += try ApiInput.metadataHeaders(metadata)
        _ = try await client.putObject(
            target.bucket, key: target.key, body: try ApiInput.body(body), headers: headers)
    }
}

/// `api get-object`: GetObject; the data goes to standard output.
struct ApiGetObject: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "get-object", abstract: "Download an object to standard output")
    @OptionGroup var target: ObjectTarget
    @Option(help: "bytes=first-last (the last one given is used).") var range: [String] = []
    @Option var ifMatch: String?
    @Option var ifNoneMatch: String?
    @Option var ifModifiedSince: String?
    @Option var ifUnmodifiedSince: String?
    @Option var acceptEncoding: String?
    @Option var responseCacheControl: String?
    @Option var responseContentDisposition: String?
    @Option var responseContentEncoding: String?
    @Option var responseContentLanguage: String?
    @Option var responseContentType: String?
    @Option var responseExpires: String?
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    var writesData: Bool { true }

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("Range", range.last.map { $0.hasPrefix("bytes=") ? $0 : "bytes=" + $0 })
        headers.add("If-Match", ifMatch)
        headers.add("If-None-Match", ifNoneMatch)
        headers.add("If-Modified-Since", ifModifiedSince)
        headers.add("If-Unmodified-Since", ifUnmodifiedSince)
        headers.add("Accept-Encoding", acceptEncoding)
        var query: [(name: String, value: String?)] = []
        let overrides: [(String, String?)] = [
            ("response-cache-control", responseCacheControl),
            ("response-content-disposition", responseContentDisposition),
            ("response-content-encoding", responseContentEncoding),
            ("response-content-language", responseContentLanguage),
            ("response-content-type", responseContentType), ("response-expires", responseExpires),
            ("versionId", versionId),
        ]
        for (name, value) in overrides { if let value { query.append((name, value)) } }
        _ = try await client.getObject(target.bucket, key: target.key, headers: headers, query: query) { chunk in
            FileHandle.standardOutput.write(Data(chunk))
        }
    }
}

/// `api head-object`: HeadObject; prints the headers.
struct ApiHeadObject: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "head-object", abstract: "Get object headers")
    @OptionGroup var target: ObjectTarget
    @Option var ifMatch: String?
    @Option var ifNoneMatch: String?
    @Option var ifModifiedSince: String?
    @Option var ifUnmodifiedSince: String?
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("If-Match", ifMatch)
        headers.add("If-None-Match", ifNoneMatch)
        headers.add("If-Modified-Since", ifModifiedSince)
        headers.add("If-Unmodified-Since", ifUnmodifiedSince)
        let query: [(name: String, value: String?)] = versionId.map { [("versionId", $0)] } ?? []
        ApiOutput.printHeaders(
            try await client.headObject(target.bucket, key: target.key, headers: headers, query: query), context)
    }
}

/// `api get-object-meta`: GetObjectMeta; prints the headers (a link's own ETag and size).
struct ApiGetObjectMeta: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "get-object-meta", abstract: "Get an object's basic metadata")
    @OptionGroup var target: ObjectTarget
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        ApiOutput.printHeaders(
            try await client.getObjectMeta(target.bucket, key: target.key, versionId: versionId), context)
    }
}

/// `api delete-object`: DeleteObject.
struct ApiDeleteObject: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "delete-object", abstract: "Delete an object")
    @OptionGroup var target: ObjectTarget
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        _ = try await client.deleteObject(target.bucket, key: target.key, versionId: versionId)
    }
}

/// `api delete-multiple-objects`: DeleteMultipleObjects with a `Delete` document.
struct ApiDeleteMultipleObjects: ApiOperation {
    static let configuration = CommandConfiguration(
        commandName: "delete-multiple-objects", abstract: "Delete several objects")
    @OptionGroup var target: BucketTarget
    @Option(help: "The Delete document: XML or JSON, literal, file://path or -.") var delete: String
    @Option var encodingType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        let document = try ApiInput.document(delete, root: "Delete")
        let response = try await client.deleteMultipleObjects(
            target.bucket, document: document, encodingType: encodingType)
        try ApiOutput.printXML(response, context)
    }
}

/// `api copy-object`: CopyObject; prints the CopyObjectResult. Copying a link copies the link.
struct ApiCopyObject: ApiOperation {
    static let configuration = CommandConfiguration(commandName: "copy-object", abstract: "Copy an object")
    @OptionGroup var target: ObjectTarget
    @Option(help: "/source-bucket/url-encoded-key") var copySource: String
    @Option var forbidOverwrite: String?
    @Option var copySourceIfMatch: String?
    @Option var copySourceIfNoneMatch: String?
    @Option var copySourceIfModifiedSince: String?
    @Option var copySourceIfUnmodifiedSince: String?
    @Option(help: "COPY or REPLACE.") var metadataDirective: String?
    @Option(help: "Copy or Replace.") var taggingDirective: String?
    @Option var metadata: [String] = []
    @Option var objectAcl: String?
    @Option var storageClass: String?
    @Option var tagging: String?
    @Option var contentType: String?
    @OptionGroup var globals: GlobalOptions

    func perform(_ client: OSSClient, _ context: CommandContext) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("x-oss-forbid-overwrite", forbidOverwrite)
        headers.add("x-oss-copy-source-if-match", copySourceIfMatch)
        headers.add("x-oss-copy-source-if-none-match", copySourceIfNoneMatch)
        headers.add("x-oss-copy-source-if-modified-since", copySourceIfModifiedSince)
        headers.add("x-oss-copy-source-if-unmodified-since", copySourceIfUnmodifiedSince)
        headers.add("x-oss-metadata-directive", metadataDirective)
        headers.add("x-oss-tagging-directive", taggingDirective)
        headers.add("x-oss-object-acl", objectAcl)
        headers.add("x-oss-storage-class", storageClass)
        headers.add("x-oss-tagging", tagging)
        headers.add("Content-Type", contentType)
        headers += try ApiInput.metadataHeaders(metadata)
        let source = copySource.hasPrefix("/") ? copySource : "/" + copySource
        let response = try await client.copyObject(
            target.bucket, key: target.key, copySource: source, headers: headers)
        try ApiOutput.printXML(response, context)
    }
}
