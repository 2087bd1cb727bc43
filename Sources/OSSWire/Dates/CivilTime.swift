import Foundation

/// A UTC calendar time broken into fields, with the day-count arithmetic (proleptic
/// Gregorian calendar, the "days from civil" algorithm) that the date formats share.
/// No `DateFormatter`, `Calendar` or locale is involved, so it is fast and
/// locale-independent.
struct CivilTime: Equatable {
    var year: Int
    var month: Int  // 1...12
    var day: Int  // 1...31
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int
    var weekday: Int  // 0 = Sunday

    /// Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years formatting
    /// can represent in four digits. Dates outside are clamped to these bounds.
    static let minSeconds: Int64 = -62_135_596_800
    static let maxSeconds: Int64 = 253_402_300_799

    /// Breaks `date` down, truncating below the millisecond (toward the past) and clamping
    /// to years 1...9999. Non-finite dates clamp to the nearer bound (NaN to 1970).
    ///
    /// The interval is first rounded to the microsecond: a `Date` made from `x.987` seconds
    /// may hold `x.98699999...`, which must still format as `.987`.
    init(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        let millis: Int64
        if seconds.isNaN {
            millis = 0
        } else if seconds <= Double(Self.minSeconds) {
            millis = Self.minSeconds * 1000
        } else if seconds >= Double(Self.maxSeconds + 1) {
            millis = Self.maxSeconds * 1000 + 999
        } else {
            let micros = Int64((seconds * 1_000_000).rounded())
            millis = min(Self.floorDivide(micros, 1000).quotient, Self.maxSeconds * 1000 + 999)
        }
        let (days, msOfDay) = Self.floorDivide(millis, 86_400_000)
        (year, month, day) = Self.civil(fromDays: days)
        hour = Int(msOfDay / 3_600_000)
        minute = Int(msOfDay / 60_000 % 60)
        second = Int(msOfDay / 1000 % 60)
        millisecond = Int(msOfDay % 1000)
        weekday = Int(Self.floorDivide(days + 4, 7).remainder)  // 1970-01-01 was a Thursday
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
        var q = a / b
        var r = a % b
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }

    /// The (year, month, day) of `days` since 1970-01-01.
    static func civil(fromDays days: Int64) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097).quotient
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Days since 1970-01-01 of a valid (year, month, day).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDivide(y, 400).quotient
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The `Date` for the given UTC fields, or `nil` when any is out of range (a second of
    /// 60 is accepted as a leap second and lands on the next minute).
    static func date(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0
    ) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...daysInMonth(year: year, month: month)).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second), (0...999).contains(millisecond)
        else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millisecond) / 1000)
    }

    static let monthNames: [String] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    static let weekdayNames: [String] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let longWeekdayNames: [String] = [
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    ]
}

extension [UInt8] {
    /// Appends the low `width` decimal digits of `value` (>= 0), zero-padded; the callers'
    /// fields always fit their width.
    mutating func appendZeroPadded(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
