import Foundation

/// The effective ossutil settings after applying the documented precedence:
/// command-line flags, then environment variables, then the config file profile.
///
/// Keys are the canonical kebab names of ossutil-cli.md §2 (`access-key-id`, `region`,
/// `sign-version`, ...); lookups accept any spelling that normalizes to the same key.
public struct OSSSettings: Sendable, Equatable {
    /// Environment variables and the setting each one provides.
    public static let environmentNames: [(variable: String, key: String)] = [
        ("OSS_ACCESS_KEY_ID", "access-key-id"), ("OSS_ACCESS_KEY_SECRET", "access-key-secret"),
        ("OSS_SESSION_TOKEN", "sts-token"), ("OSS_REGION", "region"), ("OSS_ENDPOINT", "endpoint"),
        ("OSS_ROLE_ARN", "role-arn"), ("OSS_ROLE_SESSION_NAME", "role-session-name"),
        ("OSSUTIL_CONFIG_FILE", "config-file"), ("OSSUTIL_PROFILE", "profile"),
    ]

    private var values: [String: String]

    /// Settings holding exactly `values` (keys normalized).
    public init(_ values: [String: String] = [:]) {
        self.values = Dictionary(values.map { (ConfigFile.normalize($0.key), $0.value) }) { _, new in new }
    }

    /// The value of `key`, or `nil` when no source sets it (an empty string counts as unset).
    public subscript(key: String) -> String? {
        values[ConfigFile.normalize(key)].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The config file path: `--config-file`, else `OSSUTIL_CONFIG_FILE`, else
    /// `<home>/.ossutilconfig`.
    public static func configPath(flags: [String: String], environment: [String: String], home: String) -> String {
        let path = flags["config-file"] ?? environment["OSSUTIL_CONFIG_FILE"] ?? (home + "/.ossutilconfig")
        return expandTilde(path, home: home)
    }

    /// The profile name: `--profile`, else `OSSUTIL_PROFILE`, else `default`.
    public static func profileName(flags: [String: String], environment: [String: String]) -> String {
        flags["profile"] ?? environment["OSSUTIL_PROFILE"] ?? "default"
    }

    /// Replaces a leading `~/` with `home`.
    public static func expandTilde(_ path: String, home: String) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst() : path
    }

    /// Merges the three sources, flags first.
    ///
    /// - Parameters:
    ///   - flags: command-line values by kebab name (only flags the user gave).
    ///   - environment: the process environment; ignored entirely when
    ///     `ignoreEnvironment` (`--ignore-env-var`) is set.
    ///   - file: the parsed config file, if one exists.
    ///   - profile: the profile to read from `file`.
    public static func resolve(
        flags: [String: String], environment: [String: String], file: ConfigFile?, profile: String,
        ignoreEnvironment: Bool = false
    ) -> OSSSettings {
        var merged = file?.settings(profile: profile) ?? [:]
        if !ignoreEnvironment {
            for (variable, key) in environmentNames {
                if let value = environment[variable], !value.isEmpty { merged[ConfigFile.normalize(key)] = value }
            }
        }
        for (key, value) in flags { merged[ConfigFile.normalize(key)] = value }
        return OSSSettings(merged)
    }
}
