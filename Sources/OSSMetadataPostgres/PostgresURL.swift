import Foundation
import PostgresNIO

/// Parses `postgres://user[:password]@host[:port]/database[?sslmode=...&schema=...]`.
/// `sslmode` is `disable` (the default), `prefer` or `require`; `schema` becomes the
/// connections' `search_path`.
enum PostgresURL {
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), let scheme = url.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw Invalid(description: "metadata URL must look like postgres://user@host:port/database")
        }
        guard let user = url.user, !user.isEmpty else { throw Invalid(description: "metadata URL names no user") }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let tls: PostgresClient.Configuration.TLS
        switch query(url, "sslmode") ?? "disable" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        case let mode: throw Invalid(description: "unsupported sslmode \(mode) (disable, prefer, require)")
        }
        var configuration = PostgresClient.Configuration(
            host: url.host ?? "127.0.0.1", port: url.port ?? 5432, username: user,
            password: url.password, database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.maximumConnections = 16
        return configuration
    }

    static func schema(_ text: String) -> String? {
        URLComponents(string: text).flatMap { query($0, "schema") }
    }

    private static func query(_ url: URLComponents, _ name: String) -> String? {
        url.queryItems?.first { $0.name == name }?.value
    }
}
