import Foundation
import Synchronization

/// Presigned requests whose signature has been verified, remembered so that the same URL
/// asked again (a player's range reads, a CI loop, a CDN pulling from its origin) skips
/// parsing the signature, rebuilding the string to sign and the HMAC.
///
/// The contract:
/// - An entry is the exact text of a request that verified: its method, Host, raw target and
///   every header as received, with the value of its signature parameter cut out and kept
///   beside it (see ``Probe``).
/// - ``accessKeyId(for:now:)`` answers only for a request whose text is byte for byte that
///   of an entry, whose signature equals the kept one (compared in constant time), and only
///   while the URL has not expired. Such a request is the one that verified, so verifying it
///   again would give the same answer.
/// - The caller remembers only what it verified with a secret that cannot change while the
///   process runs (the root key); keys that can be disabled, deleted or expire must always be
///   checked in full.
/// - Bounded: at most ``capacity`` entries, each at most ``maximumRequestBytes`` long; when
///   it is full, it starts over empty.
public final class PresignedURLCache: Sendable {
    /// The text of one presigned request, its signature value cut out.
    public struct Probe: Sendable, Equatable {
        /// Method, Host, target without the signature value, and every header.
        let request: String
        /// The raw (still percent-encoded) value of the signature parameter.
        let signature: Substring

        /// The probe of a request, or nil when its query carries no `Signature` (V1) or
        /// `x-oss-signature` (V2, V4) parameter, or the request is too long to remember.
        ///
        /// - Parameters:
        ///   - target: the raw request target (`/bucket/key?query`).
        ///   - fields: every header as received, in order.
        public init?(
            method: String, authority: String?, target: String,
            fields: some Sequence<(name: String, value: String)>
        ) {
            guard let value = Self.signatureRange(in: target) else { return nil }
            let utf8 = target.utf8
            var request = String()
            request.reserveCapacity(utf8.count + 256)
            request += method
            request += " "
            request += authority ?? ""
            request += "\n"
            request += target[..<value.lowerBound]
            request += target[value.upperBound...]
            for field in fields {
                request += "\n"
                request += field.name
                request += ":"
                request += field.value
            }
            guard request.utf8.count <= PresignedURLCache.maximumRequestBytes else { return nil }
            self.request = request
            self.signature = target[value]
        }

        /// Where the value of the first `Signature=` or `x-oss-signature=` item of the
        /// query lies in `target`.
        static func signatureRange(in target: String) -> Range<String.Index>? {
            let utf8 = target.utf8
            guard let question = utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
            var start = utf8.index(after: question)
            while start < utf8.endIndex {
                let end = utf8[start...].firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
                let item = utf8[start..<end]
                if item.starts(with: "Signature=".utf8) {
                    return utf8.index(start, offsetBy: 10)..<end
                }
                if item.starts(with: "x-oss-signature=".utf8) {
                    return utf8.index(start, offsetBy: 16)..<end
                }
                start = end < utf8.endIndex ? utf8.index(after: end) : end
            }
            return nil
        }
    }

    private struct Entry {
        var signature: String
        var accessKeyId: String
        var expiresAt: Date
    }

    /// Most entries kept at once.
    public let capacity: Int
    /// Longest request text (method, Host, target and headers) that is remembered.
    public static let maximumRequestBytes = 4096

    private let entries = Mutex<[String: Entry]>([:])

    public init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// The access key that signed `probe`'s request, if exactly this request verified
    /// before with exactly this signature and `now` is not past the URL's expiry; else nil,
    /// and the request must be checked in full.
    public func accessKeyId(for probe: Probe, now: Date) -> String? {
        guard let entry = entries.withLock({ $0[probe.request] }), now <= entry.expiresAt,
            SignatureCrypto.constantTimeEquals(entry.signature, String(probe.signature))
        else { return nil }
        return entry.accessKeyId
    }

    /// Remembers that `probe`'s request verified as signed by `accessKeyId`, valid until
    /// `expiresAt`. Call it only after ``SignatureVerifier/verify(_:_:secret:)`` succeeded
    /// with a secret that cannot change while the process runs.
    public func remember(_ probe: Probe, accessKeyId: String, expiresAt: Date) {
        let entry = Entry(signature: String(probe.signature), accessKeyId: accessKeyId, expiresAt: expiresAt)
        entries.withLock { entries in
            if entries.count >= capacity, entries[probe.request] == nil {
                entries.removeAll(keepingCapacity: true)
            }
            entries[probe.request] = entry
        }
    }

    /// How many requests are remembered.
    public var count: Int { entries.withLock { $0.count } }
}
