import ArgumentParser

/// `ossd`: an object storage server that speaks Alibaba Cloud OSS's REST API.
@main
struct OSSD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ossd",
        abstract: "An object storage server that speaks Alibaba Cloud OSS's REST API.",
        subcommands: [Serve.self, Admin.self, Migrate.self],
        defaultSubcommand: Serve.self)
}
