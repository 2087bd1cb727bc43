import ArgumentParser

/// The global flags of ossutil 2.x (ossutil-cli.md §1), shared by every command through
/// `@OptionGroup`. ``ArgumentHoister`` moves them behind the command words so they may be
/// written before or after the command.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.customShort("i"), .long], help: "AccessKey ID.")
    var accessKeyId: String?
    @Option(name: [.customShort("k"), .long], help: "AccessKey secret.")
    var accessKeySecret: String?
    @Option(name: [.customShort("t"), .long], help: "STS security token.")
    var stsToken: String?
    @Option(help: "Auth mode: AK, StsToken or Anonymous.")
    var mode: String?
    @Option(name: [.customShort("c"), .long], help: "Config file path (default ~/.ossutilconfig).")
    var configFile: String?
    @Option(help: "Profile section of the config file.")
    var profile: String?
    @Option(name: [.customShort("e"), .long], help: "Service endpoint; https:// is assumed without a scheme.")
    var endpoint: String?
    @Option(help: "Region id, e.g. cn-hangzhou; required by V4 signing.")
    var region: String?
    @Option(help: "Signature version: v1 or v4 (default v4).")
    var signVersion: String?
    @Option(help: "virtual (default), path or cname.")
    var addressingStyle: String?
    @Option(help: "raw (default), json, yaml or xml.")
    var outputFormat: String?
    @Option(help: "JMESPath filter over the response (api commands).")
    var outputQuery: String?
    @Flag(name: [.customShort("n"), .long], help: "Show what would be done without doing it.")
    var dryRun = false
    @Flag(name: [.customShort("q"), .long], help: "Print as little as possible.")
    var quiet = false
    @Option(help: "off (default), info or debug.")
    var loglevel: String?
    @Option(help: "Log destination; - is standard output.")
    var logFile: String?
    @Option(help: "Retries on 5xx answers and network errors (default 10).")
    var retryTimes: Int?
    @Option(help: "Connect timeout in seconds (default 10).")
    var connectTimeout: Int?
    @Option(help: "Read timeout in seconds (default 20).")
    var readTimeout: Int?
    @Option(help: "Proxy URL (accepted, not used).")
    var proxy: String?
    @Flag(help: "Do not verify the server TLS certificate (accepted, not used).")
    var skipVerifyCert = false
    @Option(help: "Help language (accepted, only en).")
    var language: String?
    @Flag(help: "Ignore all OSS_* environment variables.")
    var ignoreEnvVar = false
    @Option(help: "Appended to the User-Agent.")
    var userAgent: String?

    /// The settings given on the command line, by canonical kebab name.
    var given: [String: String] {
        var flags: [String: String] = [:]
        let pairs: [(String, String?)] = [
            ("access-key-id", accessKeyId), ("access-key-secret", accessKeySecret), ("sts-token", stsToken),
            ("mode", mode), ("config-file", configFile), ("profile", profile), ("endpoint", endpoint),
            ("region", region), ("sign-version", signVersion), ("addressing-style", addressingStyle),
            ("output-format", outputFormat), ("loglevel", loglevel), ("retry-times", retryTimes.map(String.init)),
            ("connect-timeout", connectTimeout.map(String.init)), ("read-timeout", readTimeout.map(String.init)),
        ]
        for (key, value) in pairs { if let value { flags[key] = value } }
        return flags
    }
}
