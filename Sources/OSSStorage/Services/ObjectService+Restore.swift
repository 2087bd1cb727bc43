import Foundation
import OSSModel

/// What a RestoreObject request did.
public enum RestoreOutcome: Sendable, Equatable {
    /// A restore started (202).
    case started
    /// The object was already restored; its expiry was extended (200).
    case extended
}

extension ObjectService {
    /// RestoreObject on an Archive, ColdArchive or DeepColdArchive object. The restored
    /// copy becomes readable after the configured delay and stays so for `days` days.
    /// - Throws: `OperationNotSupported` for other classes, `RestoreAlreadyInProgress`,
    ///   `NoSuchKey`.
    public func restore(_ record: ObjectRecord, days: Int) async throws -> RestoreOutcome {
        guard record.storageClass.needsRestore else { throw OSSError.operationNotSupported }
        let now = configuration.now()
        let lifetime = TimeInterval(days) * 86_400
        if let state = record.restore {
            if state.isOngoing(at: now) { throw OSSError.restoreAlreadyInProgress }
            if state.isRestored(at: now) {
                try await metadata.setObjectRestore(
                    bucket: record.bucket, key: record.key,
                    restore: RestoreState(readyAt: state.readyAt, expiresAt: now + lifetime))
                return .extended
            }
        }
        let ready = now + configuration.restoreDelay
        try await metadata.setObjectRestore(
            bucket: record.bucket, key: record.key, restore: RestoreState(readyAt: ready, expiresAt: ready + lifetime))
        return .started
    }
}
