import Foundation
import OSSClient
import OSSWire

/// The output formats of `--output-format`.
enum OutputFormat: String {
    case raw, json, yaml, xml
}

/// What every command needs at run time: the resolved settings (flags > environment >
/// config file), the output format, a client factory and the output streams.
struct CommandContext {
    let globals: GlobalOptions
    let settings: OSSSettings
    let environment: [String: String]
    let format: OutputFormat
    let query: OutputQuery?
    let configPath: String
    let profile: String

    /// When the process started, for the elapsed line.
    nonisolated(unsafe) static var start = Date()

    /// Resolves settings and validates the output flags.
    ///
    /// - Throws: ``CLIFailure`` (usage) for an unknown output format or a bad query.
    init(_ globals: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.globals = globals
        self.environment = environment
        let flags = globals.given
        let home = environment["HOME"] ?? NSHomeDirectory()
        let usableEnvironment = globals.ignoreEnvVar ? [:] : environment
        configPath = OSSSettings.configPath(flags: flags, environment: usableEnvironment, home: home)
        profile = OSSSettings.profileName(flags: flags, environment: usableEnvironment)
        let file = (try? String(contentsOfFile: configPath, encoding: .utf8)).map(ConfigFile.init(text:))
        if let file, flags["profile"] != nil || usableEnvironment["OSSUTIL_PROFILE"] != nil,
            !file.hasProfile(profile)
        {
            throw CLIFailure.client("profile \(profile) not found in \(configPath)")
        }
        settings = OSSSettings.resolve(
            flags: flags, environment: environment, file: file, profile: profile,
            ignoreEnvironment: globals.ignoreEnvVar)
        let formatText = (settings["output-format"] ?? "raw").lowercased()
        guard let format = OutputFormat(rawValue: formatText) else {
            throw CLIFailure.usage("invalid output format \(formatText): use raw, json, yaml or xml")
        }
        self.format = format
        do {
            query = try globals.outputQuery.map(OutputQuery.init)
        } catch {
            throw CLIFailure.usage(error.message)
        }
    }

    /// A configured client; the caller must shut it down (see ``withClient(_:)``).
    ///
    /// - Throws: ``CLIFailure`` or ``OSSClientError`` for missing credentials, region or
    ///   endpoint and malformed values.
    func makeClient() throws -> OSSClient {
        let signText = (settings["sign-version"] ?? "v4").lowercased()
        let version: SignatureVersion
        switch signText {
        case "v4": version = .v4
        case "v1": version = .v1
        default: throw CLIFailure.usage("invalid sign version \(signText): use v1 or v4")
        }
        let styleText = (settings["addressing-style"] ?? "virtual").lowercased()
        guard let style = AddressingStyle(rawValue: styleText) else {
            throw CLIFailure.usage("invalid addressing style \(styleText): use virtual, path or cname")
        }
        var credentials: OSSCredentials?
        if (settings["mode"] ?? "").lowercased() != "anonymous" {
            guard let id = settings["access-key-id"], let secret = settings["access-key-secret"] else {
                throw CLIFailure.client(
                    "credentials is null or empty: set --access-key-id and --access-key-secret, "
                        + "OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or the config file")
            }
            credentials = OSSCredentials(accessKeyId: id, accessKeySecret: secret, securityToken: settings["sts-token"])
        }
        let region = settings["region"]
        if version == .v4, credentials != nil, region == nil {
            throw OSSClientError.invalidArgument("region must be set in sign version 4")
        }
        let endpoint: OSSEndpoint
        if let text = settings["endpoint"] {
            endpoint = try OSSEndpoint(parsing: text)
        } else if let region {
            endpoint = OSSEndpoint.forRegion(region)
        } else {
            throw OSSClientError.invalidArgument("endpoint or region must be set")
        }
        func number(_ key: String, _ fallback: Int) throws -> Int {
            guard let text = settings[key] else { return fallback }
            guard let value = Int(text), value >= 0 else { throw CLIFailure.usage("invalid \(key) \(text)") }
            return value
        }
        var agent = "ossd-ossutil/\(VersionCommand.version)"
        if let extra = globals.userAgent { agent += " " + extra }
        return try OSSClient(
            configuration: OSSClientConfiguration(
                endpoint: endpoint, region: region, credentials: credentials, signatureVersion: version,
                addressingStyle: style, retryTimes: try number("retry-times", 10),
                connectTimeout: try number("connect-timeout", 10), readTimeout: try number("read-timeout", 20),
                userAgent: agent))
    }

    /// Runs `body` with a fresh client and shuts the client down afterwards.
    func withClient<T>(_ body: (OSSClient) async throws -> T) async throws -> T {
        let client = try makeClient()
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Writes `text` to standard output as is.
    func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `text` plus a newline to standard output unless `--quiet`.
    func line(_ text: String) {
        if !globals.quiet { out(text + "\n") }
    }

    /// Prints the closing blank line and `N.NNNNNN(s) elapsed` on standard output, unless
    /// `--quiet`.
    func finish() {
        guard !globals.quiet else { return }
        let seconds = Date().timeIntervalSince(Self.start)
        out("\n" + String(format: "%.6f(s) elapsed", seconds) + "\n")
    }

    /// Whether standard output is a terminal (progress bars only go there).
    var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

extension Error {
    /// The text shown after `Error: `.
    var message: String {
        if let error = self as? OSSClientError { return error.message }
        if let error = self as? CLIFailure { return error.message }
        return String(describing: self)
    }
}
