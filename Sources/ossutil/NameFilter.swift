import Foundation

/// `--include` / `--exclude` rules on the file name (last path component): a name matching
/// an exclude is skipped; when includes are given, a name must match one of them.
/// Patterns are shell globs (`*`, `?`, `[a-z]`).
struct NameFilter {
    var include: [String]
    var exclude: [String]

    /// Whether `path` (a key or relative file path) passes.
    func accepts(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if exclude.contains(where: { Self.matches($0, name) }) { return false }
        if include.isEmpty { return true }
        return include.contains { Self.matches($0, name) }
    }

    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}
