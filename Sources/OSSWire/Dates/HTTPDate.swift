import Foundation

/// HTTP dates (`Date`, `Last-Modified`, `Expires`, conditional headers, oss-api.md §3.4).
///
/// ``format(_:)`` writes the RFC 1123 form OSS sends, `Tue, 09 Apr 2019 06:50:48 GMT`
/// (two-digit day, English names, GMT), with integer calendar arithmetic and no
/// `DateFormatter`. ``parse(_:)`` accepts the three forms RFC 9110 requires recipients to
/// read.
public enum HTTPDate {
    /// Formats `date` as RFC 1123 GMT, dropping fractional seconds. Dates before year 1 or
    /// after year 9999 are clamped to those years.
    public static func format(_ date: Date) -> String {
        let t = CivilTime(date)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out.append(contentsOf: CivilTime.weekdayNames[t.weekday].utf8)
        out.append(contentsOf: ", ".utf8)
        out.appendZeroPadded(t.day, width: 2)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: CivilTime.monthNames[t.month - 1].utf8)
        out.append(UInt8(ascii: " "))
        out.appendZeroPadded(t.year, width: 4)
        out.append(UInt8(ascii: " "))
        appendTime(t, to: &out)
        out.append(contentsOf: " GMT".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendTime(_ t: CivilTime, to out: inout [UInt8]) {
        out.appendZeroPadded(t.hour, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendZeroPadded(t.minute, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendZeroPadded(t.second, width: 2)
    }

    /// Parses an HTTP date, or returns `nil`.
    ///
    /// Accepted forms (surrounding spaces ignored, names in any case, the weekday must be a
    /// real name but is not checked against the date):
    /// - RFC 1123: `Tue, 09 Apr 2019 06:50:48 GMT` (one-digit day and `UTC` tolerated);
    /// - RFC 850: `Tuesday, 09-Apr-19 06:50:48 GMT` (years 70–99 are 19xx, 00–69 are 20xx);
    /// - asctime: `Tue Apr  9 06:50:48 2019`.
    public static func parse(_ s: String) -> Date? {
        var scan = DateScanner(s)
        _ = scan.spaces()
        let weekday = scan.word().lowercased()
        let isShort = CivilTime.weekdayNames.contains { $0.lowercased() == weekday }
        let isLong = CivilTime.longWeekdayNames.contains { $0.lowercased() == weekday }
        guard isShort || isLong else { return nil }
        let fields: (year: Int, month: Int, day: Int, time: (Int, Int, Int))?
        if scan.take(UInt8(ascii: ",")) {
            guard scan.spaces() >= 1, let day = scan.number(digits: 1...2) else { return nil }
            if scan.take(UInt8(ascii: "-")) {
                fields = rfc850(&scan, day: day)
            } else if isShort, scan.take(UInt8(ascii: " ")) {
                fields = rfc1123(&scan, day: day)
            } else {
                return nil
            }
        } else if isShort {
            fields = asctime(&scan)
        } else {
            return nil
        }
        _ = scan.spaces()
        guard let fields, scan.atEnd else { return nil }
        let (hour, minute, second) = fields.time
        return CivilTime.date(
            year: fields.year, month: fields.month, day: fields.day, hour: hour, minute: minute, second: second)
    }

    private static func rfc1123(_ scan: inout DateScanner, day: Int) -> (Int, Int, Int, (Int, Int, Int))? {
        guard let month = scan.month(), scan.take(UInt8(ascii: " ")), let year = scan.number(digits: 4...4),
            scan.take(UInt8(ascii: " ")), let time = scan.time(), scan.take(UInt8(ascii: " ")),
            isGMT(scan.word())
        else { return nil }
        return (year, month, day, time)
    }

    private static func rfc850(_ scan: inout DateScanner, day: Int) -> (Int, Int, Int, (Int, Int, Int))? {
        guard let month = scan.month(), scan.take(UInt8(ascii: "-")), let yy = scan.number(digits: 2...4),
            scan.take(UInt8(ascii: " ")), let time = scan.time(), scan.take(UInt8(ascii: " ")),
            isGMT(scan.word())
        else { return nil }
        let year = yy >= 100 ? yy : (yy >= 70 ? 1900 + yy : 2000 + yy)
        return (year, month, day, time)
    }

    private static func asctime(_ scan: inout DateScanner) -> (Int, Int, Int, (Int, Int, Int))? {
        guard scan.spaces() >= 1, let month = scan.month(), scan.spaces() >= 1,
            let day = scan.number(digits: 1...2), scan.take(UInt8(ascii: " ")), let time = scan.time(),
            scan.spaces() >= 1, let year = scan.number(digits: 4...4)
        else { return nil }
        return (year, month, day, time)
    }

    private static func isGMT(_ zone: String) -> Bool {
        zone == "GMT" || zone == "UTC"
    }
}
