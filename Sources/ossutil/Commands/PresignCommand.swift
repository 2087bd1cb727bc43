import ArgumentParser
import Foundation
import OSSClient

/// `ossutil presign oss://bucket/object`: prints a presigned GET URL (V4 by default,
/// V1 with `--sign-version v1`).
struct PresignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presign", abstract: "Generate a pre-signed URL for object", aliases: ["sign"])
    @Argument(help: "oss://bucket/object") var url: String
    @Option(help: "Validity: seconds or a number with s, m, h, d, w (default 15m, at most 1w).")
    var expiresDuration: String = "15m"
    @Option(help: "Expiry time, ISO 8601 UTC (2006-01-02T15:04:05).") var expiresDate: String?
    @Option(help: "Extra signed query parameter key=value (repeatable).") var queryParam: [String] = []
    @Option var versionId: String?
    @Option(help: "Bandwidth limit in bit/s.") var trafficLimit: String?
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let context = try CommandContext(globals)
        let path = try OSSPath.parse(url)
        guard !path.key.isEmpty else { throw CLIFailure.usage("presign needs an object: oss://bucket/object") }
        var seconds: Int
        if let expiresDate {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
            guard let date = formatter.date(from: expiresDate) ?? ISO8601DateFormatter().date(from: expiresDate) else {
                throw CLIFailure.usage("invalid --expires-date \(expiresDate)")
            }
            seconds = Int(date.timeIntervalSinceNow.rounded(.up))
        } else {
            guard let value = Formatting.duration(expiresDuration) else {
                throw CLIFailure.usage("invalid --expires-duration \(expiresDuration)")
            }
            seconds = Int(value)
        }
        guard (1...604_800).contains(seconds) else {
            throw CLIFailure.usage("the expiration must be between 1s and 1w")
        }
        var query: [(name: String, value: String?)] = []
        for item in queryParam {
            let parts = item.split(separator: "=", maxSplits: 1)
            query.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : nil))
        }
        if let versionId { query.append(("versionId", versionId)) }
        if let trafficLimit { query.append(("x-oss-traffic-limit", trafficLimit)) }
        let signed = try await context.withClient { client in
            try client.presign(bucket: path.bucket, key: path.key, expiresIn: seconds, query: query)
        }
        context.out(signed + "\n")
        context.finish()
    }
}
