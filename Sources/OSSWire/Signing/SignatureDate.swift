import Foundation

/// The two timestamp spellings used by OSS signatures: RFC 1123 (`Fri, 27 Nov 2026
/// 18:15:56 GMT`, the `Date` header) and ISO 8601 basic (`20261127T181556Z`, `x-oss-date`
/// in V4). A thin layer over ``HTTPDate`` and ``ISO8601Compact`` giving whole seconds.
enum SignatureDate {
    /// Seconds since 1970 for an RFC 1123 date (`GMT` or `UTC` zone).
    static func parseRFC1123(_ text: String) -> Int? {
        var trimmed = SignatureText.trim(text)
        if trimmed.hasSuffix(" UTC") { trimmed = String(trimmed.dropLast(3)) + "GMT" }
        guard trimmed.utf8.contains(UInt8(ascii: ",")), let date = HTTPDate.parse(trimmed) else { return nil }
        return Int(date.timeIntervalSince1970.rounded(.down))
    }

    /// Seconds since 1970 for `yyyyMMddTHHmmssZ`.
    static func parseISO8601Basic(_ text: String) -> Int? {
        ISO8601Compact.parse(text).map { Int($0.timeIntervalSince1970.rounded(.down)) }
    }

    /// Either spelling; V1 accepts both in `Date` and `x-oss-date`.
    static func parseAny(_ text: String) -> Int? {
        parseISO8601Basic(SignatureText.trim(text)) ?? parseRFC1123(text)
    }

    /// `Fri, 27 Nov 2026 18:15:56 GMT`.
    static func rfc1123(_ date: Date) -> String { HTTPDate.format(date) }

    /// `20261127T181556Z`.
    static func iso8601Basic(_ date: Date) -> String { ISO8601Compact.format(date) }

    /// `2026-11-27T18:15:56.000Z`, the timestamp form of OSS error documents.
    static func iso8601Extended(_ date: Date) -> String {
        ISO8601Millis.format(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
}
