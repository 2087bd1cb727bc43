import ArgumentParser
import Foundation
import OSSClient
import OSSWire

/// `ossutil ls [oss://bucket[/prefix]]`: buckets without an argument, otherwise every
/// object under the prefix (recursive by default, `-d` for one level, `-s` for names only).
/// A symbolic link shows its target after ` -> ` in the long format.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List buckets or objects")
    @Argument(help: "oss://bucket[/prefix]") var url: String?
    @Flag(name: [.customShort("r"), .long], help: "Recursive (the default for objects).") var recursive = false
    @Flag(name: [.customShort("d"), .long], help: "One level only: objects and directories.") var dirs = false
    @Flag(name: [.customShort("s"), .long], help: "Names only.") var shortFormat = false
    @Option(help: "Stop after this many entries.") var limitedNum: Int?
    @Option(help: "List keys after this one.") var startAfter: String?
    @Option(help: "Stop after this key (inclusive).") var endWith: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        guard let url else {
            try await context.withClient { try await listBuckets($0, context) }
            context.finish()
            return
        }
        let path = try OSSPath.parse(url)
        try await context.withClient { try await listObjects($0, context, path) }
        context.finish()
    }

    private func listBuckets(_ client: OSSClient, _ context: CommandContext) async throws {
        var buckets: [BucketListing.Entry] = []
        var marker: String?
        repeat {
            let page = try BucketListing(parsing: try await client.listBuckets(marker: marker, maxKeys: 1000).body)
            buckets += page.buckets
            marker = page.isTruncated ? page.nextMarker : nil
        } while marker != nil
        if let limitedNum { buckets = Array(buckets.prefix(limitedNum)) }
        if context.format != .raw {
            let value = OutputValue.object([
                .init("Buckets", .array(buckets.map { bucket in
                    .object([
                        .init("Name", .string(bucket.name)), .init("Location", .string(bucket.location)),
                        .init("StorageClass", .string(bucket.storageClass)),
                        .init("CreationDate", .string(bucket.creationDate.map(ISO8601Millis.format) ?? "")),
                    ])
                })),
            ])
            ApiOutput.printValue(value, context, xmlRoot: "ListAllMyBucketsResult")
            return
        }
        if !shortFormat && !buckets.isEmpty {
            context.out(Self.pad("CreationTime", 30) + Self.right("Region", 20) + Self.right("StorageClass", 16) + "    BucketName\n")
        }
        for bucket in buckets {
            if shortFormat {
                context.out("oss://\(bucket.name)\n")
            } else {
                let time = bucket.creationDate.map(Formatting.localTime) ?? ""
                context.out(
                    Self.pad(time, 30) + Self.right(bucket.location, 20) + Self.right(bucket.storageClass, 16)
                        + "    oss://\(bucket.name)\n")
            }
        }
        context.out("Bucket Number is: \(buckets.count)\n")
    }

    private func listObjects(_ client: OSSClient, _ context: CommandContext, _ path: OSSPath) async throws {
        var entries: [ObjectListing.Entry] = []
        var prefixes: [String] = []
        let limit = limitedNum ?? Int.max
        try await client.listAllObjects(
            path.bucket, prefix: path.key, delimiter: dirs ? "/" : nil, startAfter: startAfter
        ) { page in
            for entry in page.entries {
                if let endWith, entry.key.utf8.lexicographicallyPrecedes(endWith.utf8) == false, entry.key != endWith {
                    return false
                }
                guard entries.count + prefixes.count < limit else { return false }
                entries.append(entry)
            }
            for prefix in page.commonPrefixes where entries.count + prefixes.count < limit { prefixes.append(prefix) }
            return entries.count + prefixes.count < limit
        }
        if context.format != .raw {
            printStructured(entries, prefixes, context, path.bucket)
            return
        }
        if !shortFormat && !entries.isEmpty {
            context.out(
                Self.pad("LastModifiedTime", 30) + Self.right("Size(B)", 12) + Self.right("StorageClass", 14) + "   "
                    + Self.pad("ETAG", 38) + "ObjectName\n")
        }
        for entry in entries {
            let name = "oss://\(path.bucket)/\(entry.key)"
            if shortFormat {
                context.out(name + "\n")
                continue
            }
            var shown = name
            if entry.type == "Symlink", let target = try? await client.getSymlink(path.bucket, key: entry.key)
                .header("x-oss-symlink-target")
            {
                shown += " -> " + (PercentEncoding.decode(target, plusAsSpace: false) ?? target)
            }
            let time = entry.lastModified.map(Formatting.localTime) ?? ""
            context.out(
                Self.pad(time, 30) + Self.right(String(entry.size), 12) + Self.right(entry.storageClass, 14) + "   "
                    + Self.pad(entry.etag.uppercased(), 38) + shown + "\n")
        }
        for prefix in prefixes { context.out("oss://\(path.bucket)/\(prefix)\n") }
        context.out("Object Number is: \(entries.count + prefixes.count)\n")
    }

    private func printStructured(
        _ entries: [ObjectListing.Entry], _ prefixes: [String], _ context: CommandContext, _ bucket: String
    ) {
        var fields: [OutputValue.Field] = [
            .init(
                "Contents",
                .array(entries.map { entry in
                    .object([
                        .init("Key", .string(entry.key)), .init("Type", .string(entry.type)),
                        .init("Size", .string(String(entry.size))), .init("ETag", .string(entry.etag)),
                        .init("StorageClass", .string(entry.storageClass)),
                        .init("LastModified", .string(entry.lastModified.map(ISO8601Millis.format) ?? "")),
                    ])
                }))
        ]
        if !prefixes.isEmpty { fields.append(.init("CommonPrefixes", .array(prefixes.map { .string($0) }))) }
        ApiOutput.printValue(.object(fields), context, xmlRoot: "ListBucketResult")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
