import ArgumentParser
import OSSClient
import OSSWire

/// `ossutil set-props oss://bucket/key` (aliases `set-acl`, `set-meta`): `--acl` uses
/// PutObjectACL, `--tagging` PutObjectTagging, metadata and content flags a CopyObject onto
/// itself (`--metadata-directive replace` (default) drops other user metadata, `update`
/// keeps it). `-r` applies to every object under the prefix. `set-acl oss://b/k private`
/// (ACL as second argument) is accepted too.
struct SetPropsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-props", abstract: "Set the property of objects", aliases: ["set-acl", "set-meta"])
    @Argument(help: "oss://bucket/key [acl]") var arguments: [String]
    @Option(help: "private, public-read, public-read-write or default.") var acl: String?
    @Option(help: "User metadata key=value (repeatable).") var metadata: [String] = []
    @Option(help: "replace (default) or update.") var metadataDirective: String?
    @Option(help: "Tags key=value (repeatable).") var tagging: [String] = []
    @Option var contentType: String?
    @Option var cacheControl: String?
    @Option var contentDisposition: String?
    @Option var contentEncoding: String?
    @Option var expires: String?
    @Option var storageClass: String?
    @Flag(name: [.customShort("r"), .long]) var recursive = false
    @Flag(name: [.customShort("f"), .long]) var force = false
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        guard let first = arguments.first else { throw CLIFailure.usage("set-props needs oss://bucket/key") }
        let path = try OSSPath.parse(first)
        let objectAcl = acl ?? (arguments.count > 1 ? arguments[1] : nil)
        var keys = [path.key]
        try await context.withClient { client in
            if recursive {
                keys = []
                try await client.listAllObjects(path.bucket, prefix: path.key) { page in
                    keys += page.entries.map(\.key)
                    return true
                }
            }
            for key in keys where !key.isEmpty {
                if globals.dryRun {
                    context.line("dry run: set properties of oss://\(path.bucket)/\(key)")
                    continue
                }
                try await apply(client, bucket: path.bucket, key: key, acl: objectAcl)
            }
        }
        context.finish()
    }

    private func apply(_ client: OSSClient, bucket: String, key: String, acl: String?) async throws {
        var headers: [(name: String, value: String)] = []
        headers.add("Content-Type", contentType)
        headers.add("Cache-Control", cacheControl)
        headers.add("Content-Disposition", contentDisposition)
        headers.add("Content-Encoding", contentEncoding)
        headers.add("Expires", expires)
        headers.add("x-oss-storage-class", storageClass)
        headers += try ApiInput.metadataHeaders(metadata.flatMap { $0.split(separator: ",").map(String.init) })
        if !headers.isEmpty {
            if (metadataDirective ?? "replace").lowercased() == "update" {
                let current = try await client.headObject(bucket, key: key)
                let kept = ["content-type", "cache-control", "content-disposition", "content-encoding", "expires"]
                for header in current.headers {
                    let name = header.name.lowercased()
                    guard name.hasPrefix("x-oss-meta-") || kept.contains(name) else { continue }
                    if !headers.contains(where: { $0.name.lowercased() == name }) { headers.append(header) }
                }
            }
            headers.append(("x-oss-metadata-directive", "REPLACE"))
            _ = try await client.copyObject(bucket, key: key, sourceBucket: bucket, sourceKey: key, headers: headers)
        }
        if let acl { _ = try await client.putObjectAcl(bucket, key: key, acl: acl) }
        if !tagging.isEmpty {
            var xml = XMLWriter()
            xml.element("Tagging") { w in
                w.element("TagSet") { set in
                    for pair in tagging.flatMap({ $0.split(separator: "&").map(String.init) }) {
                        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        set.element("Tag") { tag in
                            tag.element("Key", parts[0])
                            tag.element("Value", parts.count > 1 ? parts[1] : "")
                        }
                    }
                }
            }
            _ = try await client.putObjectTagging(bucket, key: key, document: xml.bytes)
        }
        if headers.isEmpty, acl == nil, tagging.isEmpty {
            throw CLIFailure.usage("nothing to set: give --acl, --metadata, --tagging or a content flag")
        }
    }
}
