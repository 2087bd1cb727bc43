import Foundation

/// An ossutil configuration file (`~/.ossutilconfig`): INI with `[default]`,
/// `[profile NAME]`, `[buckets NAME]` and the 1.x `[Credentials]` sections.
///
/// Reading: section names and keys are case-insensitive and a key may be spelled in
/// lowercase, camelCase, kebab-case or snake_case (`accessKeyId` = `access-key-id` =
/// `access_key_id`); `#` and `;` start comment lines; spaces around `=` are ignored and one
/// pair of surrounding double or single quotes is removed from a value. Indented lines (the
/// nested blocks of `[buckets]` sections) are skipped.
///
/// Editing (``set(_:_:profile:)``) rewrites only the touched line, so comments and other
/// sections survive.
public struct ConfigFile: Sendable, Equatable {
    /// The file's lines, as read or as edited.
    public private(set) var lines: [String]

    /// Parses `text`; never fails (unreadable lines are ignored).
    public init(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// The file content, ending with a newline.
    public var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

    /// A key in comparable form: lower case without `-` and `_`.
    public static func normalize(_ key: String) -> String {
        key.lowercased().filter { $0 != "-" && $0 != "_" }
    }

    /// The profile a section header names: `default` for `[default]` and
    /// `[profile default]`, `NAME` for `[profile NAME]`, `nil` for other sections.
    static func profileName(ofHeader header: String) -> String? {
        let words = header.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 1, words[0].lowercased() == "default" { return "default" }
        if words.count == 2, words[0].lowercased() == "profile" { return String(words[1]) }
        return nil
    }

    /// Parses `[name]` into `name`, or `nil` when `line` is not a section header.
    static func header(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]"), trimmed.count >= 2 else { return nil }
        return String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }

    /// Splits `key = value`, removing one pair of quotes around the value.
    static func entry(_ line: String) -> (key: String, value: String)? {
        guard let first = line.first, first != " ", first != "\t", first != "#", first != ";",
            let equals = line.firstIndex(of: "=")
        else { return nil }
        let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
            value = String(value.dropFirst().dropLast())
        }
        return key.isEmpty ? nil : (key, value)
    }

    /// The raw entries of every section, keys normalized, keyed by the section header.
    private var sections: [(header: String, entries: [String: String])] {
        var result: [(header: String, entries: [String: String])] = []
        for line in lines {
            if let header = Self.header(line) {
                result.append((header, [:]))
            } else if let entry = Self.entry(line), !result.isEmpty {
                result[result.count - 1].entries[Self.normalize(entry.key)] = entry.value
            }
        }
        return result
    }

    /// Profile names in file order (`default` for `[default]`), without duplicates.
    public var profileNames: [String] {
        var seen: [String] = []
        for section in sections {
            if let name = Self.profileName(ofHeader: section.header), !seen.contains(name) { seen.append(name) }
        }
        return seen
    }

    /// Whether the file has a section for `profile`.
    public func hasProfile(_ profile: String) -> Bool { profileNames.contains(profile) }

    /// The settings of `profile`, normalized keys, after `source-profile` inheritance (the
    /// profile's own keys win; cycles are cut). For `default`, the 1.x `[Credentials]`
    /// section fills keys the profile lacks.
    public func settings(profile: String) -> [String: String] {
        var result: [String: String] = [:]
        var visited: Set<String> = []
        var next: String? = profile
        while let name = next, !visited.contains(name) {
            visited.insert(name)
            let own = ownSettings(profile: name)
            result.merge(own) { current, _ in current }
            next = own["sourceprofile"]
        }
        if profile == "default" {
            for section in sections where section.header.lowercased() == "credentials" {
                result.merge(section.entries) { current, _ in current }
            }
        }
        return result
    }

    private func ownSettings(profile: String) -> [String: String] {
        var result: [String: String] = [:]
        for section in sections where Self.profileName(ofHeader: section.header) == profile {
            result.merge(section.entries) { _, new in new }
        }
        return result
    }

    /// Sets `key` to `value` in `profile`'s section (created at the end when missing); an
    /// empty `value` deletes the key. An existing line with the same normalized key is
    /// replaced in place, keeping its spelling.
    public mutating func set(_ key: String, _ value: String, profile: String) {
        let wanted = Self.normalize(key)
        var inSection = false
        var sectionEnd: Int?
        for index in lines.indices {
            if let header = Self.header(lines[index]) {
                if inSection { break }
                inSection = Self.profileName(ofHeader: header) == profile
                if inSection { sectionEnd = index + 1 }
                continue
            }
            guard inSection else { continue }
            if let entry = Self.entry(lines[index]), Self.normalize(entry.key) == wanted {
                if value.isEmpty {
                    lines.remove(at: index)
                } else {
                    lines[index] = entry.key + " = " + value
                }
                return
            }
            if !lines[index].trimmingCharacters(in: .whitespaces).isEmpty { sectionEnd = index + 1 }
        }
        guard !value.isEmpty else { return }
        if let end = sectionEnd {
            lines.insert(key + " = " + value, at: end)
        } else {
            if let last = lines.last, !last.trimmingCharacters(in: .whitespaces).isEmpty { lines.append("") }
            lines.append(profile == "default" ? "[default]" : "[profile \(profile)]")
            lines.append(key + " = " + value)
        }
    }
}
