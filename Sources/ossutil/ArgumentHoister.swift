/// Rewrites argv so that global flags written before the command (or between `api` and
/// its operation) come after it, where swift-argument-parser accepts them:
/// `ossutil -e URL api --region r put-symlink ...` → `ossutil api put-symlink ... -e URL --region r`.
enum ArgumentHoister {
    /// Long global flags that take a value.
    static let valued: Set<String> = [
        "access-key-id", "access-key-secret", "sts-token", "mode", "config-file", "profile", "endpoint", "region",
        "sign-version", "addressing-style", "output-format", "output-query", "loglevel", "log-file", "retry-times",
        "connect-timeout", "read-timeout", "proxy", "language", "user-agent",
    ]
    /// Long global boolean flags.
    static let boolean: Set<String> = ["dry-run", "quiet", "skip-verify-cert", "ignore-env-var"]
    /// Short global flags that take a value, and boolean ones.
    static let valuedShort: Set<Character> = ["i", "k", "t", "c", "e"]
    static let booleanShort: Set<Character> = ["n", "q"]
    /// Commands whose next word is a subcommand.
    static let groups: [String: Set<String>] = [
        "api": [], "config": ["set", "get", "list-profiles", "credential"],
    ]

    /// Returns `arguments` (without the program name) with leading global flags moved behind
    /// the command words; everything else keeps its order.
    static func hoist(_ arguments: [String]) -> [String] {
        var moved: [String] = []
        var kept: [String] = []
        var words = 0
        var wordsNeeded = 1
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            if words >= wordsNeeded || token == "--" {
                kept += arguments[index...]
                break
            }
            if let width = globalFlagWidth(token, next: index + 1 < arguments.count) {
                moved += arguments[index..<(index + width)]
                index += width
                continue
            }
            if !token.hasPrefix("-") {
                words += 1
                if words == 1, let subcommands = groups[token] {
                    let next = arguments[(index + 1)...].first { !$0.hasPrefix("-") }
                    if subcommands.isEmpty || next.map(subcommands.contains) == true { wordsNeeded = 2 }
                }
            }
            kept.append(token)
            index += 1
        }
        guard !moved.isEmpty else { return arguments }
        if let dashes = kept.firstIndex(of: "--") {
            kept.insert(contentsOf: moved, at: dashes)
            return kept
        }
        return kept + moved
    }

    /// How many tokens the global flag at `token` spans (1 or 2), or `nil` when it is not one.
    private static func globalFlagWidth(_ token: String, next: Bool) -> Int? {
        if token.hasPrefix("--") {
            let body = token.dropFirst(2)
            if body.contains("=") {
                let name = String(body.prefix { $0 != "=" })
                return valued.contains(name) ? 1 : nil
            }
            if valued.contains(String(body)) { return next ? 2 : 1 }
            return boolean.contains(String(body)) ? 1 : nil
        }
        guard token.hasPrefix("-"), token.count >= 2 else { return nil }
        let letters = Array(token.dropFirst())
        if letters.count == 1 {
            if valuedShort.contains(letters[0]) { return next ? 2 : 1 }
            return booleanShort.contains(letters[0]) ? 1 : nil
        }
        if valuedShort.contains(letters[0]) { return 1 }  // -ehttp://... or -e=...
        return letters.allSatisfy(booleanShort.contains) ? 1 : nil
    }
}
