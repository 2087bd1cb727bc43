import Crypto
import Foundation
import OSSModel

/// Seals access-key secrets at rest with AES-GCM under the server's master key. Signature
/// checks need the secret itself (HMAC), so secrets are encrypted rather than hashed.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    /// - Parameter keyBytes: 32 bytes of key material.
    public init(keyBytes: [UInt8]) {
        key = SymmetricKey(data: keyBytes)
    }

    /// A box with a fresh random key (tests and the in-memory store).
    public static func random() -> SecretBox {
        SecretBox(keyBytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    public func seal(_ secret: String) throws -> [UInt8] {
        guard let combined = try AES.GCM.seal(Array(secret.utf8), using: key).combined else {
            throw OSSError.internalError
        }
        return Array(combined)
    }

    public func open(_ sealed: [UInt8]) throws -> String {
        let box = try AES.GCM.SealedBox(combined: sealed)
        return String(decoding: try AES.GCM.open(box, using: key), as: UTF8.self)
    }
}
