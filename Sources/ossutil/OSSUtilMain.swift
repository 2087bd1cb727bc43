import ArgumentParser
import Foundation
import OSSClient

/// The `ossutil` root command.
struct OSSUtil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ossutil",
        abstract: "ossutil: an ossutil 2.x compatible command line for ossd and Alibaba Cloud OSS.",
        subcommands: [
            ApiCommand.self, AppendCommand.self, CatCommand.self, ConfigCommand.self, CopyCommand.self, DuCommand.self,
            ListCommand.self, MakeBucketCommand.self, PresignCommand.self, RemoveBucketCommand.self,
            RemoveCommand.self, RestoreCommand.self, SetPropsCommand.self, StatCommand.self, VersionCommand.self,
        ])
}

/// Entry point: hoists global flags, parses, runs, and maps every failure to ossutil's
/// exit status (0 success, 1 usage, 2 service error, 3 other client error, 4 partial batch
/// failure) with the message on standard error.
enum OSSUtilMain {
    static func run(_ arguments: [String]) async -> Int32 {
        let hoisted = ArgumentHoister.hoist(arguments)
        let command: any ParsableCommand
        do {
            command = try OSSUtil.parseAsRoot(hoisted)
        } catch {
            return report(parseError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
            return 0
        } catch let error as OSSServiceError {
            printError("operation error \(error.operation): \(error.description)")
            return 2
        } catch let error as OSSClientError {
            printError(error.message)
            return 3
        } catch let error as CLIFailure {
            printError(error.message)
            return error.exitCode
        } catch {
            return report(parseError: error)
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
    }

    private static func report(parseError error: any Error) -> Int32 {
        let code = OSSUtil.exitCode(for: error)
        let text = OSSUtil.fullMessage(for: error)
        if code == .success {
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
            return 0
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
        return 1
    }
}
