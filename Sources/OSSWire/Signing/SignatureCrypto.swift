import Crypto
import Foundation
import OSSModel

/// The hashing primitives of the OSS signature versions, and a constant-time comparison.
enum SignatureCrypto {
    /// Base64 of HMAC-SHA1 (signature V1).
    static func hmacSHA1Base64(key: String, message: String) -> String {
        Data(mac(SigningKeys.sha1(secret: key), message)).base64EncodedString()
    }

    /// Base64 of HMAC-SHA256 (signature V2).
    static func hmacSHA256Base64(key: String, message: String) -> String {
        Data(mac(SigningKeys.sha256(secret: key), message)).base64EncodedString()
    }

    /// The MAC of `message` from a copy of a keyed state.
    static func mac<H: HashFunction>(_ keyed: HMAC<H>, _ message: String) -> HashedAuthenticationCode<H> {
        var state = keyed
        var text = message
        text.withUTF8 { state.update(data: UnsafeRawBufferPointer($0)) }
        return state.finalize()
    }

    /// Raw HMAC-SHA256 bytes.
    static func hmacSHA256(key: Data, message: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: key)))
    }

    /// Lower-case hex of SHA-256 over the UTF-8 bytes of `text`.
    static func sha256Hex(_ text: String) -> String {
        lowerHex(Data(SHA256.hash(data: Data(text.utf8))))
    }

    /// Lower-case hex, no separators.
    static func lowerHex(_ bytes: Data) -> String {
        Hex.encode(bytes, uppercase: false)
    }

    /// The UTF-8 bytes of `text` as space-separated lower-case hex pairs, the form OSS uses
    /// for `StringToSignBytes`.
    static func spacedHex(_ text: String) -> String {
        text.utf8.map { lowerHex(Data([$0])) }.joined(separator: " ")
    }

    /// Compares two signatures without an early exit on the first differing byte, so the
    /// time taken does not reveal how much of a guess was right. Lengths are not secret.
    static func constantTimeEquals(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        let contiguous = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in constantTimeEquals(left, right) }
        }
        if let contiguous, let result = contiguous { return result }
        return constantTimeEquals(Array(lhs.utf8)[...], Array(rhs.utf8)[...])
    }

    /// The byte-wise comparison behind the string one above.
    private static func constantTimeEquals(
        _ left: some RandomAccessCollection<UInt8>, _ right: some RandomAccessCollection<UInt8>
    ) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for (l, r) in zip(left, right) {
            difference |= l ^ r
        }
        return difference == 0
    }
}
