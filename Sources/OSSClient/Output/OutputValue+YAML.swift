extension OutputValue {
    /// Block YAML with 4-space nesting; a string is quoted when plain YAML would read it
    /// as something else (numbers, booleans, null, leading indicators, `: `, ` #`, empty).
    public func yaml() -> String {
        guard isNonEmptyContainer else { return Self.yamlScalar(self) + "\n" }
        return Self.yamlLines(self, indent: 0).joined(separator: "\n") + "\n"
    }

    private static func yamlLines(_ value: OutputValue, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let fields):
            var lines: [String] = []
            for field in fields {
                let key = yamlString(field.key)
                switch field.value {
                case .object(let inner) where !inner.isEmpty:
                    lines.append(pad + key + ":")
                    lines += yamlLines(field.value, indent: indent + 4)
                case .array(let items) where !items.isEmpty:
                    lines.append(pad + key + ":")
                    lines += yamlLines(field.value, indent: indent + 4)
                default:
                    lines.append(pad + key + ": " + yamlScalar(field.value))
                }
            }
            return lines
        case .array(let items):
            var lines: [String] = []
            for item in items {
                if item.isNonEmptyContainer {
                    var nested = yamlLines(item, indent: indent + 2)
                    nested[0] = pad + "- " + nested[0].dropFirst(indent + 2)
                    lines += nested
                } else {
                    lines.append(pad + "- " + yamlScalar(item))
                }
            }
            return lines
        default:
            return [pad + yamlScalar(value)]
        }
    }

    var isNonEmptyContainer: Bool {
        switch self {
        case .object(let fields): return !fields.isEmpty
        case .array(let items): return !items.isEmpty
        default: return false
        }
    }

    private static func yamlScalar(_ value: OutputValue) -> String {
        switch value {
        case .string(let text): return yamlString(text)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    static func yamlString(_ text: String) -> String {
        if text.isEmpty { return "\"\"" }
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let looksNumeric = Double(text) != nil || text.hasPrefix("0x")
        let indicators: Set<Character> = [
            "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", " ",
        ]
        let needsQuotes =
            looksNumeric || reserved.contains(text.lowercased()) || indicators.contains(text.first!)
            || text.last == " " || text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
            || text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{7F}" }
        return needsQuotes ? jsonQuoted(text) : text
    }
}
