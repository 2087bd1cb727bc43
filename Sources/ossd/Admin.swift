import ArgumentParser
import Foundation
import OSSServer

/// `ossd admin`: manage users, access keys, RAM policies and STS credentials of a running
/// ossd through its admin API, as the root account.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage users, access keys, policies and STS credentials of a running ossd.",
        subcommands: [User.self, Key.self, Policy.self, STS.self])

    struct Connection: ParsableArguments {
        @Option(help: "The ossd to manage.")
        var endpoint = "http://127.0.0.1:9000"

        @Option(help: "Read the root credentials from <data-dir>/root-credentials when the environment has none.")
        var dataDir = "./ossd-data"

        func client() throws -> AdminClient {
            AdminClient(endpoint: endpoint, key: try RootCredentials.existing(dataDirectory: dataDir))
        }
    }

    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list and delete users.", subcommands: [Create.self, List.self, Delete.self])

        struct Create: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument var name: String
            func run() async throws {
                let body = try JSONSerialization.data(withJSONObject: ["UserName": name])
                print(try await connection.client().send("POST", "users", body: [UInt8](body)))
            }
        }

        struct List: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            func run() async throws { print(try await connection.client().send("GET", "users")) }
        }

        struct Delete: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument var name: String
            func run() async throws { _ = try await connection.client().send("DELETE", "users/\(name)") }
        }
    }

    struct Key: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list, enable, disable and delete a user's access keys.",
            subcommands: [Create.self, List.self, Enable.self, Disable.self, Delete.self])

        struct Create: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument(help: "The user name.") var user: String
            func run() async throws { print(try await connection.client().send("POST", "users/\(user)/keys")) }
        }

        struct List: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument(help: "The user name.") var user: String
            func run() async throws { print(try await connection.client().send("GET", "users/\(user)/keys")) }
        }

        struct Enable: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument var accessKeyId: String
            func run() async throws { _ = try await connection.client().send("PUT", "keys/\(accessKeyId)", query: "status=Active") }
        }

        struct Disable: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument var accessKeyId: String
            func run() async throws {
                _ = try await connection.client().send("PUT", "keys/\(accessKeyId)", query: "status=Inactive")
            }
        }

        struct Delete: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument var accessKeyId: String
            func run() async throws { _ = try await connection.client().send("DELETE", "keys/\(accessKeyId)") }
        }
    }

    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach, detach and list a user's RAM policies.", subcommands: [Attach.self, Detach.self, List.self])

        struct Attach: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument(help: "The user name.") var user: String
            @Argument(help: "A JSON policy document file.") var file: String
            @Option(help: "The policy's name (default: the file name without extension).") var name: String?
            func run() async throws {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("cannot read \(file)")
                }
                let policyName = name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                _ = try await connection.client().send("PUT", "users/\(user)/policies/\(policyName)", body: [UInt8](data))
            }
        }

        struct Detach: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument var user: String
            @Argument var name: String
            func run() async throws { _ = try await connection.client().send("DELETE", "users/\(user)/policies/\(name)") }
        }

        struct List: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument var user: String
            func run() async throws { print(try await connection.client().send("GET", "users/\(user)/policies")) }
        }
    }

    struct STS: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sts", abstract: "Issue temporary credentials.", subcommands: [Assume.self])

        struct Assume: AsyncParsableCommand {
            @OptionGroup var connection: Connection
            @Argument(help: "The user whose permissions the credentials carry.") var user: String
            @Option(help: "Lifetime in seconds (1-43200).") var duration = 3600
            @Option(help: "A JSON session policy file narrowing the permissions.") var policy: String?
            func run() async throws {
                var input: [String: Any] = ["UserName": user, "DurationSeconds": duration]
                if let policy {
                    guard let data = FileManager.default.contents(atPath: policy) else {
                        throw ValidationError("cannot read \(policy)")
                    }
                    input["Policy"] = String(decoding: data, as: UTF8.self)
                }
                let body = try JSONSerialization.data(withJSONObject: input)
                print(try await connection.client().send("POST", "sts", body: [UInt8](body)))
            }
        }
    }
}
