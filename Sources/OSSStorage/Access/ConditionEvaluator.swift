import Foundation
import OSSModel

/// Evaluates one policy condition against the request's condition values. A key the
/// request does not carry makes the condition false (so an Allow does not apply and a
/// Deny does not either).
enum ConditionEvaluator {
    static func holds(_ condition: PolicyDocument.Condition, _ context: [String: [String]]) -> Bool {
        guard
            let actual = context[condition.key]
                ?? context.first(where: { $0.key.lowercased() == condition.key.lowercased() })?.value
        else { return false }
        let wanted = condition.values
        switch condition.operator {
        case "StringEquals": return actual.contains { a in wanted.contains { $0.hasSameBytes(as: a) } }
        case "StringNotEquals": return !actual.contains { a in wanted.contains { $0.hasSameBytes(as: a) } }
        case "StringEqualsIgnoreCase":
            return actual.contains { a in wanted.contains { sameIgnoringCase($0, a) } }
        case "StringNotEqualsIgnoreCase":
            return !actual.contains { a in wanted.contains { sameIgnoringCase($0, a) } }
        case "StringLike":
            return actual.contains { a in wanted.contains { Wildcard.matches($0, a, caseInsensitive: false) } }
        case "StringNotLike":
            return !actual.contains { a in wanted.contains { Wildcard.matches($0, a, caseInsensitive: false) } }
        case "IpAddress": return actual.contains { a in wanted.contains { IPRange.contains($0, a) } }
        case "NotIpAddress": return !actual.contains { a in wanted.contains { IPRange.contains($0, a) } }
        case "Bool": return actual.contains { a in wanted.contains { sameIgnoringCase($0, a) } }
        default:
            if condition.operator.hasPrefix("Date") {
                return compare(condition.operator.dropFirst(4), actual, wanted, parse: date)
            }
            if condition.operator.hasPrefix("Numeric") {
                return compare(condition.operator.dropFirst(7), actual, wanted, parse: { Double($0) })
            }
            return false
        }
    }

    private static func compare(
        _ op: Substring, _ actual: [String], _ wanted: [String], parse: (String) -> Double?
    ) -> Bool {
        actual.contains { a in
            guard let lhs = parse(a) else { return false }
            return wanted.contains { w in
                guard let rhs = parse(w) else { return false }
                switch op {
                case "Equals": return lhs == rhs
                case "NotEquals": return lhs != rhs
                case "LessThan": return lhs < rhs
                case "LessThanEquals": return lhs <= rhs
                case "GreaterThan": return lhs > rhs
                case "GreaterThanEquals": return lhs >= rhs
                default: return false
                }
            }
        }
    }

    /// Equal after lower-casing, byte for byte (no canonical equivalence).
    private static func sameIgnoringCase(_ a: String, _ b: String) -> Bool {
        a.lowercased().hasSameBytes(as: b.lowercased())
    }

    /// ISO 8601 dates (`2026-01-01T00:00:00Z`, with or without fractions) as seconds.
    private static func date(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}

/// IPv4 addresses and CIDR ranges (`10.0.0.0/8`, `127.0.0.1`).
enum IPRange {
    static func contains(_ range: String, _ address: String) -> Bool {
        let parts = range.split(separator: "/")
        guard let base = ipv4(String(parts[0])), let value = ipv4(address) else { return range == address }
        let bits = parts.count > 1 ? Int(parts[1]) ?? 32 : 32
        guard (0...32).contains(bits) else { return false }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - UInt32(bits))
        return base & mask == value & mask
    }

    static func ipv4(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }
}
