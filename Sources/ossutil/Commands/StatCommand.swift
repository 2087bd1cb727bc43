import ArgumentParser
import Foundation
import OSSClient
import OSSWire

/// `ossutil stat oss://bucket[/object]`: sorted `Name : value` lines.
///
/// Bucket: the GetBucketInfo fields (`ACL` from the grant, `Owner` from the owner id).
/// Object: the HeadObject headers minus per-request ones, plus `ACL` and `Owner` from
/// GetObjectACL; `Last-Modified` in local time, `Etag` without quotes. A link shows
/// `X-Oss-Object-Type : Symlink`.
struct StatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stat", abstract: "Display meta information of bucket or objects")
    @Argument(help: "oss://bucket[/object]") var url: String
    @Option var versionId: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(url)
        let pairs = try await context.withClient { client in
            path.key.isEmpty ? try await bucketPairs(client, path.bucket) : try await objectPairs(client, path)
        }
        if context.format == .raw && context.query == nil {
            context.out(ApiOutput.keyValueLines(pairs))
        } else {
            ApiOutput.printValue(.object(pairs.map { .init($0.name, .string($0.value)) }), context, xmlRoot: "root")
        }
        context.finish()
    }

    private func bucketPairs(_ client: OSSClient, _ bucket: String) async throws -> [(name: String, value: String)] {
        let body = try await client.getBucketInfo(bucket).body
        guard let root = try? XMLDocumentParser.parse(body), let info = root.child("Bucket") else {
            throw CLIFailure.client("malformed BucketInfo response")
        }
        var pairs: [(name: String, value: String)] = []
        for child in info.children {
            switch child.name {
            case "AccessControlList": pairs.append(("ACL", child.childText("Grant") ?? ""))
            case "Owner": pairs.append(("Owner", child.childText("ID") ?? ""))
            case _ where child.children.isEmpty: pairs.append((child.name, child.trimmedText))
            default:
                for leaf in child.children where leaf.children.isEmpty { pairs.append((leaf.name, leaf.trimmedText)) }
            }
        }
        return pairs.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    private func objectPairs(_ client: OSSClient, _ path: OSSPath) async throws -> [(name: String, value: String)] {
        let query: [(name: String, value: String?)] = versionId.map { [("versionId", $0)] } ?? []
        let head = try await client.headObject(path.bucket, key: path.key, query: query)
        var pairs = ApiOutput.displayHeaders(head).map { pair -> (name: String, value: String) in
            switch pair.name {
            case "Last-Modified":
                return (pair.name, HTTPDate.parse(pair.value).map(Formatting.localTime) ?? pair.value)
            case "Etag": return (pair.name, pair.value.replacingOccurrences(of: "\"", with: ""))
            default: return pair
            }
        }
        if let acl = try? await client.getObjectAcl(path.bucket, key: path.key, versionId: versionId),
            let root = try? XMLDocumentParser.parse(acl.body)
        {
            pairs.append(("ACL", root.child("AccessControlList")?.childText("Grant") ?? ""))
            pairs.append(("Owner", root.child("Owner")?.childText("ID") ?? ""))
        }
        return pairs.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}
