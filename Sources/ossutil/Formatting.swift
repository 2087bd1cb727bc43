import Foundation

/// Text layouts shared by the high-level commands.
enum Formatting {
    /// Go's `2006-01-02 15:04:05 -0700 MST` in the local time zone (`UTC` when the zone is UTC).
    static func localTime(_ date: Date) -> String {
        let zone = TimeZone.current
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
        let offset = zone.secondsFromGMT(for: date)
        var abbreviation = zone.abbreviation(for: date) ?? "UTC"
        if offset == 0, ["GMT", "UTC", "GMT+0", "GMT+00:00"].contains(abbreviation) { abbreviation = "UTC" }
        return formatter.string(from: date) + " " + abbreviation
    }

    /// `12 B`, `1.50 KiB`, `2.00 GiB` (binary units, two decimals above bytes).
    static func size(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(Int64(value)) B" : String(format: "%.2f %@", value, units[unit])
    }

    /// `1 file` / `2 files`.
    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    /// Parses `15m`, `1h`, `30s`, `7d`, `1w` or plain seconds into seconds.
    static func duration(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800]
        if let last = text.last, let factor = units[last] { return Double(text.dropLast()).map { $0 * factor } }
        if text.hasSuffix("ms") { return Double(text.dropLast(2)).map { $0 / 1000 } }
        return Double(text)
    }
}
