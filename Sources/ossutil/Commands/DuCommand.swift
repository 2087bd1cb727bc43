import ArgumentParser
import OSSClient

/// `ossutil du oss://bucket[/prefix]`: object count and bytes per storage class, in the
/// documented layout; `--output-format json` gives numeric totals.
struct DuCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "du", abstract: "Get the bucket or the specified prefix(directory) storage size")
    @Argument(help: "oss://bucket[/prefix]") var url: String
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(url)
        var classes: [String] = []
        var counts: [String: (count: Int, size: Int64)] = [:]
        try await context.withClient { client in
            try await client.listAllObjects(path.bucket, prefix: path.key) { page in
                for entry in page.entries {
                    if counts[entry.storageClass] == nil { classes.append(entry.storageClass) }
                    counts[entry.storageClass, default: (0, 0)].count += 1
                    counts[entry.storageClass, default: (0, 0)].size += entry.size
                }
                return true
            }
        }
        let total = counts.values.reduce(0) { $0 + $1.count }
        let size = counts.values.reduce(Int64(0)) { $0 + $1.size }
        if context.format != .raw {
            var fields: [OutputValue.Field] = [
                .init("ObjectCount", .number(String(total))), .init("ObjectSize", .number(String(size))),
            ]
            for name in classes {
                fields.append(.init("\(name)ObjectCount", .number(String(counts[name]!.count))))
                fields.append(.init("\(name)ObjectSize", .number(String(counts[name]!.size))))
            }
            fields.append(.init("Storage", .number(String(size))))
            ApiOutput.printValue(.object(fields), context, xmlRoot: "root")
            context.finish()
            return
        }
        let rule = String(repeating: "-", count: 58) + "\n"
        var text = ListCommand.pad("storage class", 16) + ListCommand.pad("object count", 24) + "sum size\n" + rule
        for name in classes {
            text += ListCommand.pad(name, 16) + ListCommand.pad(String(counts[name]!.count), 25) + "\(counts[name]!.size)\n"
        }
        text += rule
        text += ListCommand.pad(ListCommand.pad("total object count:", 20) + String(total), 48)
        text += ListCommand.pad("total object sum size:", 23) + "\(size)\n"
        text += ListCommand.pad(ListCommand.pad("total part count:", 20) + "0", 48)
        text += ListCommand.pad("total part sum size:", 23) + "0\n"
        text += "\ntotal du size:\(size)\n"
        context.out(text)
        context.finish()
    }
}
