import Foundation
import OSSClient
import OSSModel

/// The state of one `cp` run: what was transferred, failures, and the summary line.
struct Transfer {
    let command: CopyCommand
    let context: CommandContext
    var done = 0
    var failed = 0
    var bytes: Int64 = 0
    var direction = "Upload"

    init(command: CopyCommand, context: CommandContext) {
        self.command = command
        self.context = context
    }

    private var filter: NameFilter { NameFilter(include: command.include, exclude: command.exclude) }

    /// local file, directory (`-r`) or `-` → oss.
    mutating func upload(_ client: OSSClient, from source: String, to destination: OSSPath) async throws {
        direction = "Upload"
        if source == "-" {
            guard !destination.key.isEmpty, !destination.key.hasSuffix("/") else {
                throw CLIFailure.usage("uploading standard input needs an object name")
            }
            try await uploadOne(client, .standardInput, to: destination, size: 0)
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw CLIFailure.client("stat \(source): no such file or directory")
        }
        guard isDirectory.boolValue else {
            var key = destination.key
            if key.isEmpty || key.hasSuffix("/") { key += (source as NSString).lastPathComponent }
            try await uploadOne(client, .file(path: source), to: OSSPath(bucket: destination.bucket, key: key),
                size: fileSize(source))
            return
        }
        guard command.recursive else { throw CLIFailure.usage("\(source) is a directory; use -r") }
        let base = destination.key.isEmpty || destination.key.hasSuffix("/") ? destination.key : destination.key + "/"
        let files = (FileManager.default.enumerator(atPath: source)?.allObjects as? [String] ?? []).sorted()
        for relative in files where filter.accepts(relative) {
            let full = (source as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
            do {
                try await uploadOne(client, .file(path: full), to: OSSPath(bucket: destination.bucket, key: base + relative),
                    size: fileSize(full))
            } catch {
                failed += 1
                OSSUtilMain.printError(Self.describe(error))
            }
        }
    }

    private mutating func uploadOne(_ client: OSSClient, _ body: OSSRequestBody, to path: OSSPath, size: Int64)
        async throws
    {
        if context.globals.dryRun {
            context.line("dry run: upload to \(path)")
            return
        }
        var headers = try command.objectHeaders(key: path.key)
        if command.contentType == nil { headers.append(("Content-Type", ContentTypes.forKey(path.key))) }
        let progress = Progress.make(context, command.noProgress, total: size)
        if case .file(let file) = body, size >= (try command.threshold()) {
            let plan = try MultipartPlan(size: size, partSizeFlag: command.partSize, parallel: command.parallel)
            let transfer = MultipartTransfer(client: client, bucket: path.bucket, key: path.key, plan: plan)
            do {
                _ = try await transfer.upload(path: file, size: size, headers: headers, progress: progress)
            } catch {
                progress?.clear()
                throw error
            }
        } else {
            _ = try await client.putObject(path.bucket, key: path.key, body: body, headers: headers, progress: progress?.update)
        }
        progress?.clear()
        done += 1
        bytes += size
    }

    /// oss object or prefix (`-r`) → local file, directory or `-`.
    mutating func download(_ client: OSSClient, from source: OSSPath, to destination: String) async throws {
        direction = "Download"
        guard command.recursive else {
            guard !source.key.isEmpty else { throw CLIFailure.usage("cp needs an object name or -r") }
            var target = destination
            var isDirectory: ObjCBool = false
            if destination.hasSuffix("/")
                || FileManager.default.fileExists(atPath: destination, isDirectory: &isDirectory) && isDirectory.boolValue
            {
                target = (destination as NSString).appendingPathComponent((source.key as NSString).lastPathComponent)
            }
            try await downloadOne(client, source, to: target)
            return
        }
        var keys: [(key: String, size: Int64)] = []
        try await client.listAllObjects(source.bucket, prefix: source.key) { page in
            keys += page.entries.map { ($0.key, $0.size) }
            return true
        }
        for entry in keys where !entry.key.hasSuffix("/") {
            let relative = String(entry.key.dropFirst(source.key.count)).trimmingPrefix("/").description
            guard filter.accepts(String(relative)) else { continue }
            let target = (destination as NSString).appendingPathComponent(String(relative))
            do {
                try await downloadOne(client, OSSPath(bucket: source.bucket, key: entry.key), to: target)
            } catch {
                failed += 1
                OSSUtilMain.printError(Self.describe(error))
            }
        }
    }

    private mutating func downloadOne(_ client: OSSClient, _ source: OSSPath, to target: String) async throws {
        let query: [(name: String, value: String?)] = command.versionId.map { [("versionId", $0)] } ?? []
        if target == "-" {
            _ = try await client.getObject(source.bucket, key: source.key, query: query) { chunk in
                FileHandle.standardOutput.write(Data(chunk))
            }
            return
        }
        if FileManager.default.fileExists(atPath: target), !command.force,
            !Prompt.confirm("cp: overwrite \"\(target)\"(y or N)? ", context)
        {
            return
        }
        if context.globals.dryRun {
            context.line("dry run: download \(source) to \(target)")
            return
        }
        let directory = (target as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        // Write to a temporary sibling and rename, so a failed download never leaves a torn file.
        let temporary = target + ".ossutil-" + UUID().uuidString.prefix(8)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw CLIFailure.client("open \(target): permission denied") }
        let progress = Progress.make(context, command.noProgress, total: 0)
        do {
            let response = try await client.getObject(
                source.bucket, key: source.key, query: query, progress: progress?.update
            ) { chunk in try handle.write(contentsOf: Data(chunk)) }
            try handle.close()
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: temporary, toPath: target)
            progress?.clear()
            done += 1
            bytes += Int64(response.header("Content-Length") ?? "") ?? fileSize(target)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// oss → oss with CopyObject (a link is copied as a link), or UploadPartCopy for
    /// objects of at least `--bigfile-threshold` bytes.
    mutating func copy(_ client: OSSClient, from source: OSSPath, to destination: OSSPath) async throws {
        direction = "Copy"
        let threshold = try command.threshold()
        var items: [(key: String, size: Int64, type: String)] = []
        if command.recursive {
            try await client.listAllObjects(source.bucket, prefix: source.key) { page in
                items += page.entries.map { ($0.key, $0.size, $0.type) }
                return true
            }
        } else {
            guard !source.key.isEmpty else { throw CLIFailure.usage("cp needs an object name or -r") }
            items = [(source.key, -1, "")]
        }
        let single = !command.recursive
        for item in items {
            let relative = single ? (item.key as NSString).lastPathComponent : String(item.key.dropFirst(source.key.count))
            guard single || filter.accepts(relative) else { continue }
            var key = destination.key
            if key.isEmpty || key.hasSuffix("/") || !single { key = (key.isEmpty || key.hasSuffix("/") ? key : key + "/") + relative }
            if context.globals.dryRun {
                context.line("dry run: copy oss://\(source.bucket)/\(item.key) to oss://\(destination.bucket)/\(key)")
                continue
            }
            var headers = try command.objectHeaders(key: key)
            let replacing = headers.contains { $0.name.lowercased().hasPrefix("x-oss-meta-") || $0.name == "Content-Type" }
            headers.add("x-oss-metadata-directive", command.metadataDirective ?? (replacing ? "REPLACE" : nil))
            headers.add("x-oss-tagging-directive", command.taggingDirective ?? (command.tagging.isEmpty ? nil : "Replace"))
            do {
                let from = OSSPath(bucket: source.bucket, key: item.key)
                var size = item.size
                if item.type != "Symlink", single || size >= threshold {
                    let head = try await client.headObject(source.bucket, key: item.key, query: versionQuery)
                    size = Int64(head.header("Content-Length") ?? "") ?? 0
                    if head.header("x-oss-object-type") != "Symlink", size >= threshold {
                        try await copyMultipart(
                            client, from: from, head: head, size: size,
                            to: OSSPath(bucket: destination.bucket, key: key))
                        done += 1
                        bytes += size
                        continue
                    }
                }
                _ = try await client.copyObject(
                    destination.bucket, key: key, sourceBucket: source.bucket, sourceKey: item.key, headers: headers)
                done += 1
                bytes += max(size, 0)
            } catch where !single {
                failed += 1
                OSSUtilMain.printError(Self.describe(error))
            }
        }
    }

    private var versionQuery: [(name: String, value: String?)] {
        command.versionId.map { [("versionId", $0)] } ?? []
    }

    /// `Success: Total 1 file, size 12 B, Upload done:(1 objects, 12 B), avg 44 B/s`.
    func printSummary() {
        guard !context.globals.quiet else { return }
        let seconds = max(Date().timeIntervalSince(CommandContext.start), 0.000001)
        let size = Formatting.size(Double(bytes))
        let average = Formatting.size(Double(bytes) / seconds) + "/s"
        let status = failed == 0 ? "Success" : "FinishWithError"
        let failures = failed == 0 ? "" : ", failed:(\(failed))"
        let total = done + failed
        switch direction {
        case "Upload":
            context.out(
                "\(status): Total \(Formatting.count(total, "file")), size \(size), Upload done:(\(done) objects, \(size))\(failures), avg \(average)\n")
        case "Download":
            context.out(
                "\(status): Total \(Formatting.count(total, "object")), size \(size), Download done:(\(done) files, \(size))\(failures), avg \(average)\n")
        default:
            context.out(
                "\(status): Total \(Formatting.count(total, "object")), size \(size), Copy done:(\(done) objects, \(size))\(failures), avg \(average)\n")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? OSSServiceError { return "operation error \(error.operation): \(error.description)" }
        return error.message
    }

    private func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
