import ArgumentParser

/// `ossutil version`.
struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Show version")
    static let version = "2.0.0-ossd"
    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        print("ossutil version: v\(Self.version)")
    }
}
