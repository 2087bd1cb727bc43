import ArgumentParser
import Foundation
import Logging
import OSSMetadataPostgres
import OSSMetadataSQLite
import OSSModel

/// `ossd migrate`: copy an embedded deployment's metadata into PostgreSQL.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy an embedded deployment's metadata into PostgreSQL.",
        discussion: """
            Copies buckets (ACL, policy), objects (inline bytes included), multipart uploads and \
            their parts, users, access keys (secrets stay sealed) and attached policies from \
            <data-dir>/metadata.sqlite into an empty PostgreSQL database. Stop the server first. \
            Blob files are not copied: they stay in <data-dir>/objects, which every node must \
            then mount at its --data-dir; keep root-credentials and master.key beside them (or \
            give every node the same OSSD_ROOT_ACCESS_KEY_ID/SECRET and OSSD_MASTER_KEY).
            """)

    @Option(help: "Data directory of the embedded deployment.")
    var dataDir = "./ossd-data"

    @Option(name: .customLong("to"), help: "Target database: postgres://user[:password]@host[:port]/database.")
    var target: String

    func run() async throws {
        let path = URL(fileURLWithPath: dataDir).appendingPathComponent("metadata.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no embedded metadata at \(path)")
        }
        let source = try SQLiteMetadataStore(path: path)
        let destination = try await PostgresMetadataStore(url: target)
        do {
            try await Self.copy(from: source, to: destination)
        } catch {
            await destination.shutdown()
            throw error
        }
        await destination.shutdown()
    }

    /// Copies everything; refuses a destination that already holds buckets or users.
    static func copy(
        from source: some MetadataStore & IdentityStore, to destination: some MetadataStore & IdentityStore
    ) async throws {
        let existingBuckets = try await destination.listBuckets(prefix: "", marker: nil, limit: 1)
        let existingUsers = try await destination.users()
        if !existingBuckets.isEmpty || !existingUsers.isEmpty {
            throw ValidationError("the target database already holds buckets or users; migrate into an empty one")
        }
        var counts = (buckets: 0, objects: 0, uploads: 0, parts: 0, users: 0, keys: 0, policies: 0)
        var marker: String?
        while true {
            let buckets = try await source.listBuckets(prefix: "", marker: marker, limit: 1000)
            for bucket in buckets {
                _ = try await destination.createBucket(bucket)
                counts.buckets += 1
                var objectMarker: String?
                repeat {
                    let page = try await source.listObjects(
                        bucket: bucket.name, query: ObjectListQuery(marker: objectMarker, maxKeys: 1000))
                    for summary in page.objects {
                        guard let record = try await source.object(bucket: bucket.name, key: summary.key) else { continue }
                        _ = try await destination.putObject(record, condition: .overwrite)
                        counts.objects += 1
                    }
                    objectMarker = page.isTruncated ? page.objects.last?.key : nil
                } while objectMarker != nil
                for upload in try await source.uploads(bucket: bucket.name, prefix: "") {
                    try await destination.createUpload(upload)
                    counts.uploads += 1
                    for part in try await source.parts(uploadID: upload.id) {
                        _ = try await destination.putPart(part)
                        counts.parts += 1
                    }
                }
            }
            guard buckets.count == 1000, let last = buckets.last else { break }
            marker = last.name
        }
        for user in try await source.users() {
            try await destination.createUser(user)
            counts.users += 1
            for key in try await source.accessKeys(userID: user.id) {
                guard let found = try await source.accessKey(id: key.id) else { continue }
                try await destination.createAccessKey(found.record, sealedSecret: found.sealedSecret)
                counts.keys += 1
            }
            for policy in try await source.policies(userID: user.id) {
                try await destination.attachPolicy(userID: user.id, policy: policy)
                counts.policies += 1
            }
        }
        print(
            """
            migrated \(counts.buckets) buckets, \(counts.objects) objects, \(counts.uploads) uploads \
            (\(counts.parts) parts), \(counts.users) users, \(counts.keys) access keys, \(counts.policies) policies
            """)
    }
}
