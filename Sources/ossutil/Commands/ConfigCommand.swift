import ArgumentParser
import Foundation
import OSSClient

/// `ossutil config`: writes the config file (`-c`, `OSSUTIL_CONFIG_FILE` or
/// `~/.ossutilconfig`), in the profile given by `--profile` (default `default`).
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Creates a config file and stores configuration settings and credentials",
        subcommands: [ConfigWizard.self, ConfigSet.self, ConfigGet.self, ConfigListProfiles.self],
        defaultSubcommand: ConfigWizard.self)

    /// The config file path and profile chosen by the flags and environment.
    static func location(_ globals: GlobalOptions) -> (path: String, profile: String) {
        let environment = globals.ignoreEnvVar ? [:] : ProcessInfo.processInfo.environment
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return (
            OSSSettings.configPath(flags: globals.given, environment: environment, home: home),
            OSSSettings.profileName(flags: globals.given, environment: environment)
        )
    }

    static func load(_ path: String) -> ConfigFile {
        ConfigFile(text: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    static func save(_ file: ConfigFile, _ path: String) throws {
        do {
            try file.text.write(toFile: path, atomically: true, encoding: .utf8)
            chmod(path, 0o600)
        } catch {
            throw CLIFailure.client("write \(path): \(error.localizedDescription)")
        }
    }
}

/// `ossutil config [-i AK -k SK --region R -e ENDPOINT]`: with any of those flags the values
/// are written directly; without, the documented prompts are asked on standard input.
struct ConfigWizard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Write credentials, region and endpoint", shouldDisplay: false)
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        var (path, profile) = ConfigCommand.location(globals)
        let given: [(String, String?)] = [
            ("accessKeyID", globals.accessKeyId), ("accessKeySecret", globals.accessKeySecret),
            ("stsToken", globals.stsToken), ("region", globals.region), ("endpoint", globals.endpoint),
        ]
        if given.contains(where: { $0.1 != nil }) {
            var file = ConfigCommand.load(path)
            for (key, value) in given { if let value { file.set(key, value, profile: profile) } }
            try ConfigCommand.save(file, path)
            return
        }
        func ask(_ question: String) -> String {
            FileHandle.standardOutput.write(Data(question.utf8))
            return readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
        }
        let chosen = ask(
            "Please enter the config file name,the file name can include path(default \(path), carriage return will use the default file. If you specified this option to other file, you should specify --config-file option to the file when you use other commands):"
        )
        if !chosen.isEmpty { path = chosen }
        var file = ConfigCommand.load(path)
        let current = file.settings(profile: profile)
        func masked(_ value: String?) -> String {
            guard let value, !value.isEmpty else { return "None" }
            return String(repeating: "*", count: 16) + value.suffix(2)
        }
        let prompts: [(key: String, question: String)] = [
            ("accessKeyID", "Please enter Access Key ID [\(masked(current["accesskeyid"]))]:"),
            ("accessKeySecret", "Please enter Access Key Secret [\(masked(current["accesskeysecret"]))]:"),
            ("region", "Please enter Region [\(current["region"] ?? "cn-hangzhou")]:"),
            (
                "endpoint",
                "Please enter Endpoint (optional, use public endpoint by default) [\(current["endpoint"] ?? "None")]:"
            ),
        ]
        for prompt in prompts {
            let answer = ask(prompt.question)
            if !answer.isEmpty {
                file.set(prompt.key, answer, profile: profile)
            } else if prompt.key == "region", current["region"] == nil {
                file.set("region", "cn-hangzhou", profile: profile)
            }
        }
        try ConfigCommand.save(file, path)
    }
}

/// `ossutil config set KEY VALUE`: sets one key; `""` deletes it.
struct ConfigSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Set one configuration key")
    @Argument var key: String
    @Argument var value: String
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let (path, profile) = ConfigCommand.location(globals)
        var file = ConfigCommand.load(path)
        file.set(key, value, profile: profile)
        try ConfigCommand.save(file, path)
    }
}

/// `ossutil config get KEY`: prints one value (an empty line when unset).
struct ConfigGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print one configuration key")
    @Argument var key: String
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let (path, profile) = ConfigCommand.location(globals)
        print(ConfigCommand.load(path).settings(profile: profile)[ConfigFile.normalize(key)] ?? "")
    }
}

/// `ossutil config list-profiles`: one profile name per line.
struct ConfigListProfiles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list-profiles", abstract: "List profile names")
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let (path, _) = ConfigCommand.location(globals)
        for name in ConfigCommand.load(path).profileNames { print(name) }
    }
}
