import FuzzSupport
import OSSModel
import OSSWire

/// Feeds the bytes to `XMLDocumentParser` (the parser of every XML request body) with the
/// server's limits and with small ones, and checks what it returns.
enum FuzzXML {
    static let smallDepth = 4
    static let smallNodes = 12

    static func run(_ bytes: [UInt8]) {
        let full = parse(bytes, maxDepth: 32, maxNodes: 100_000)
        let small = parse(bytes, maxDepth: smallDepth, maxNodes: smallNodes)
        if let small {
            // Tighter limits only remove documents: what passes them passes the defaults, unchanged.
            FuzzCheck.require(full == small, "document accepted under small limits but not equal under default ones")
        }
        if let full {
            // A parsed document serialises and parses back to itself.
            var writer = XMLWriter()
            write(full, into: &writer)
            let again = parse(writer.bytes, maxDepth: 32, maxNodes: 100_000)
            FuzzCheck.require(again == written(full), "written document does not parse back to the same tree")
        }
    }

    /// Parses with the given limits and checks the result against them.
    static func parse(_ bytes: [UInt8], maxDepth: Int, maxNodes: Int) -> XMLNode? {
        do {
            let root = try XMLDocumentParser.parse(bytes, maxDepth: maxDepth, maxNodes: maxNodes)
            var nodes = 0
            var deepest = 0
            measure(root, depth: 1, nodes: &nodes, deepest: &deepest)
            FuzzCheck.require(deepest <= maxDepth, "depth \(deepest) above the limit \(maxDepth)")
            FuzzCheck.require(nodes <= maxNodes, "\(nodes) elements above the limit \(maxNodes)")
            return root
        } catch {
            FuzzCheck.require(
                error.code == "MalformedXML" && error.status == 400, "parser threw \(error.code) \(error.status)")
            return nil
        }
    }

    /// Counts elements, finds the deepest, and checks each node's own invariants.
    static func measure(_ node: XMLNode, depth: Int, nodes: inout Int, deepest: inout Int) {
        nodes += 1
        deepest = max(deepest, depth)
        FuzzCheck.require(!node.name.isEmpty, "element without a name")
        FuzzCheck.require(!node.text.utf8.contains(0x0D), "text keeps a carriage return")
        let names = node.attributes.map(\.name)
        FuzzCheck.require(Set(names).count == names.count, "duplicate attribute accepted")
        for child in node.children {
            measure(child, depth: depth + 1, nodes: &nodes, deepest: &deepest)
        }
    }

    /// `node` as the writer renders it: no attributes, and C0 controls other than tab and
    /// line feed (which the parser accepts, as OSS does) replaced by U+FFFD.
    static func written(_ node: XMLNode) -> XMLNode {
        let text = String(
            String.UnicodeScalarView(
                node.text.unicodeScalars.map { $0.value < 0x20 && $0 != "\t" && $0 != "\n" ? "\u{FFFD}" : $0 }))
        return XMLNode(name: node.name, children: node.children.map(written), text: text)
    }

    /// Writes `node` back as XML with the server's writer (attributes are not written, so
    /// they are dropped before comparing).
    static func write(_ node: XMLNode, into writer: inout XMLWriter) {
        writer.open(node.name)
        writer.appendEscaped(node.text)
        for child in node.children { write(child, into: &writer) }
        writer.close(node.name)
    }
}
