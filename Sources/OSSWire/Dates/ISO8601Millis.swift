import Foundation

/// The XML timestamp form OSS uses for `LastModified`, `CreationDate` and `Initiated`:
/// ISO 8601 UTC with exactly three fraction digits, `2012-02-24T08:43:07.000Z`.
public enum ISO8601Millis {
    /// Formats `date`, truncating below the millisecond; years are clamped to 1...9999.
    public static func format(_ date: Date) -> String {
        let t = CivilTime(date)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        out.appendZeroPadded(t.year, width: 4)
        out.append(UInt8(ascii: "-"))
        out.appendZeroPadded(t.month, width: 2)
        out.append(UInt8(ascii: "-"))
        out.appendZeroPadded(t.day, width: 2)
        out.append(UInt8(ascii: "T"))
        HTTPDate.appendTime(t, to: &out)
        out.append(UInt8(ascii: "."))
        out.appendZeroPadded(t.millisecond, width: 3)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.f...]Z` (any number of fraction digits, of which the
    /// first three count; `T` and `Z` in either case), or returns `nil`. Offsets other than
    /// `Z` are not accepted.
    public static func parse(_ s: String) -> Date? {
        var scan = DateScanner(s)
        guard let year = scan.number(digits: 4...4), scan.take(UInt8(ascii: "-")),
            let month = scan.number(digits: 2...2), scan.take(UInt8(ascii: "-")),
            let day = scan.number(digits: 2...2), scan.take(UInt8(ascii: "T")) || scan.take(UInt8(ascii: "t")),
            let time = scan.time()
        else { return nil }
        var millisecond = 0
        if scan.take(UInt8(ascii: ".")) {
            let start = scan.position
            guard var value = scan.number(digits: 1...3) else { return nil }
            for _ in (scan.position - start)..<3 { value *= 10 }
            millisecond = value
            // Digits past the millisecond are read and ignored.
            while scan.number(digits: 1...9) != nil {}
        }
        guard scan.take(UInt8(ascii: "Z")) || scan.take(UInt8(ascii: "z")), scan.atEnd else { return nil }
        return CivilTime.date(
            year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2,
            millisecond: millisecond)
    }
}
