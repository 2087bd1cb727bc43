import Foundation

/// The compact ISO 8601 form of Signature V4: `x-oss-date` header and query values such as
/// `20231216T162057Z`, and the credential-scope date `20231216`.
public enum ISO8601Compact {
    /// Formats `date` as `YYYYMMDDTHHMMSSZ` (UTC, fractional seconds dropped).
    public static func format(_ date: Date) -> String {
        let t = CivilTime(date)
        var out = dayBytes(t)
        out.append(UInt8(ascii: "T"))
        out.appendZeroPadded(t.hour, width: 2)
        out.appendZeroPadded(t.minute, width: 2)
        out.appendZeroPadded(t.second, width: 2)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Formats the UTC day of `date` as `YYYYMMDD`, the V4 credential-scope date.
    public static func formatDay(_ date: Date) -> String {
        String(decoding: dayBytes(CivilTime(date)), as: UTF8.self)
    }

    private static func dayBytes(_ t: CivilTime) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        out.appendZeroPadded(t.year, width: 4)
        out.appendZeroPadded(t.month, width: 2)
        out.appendZeroPadded(t.day, width: 2)
        return out
    }

    /// Parses exactly `YYYYMMDDTHHMMSSZ`, or returns `nil` (wrong length, separators or
    /// out-of-range fields).
    public static func parse(_ s: String) -> Date? {
        var scan = DateScanner(s)
        guard scan.bytes.count == 16, let year = scan.number(digits: 4...4),
            let month = scan.number(digits: 2...2), let day = scan.number(digits: 2...2),
            scan.take(UInt8(ascii: "T")), let hour = scan.number(digits: 2...2),
            let minute = scan.number(digits: 2...2), let second = scan.number(digits: 2...2),
            scan.take(UInt8(ascii: "Z")), scan.atEnd
        else { return nil }
        return CivilTime.date(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
