import Foundation

/// The two timestamp spellings used by OSS signatures, parsed and formatted without locale
/// or calendar state: RFC 1123 (`Fri, 27 Nov 2026 18:15:56 GMT`, the `Date` header) and
/// ISO 8601 basic (`20261127T181556Z`, `x-oss-date` in V4).
enum SignatureDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday

    /// Seconds since 1970 for an RFC 1123 date (`GMT` or `UTC` zone; the weekday is not checked).
    static func parseRFC1123(_ text: String) -> Int? {
        let parts = SignatureText.trim(text).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT" || parts[5] == "UTC",
            let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), parts[3].count == 4
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2])
        else { return nil }
        return epoch(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
    }

    /// Seconds since 1970 for `yyyyMMddTHHmmssZ`.
    static func parseISO8601Basic(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15)
        else { return nil }
        return epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// Either spelling; V1 accepts both in `Date` and `x-oss-date`.
    static func parseAny(_ text: String) -> Int? {
        parseISO8601Basic(SignatureText.trim(text)) ?? parseRFC1123(text)
    }

    /// `Fri, 27 Nov 2026 18:15:56 GMT`.
    static func rfc1123(_ date: Date) -> String {
        let (seconds, civil) = breakDown(date)
        let weekday = weekdays[Int(((seconds / 86_400) % 7 + 7) % 7)]
        return "\(weekday), \(pad(civil.day)) \(months[civil.month - 1]) \(civil.year) "
            + "\(pad(civil.hour)):\(pad(civil.minute)):\(pad(civil.second)) GMT"
    }

    /// `20261127T181556Z`.
    static func iso8601Basic(_ date: Date) -> String {
        let civil = breakDown(date).1
        return "\(civil.year)\(pad(civil.month))\(pad(civil.day))T\(pad(civil.hour))\(pad(civil.minute))\(pad(civil.second))Z"
    }

    /// `2026-11-27T18:15:56.000Z`, the timestamp form of OSS error documents.
    static func iso8601Extended(_ date: Date) -> String {
        let civil = breakDown(date).1
        return "\(civil.year)-\(pad(civil.month))-\(pad(civil.day))T\(pad(civil.hour)):\(pad(civil.minute)):\(pad(civil.second)).000Z"
    }

    private typealias Civil = (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static func breakDown(_ date: Date) -> (Int, Civil) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        return (seconds, (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60))
    }

    // Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
