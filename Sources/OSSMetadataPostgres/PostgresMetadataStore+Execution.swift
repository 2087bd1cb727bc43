import Foundation
import Logging
import OSSModel
import PostgresNIO

/// Failures inside the driver that a retry of the whole transaction resolves.
enum PostgresStoreError: Error {
    /// A row seen as conflicting was gone when re-read (a concurrent delete won).
    case raceLost
}

extension PostgresMetadataStore {
    /// Runs an idempotent read on a pooled connection. A lost connection is retried once on
    /// a fresh one; a second loss is `503 ServiceUnavailable`.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { db in try await body(db) }
        } catch let error where Self.isConnectionFailure(error) {
            logger.warning("metadata read lost its connection, retrying once: \(String(reflecting: error))")
            do {
                return try await client.withConnection { db in try await body(db) }
            } catch {
                throw Self.surfaced(error)
            }
        } catch {
            throw Self.surfaced(error)
        }
    }

    /// Runs `body` as one transaction (BEGIN ... COMMIT on one leased connection), rolled
    /// back when it throws. A deadlock or serialization failure, which PostgreSQL rolled
    /// back whole, is retried; a lost connection is not (the commit may or may not have
    /// happened) and surfaces as `503 ServiceUnavailable`.
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withConnection { db in
                    try await db.query("BEGIN", logger: self.logger)
                    do {
                        let result = try await body(db)
                        try await db.query("COMMIT", logger: self.logger)
                        return result
                    } catch {
                        if !Self.isConnectionFailure(error) {
                            _ = try? await db.query("ROLLBACK", logger: self.logger)
                        }
                        throw error
                    }
                }
            } catch let error where attempt < 5 && Self.isRetryable(error) {
                continue
            } catch {
                throw Self.surfaced(error)
            }
        }
    }

    /// OSS errors pass through; a lost or refused connection becomes `503`; anything else
    /// (a bug: bad SQL, a decoding mismatch) stays as is and is reported as `500`.
    static func surfaced(_ error: any Error) -> any Error {
        if error is OSSError { return error }
        if isConnectionFailure(error) { return OSSError.serviceUnavailable }
        return error
    }

    static func isRetryable(_ error: any Error) -> Bool {
        if case PostgresStoreError.raceLost = error { return true }
        guard let error = error as? PSQLError, error.code == .server else { return false }
        let state = error.serverInfo?[.sqlState] ?? ""
        return state == "40001" || state == "40P01"
    }

    /// Whether `error` means the database could not be reached or the connection died,
    /// rather than that a statement failed.
    static func isConnectionFailure(_ error: any Error) -> Bool {
        switch error {
        case is OSSError, is PostgresDecodingError, is PostgresStoreError: return false
        case let error as PSQLError:
            switch error.code {
            case .server:
                // 08: connection exception; 57P: operator intervention (shutdown);
                // 53: insufficient resources (too many connections).
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("53")
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
                .queryCancelled, .sslUnsupported, .failedToAddSSLHandler:
                return true
            default:
                return false
            }
        default:
            // Pool and socket errors (connection refused, circuit breaker tripped, timeouts).
            return true
        }
    }
}
