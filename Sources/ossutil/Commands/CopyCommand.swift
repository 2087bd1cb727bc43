import ArgumentParser
import Foundation
import OSSClient

/// `ossutil cp SRC DEST`: upload (local → oss), download (oss → local) or server-side copy
/// (oss → oss); `-` is standard input or output. Files and objects of at least
/// `--bigfile-threshold` bytes go as a parallel multipart upload or copy (UploadPart /
/// UploadPartCopy, `--part-size`, `--parallel`); smaller ones use PutObject and CopyObject.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cp", abstract: "Upload, Download or Copy Objects")
    @Argument(help: "Source: local path, oss://bucket/key or -") var source: String
    @Argument(help: "Destination: local path, oss://bucket/key or -") var destination: String
    @Flag(name: [.customShort("r"), .long], help: "Copy a directory or prefix.") var recursive = false
    @Flag(name: [.customShort("f"), .long], help: "Overwrite without asking.") var force = false
    @Option(help: "Only names matching (repeatable).") var include: [String] = []
    @Option(help: "Skip names matching (repeatable).") var exclude: [String] = []
    @Option(help: "Object ACL.") var acl: String?
    @Option(help: "Storage class.") var storageClass: String?
    @Option(help: "User metadata key=value (repeatable, comma lists allowed).") var metadata: [String] = []
    @Option(help: "Tags key=value (repeatable) or k1=v1&k2=v2.") var tagging: [String] = []
    @Option var contentType: String?
    @Option var cacheControl: String?
    @Option var contentDisposition: String?
    @Option var contentEncoding: String?
    @Option var expires: String?
    @Option(help: "COPY or REPLACE (server-side copy).") var metadataDirective: String?
    @Option(help: "COPY or REPLACE (server-side copy).") var taggingDirective: String?
    @Flag(help: "No progress bar.") var noProgress = false
    @Option(help: "Files and objects of at least this size use multipart (default 100Mi).")
    var bigfileThreshold: String?
    @Option(help: "Part size, 100Ki to 5Gi (default 8Mi, raised to keep at most 10000 parts).")
    var partSize: String?
    @Option(help: "Parts of one file sent at the same time.") var parallel = 3
    @Option(name: [.customShort("j"), .long], help: "Files transferred at the same time (accepted; files go one by one).")
    var job = 3
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let from = OSSPath(source)
        let to = OSSPath(destination)
        var transfer = Transfer(command: self, context: context)
        switch (from, to) {
        case (nil, nil):
            throw CLIFailure.usage("cp needs an oss:// source or destination")
        case (nil, let to?):
            try await context.withClient { client in try await transfer.upload(client, from: source, to: to) }
        case (let from?, nil):
            try await context.withClient { client in try await transfer.download(client, from: from, to: destination) }
        case (let from?, let to?):
            try await context.withClient { client in try await transfer.copy(client, from: from, to: to) }
        }
        if destination == "-" { return }
        transfer.printSummary()
        context.finish()
        if transfer.failed > 0 {
            throw CLIFailure(exitCode: 4, message: "\(transfer.failed) of \(transfer.failed + transfer.done) failed")
        }
    }

    /// `--bigfile-threshold` in bytes.
    func threshold() throws -> Int64 {
        try bigfileThreshold.map { try ByteSize.require($0, flag: "bigfile-threshold") } ?? MultipartPlan.defaultThreshold
    }

    /// Headers for uploads and REPLACE copies from the property flags.
    func objectHeaders(key: String?) throws -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        headers.add("x-oss-object-acl", acl)
        headers.add("x-oss-storage-class", storageClass)
        headers.add("Cache-Control", cacheControl)
        headers.add("Content-Disposition", contentDisposition)
        headers.add("Content-Encoding", contentEncoding)
        headers.add("Expires", expires)
        headers.add("Content-Type", contentType)
        let tags = tagging.flatMap { $0.split(separator: "&").map(String.init) }
        headers.add("x-oss-tagging", tags.isEmpty ? nil : tags.joined(separator: "&"))
        let pairs = metadata.flatMap { $0.split(separator: ",").map(String.init) }
        headers += try ApiInput.metadataHeaders(pairs)
        return headers
    }
}
