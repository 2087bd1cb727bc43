import Foundation

import OSSWire

extension OutputValue {
    /// An XML document with the `<?xml ...?>` prolog whose root element `root` holds this
    /// value: object keys become elements, arrays repeat their element name, 2-space indent.
    public func xml(root: String = "root") -> String {
        var lines = [XMLWriter.declaration.trimmingCharacters(in: .newlines)]
        Self.xmlLines(root, self, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func xmlLines(_ name: String, _ value: OutputValue, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .array(let items):
            for item in items { xmlLines(name, item, indent: indent, into: &lines) }
        case .object(let fields) where !fields.isEmpty:
            lines.append(pad + "<\(name)>")
            for field in fields { xmlLines(field.key, field.value, indent: indent + 1, into: &lines) }
            lines.append(pad + "</\(name)>")
        case .object:
            lines.append(pad + "<\(name)></\(name)>")
        case .string(let text), .number(let text):
            lines.append(pad + "<\(name)>" + escapeXML(text) + "</\(name)>")
        case .bool(let flag):
            lines.append(pad + "<\(name)>\(flag)</\(name)>")
        case .null:
            lines.append(pad + "<\(name)></\(name)>")
        }
    }

    /// Pretty-prints a parsed document: prolog, 2-space indent, one element per line, text
    /// of leaf elements kept exactly.
    public static func prettyXML(_ node: XMLNode) -> String {
        var lines = [XMLWriter.declaration.trimmingCharacters(in: .newlines)]
        prettyLines(node, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func prettyLines(_ node: XMLNode, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: indent)
        guard !node.children.isEmpty else {
            lines.append(pad + "<\(node.name)>" + escapeXML(node.text) + "</\(node.name)>")
            return
        }
        lines.append(pad + "<\(node.name)>")
        for child in node.children { prettyLines(child, indent: indent + 1, into: &lines) }
        lines.append(pad + "</\(node.name)>")
    }

    static func escapeXML(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#xD;"
            default: out.append(character)
            }
        }
        return out
    }
}
