import Foundation
import OSSClient
import OSSWire

/// How api results are printed (ossutil-cli.md §5.5 and docs/ossutil.md):
/// * XML bodies: `raw` and `xml` pretty-print the document (2-space indent, prolog);
///   `json`/`yaml` convert it with the root dropped and string leaves.
/// * Header-only results (get-symlink, head-object, get-object-meta): `raw` prints sorted
///   `Name : value` lines; the other formats convert the same header object.
/// * `--output-query` converts first, filters, then prints (`raw` prints JSON then).
enum ApiOutput {
    /// Headers that vary per request and say nothing about the resource.
    static let hiddenHeaders: Set<String> = ["connection", "date", "server", "x-oss-request-id", "x-oss-server-time"]

    /// Prints an XML response body per the format and query.
    static func printXML(_ response: OSSResponse, _ context: CommandContext) throws {
        guard !response.body.isEmpty else { return }
        guard let root = try? XMLDocumentParser.parse(response.body, maxBytes: 64 << 20) else {
            context.out(response.text)
            return
        }
        if context.query == nil, context.format == .raw || context.format == .xml {
            context.out(OutputValue.prettyXML(root))
            return
        }
        printValue(OutputValue(xmlContentOf: root), context, xmlRoot: root.name)
    }

    /// Prints the interesting headers of a header-only result.
    static func printHeaders(_ response: OSSResponse, _ context: CommandContext) {
        let pairs = displayHeaders(response)
        if context.query == nil, context.format == .raw {
            context.out(keyValueLines(pairs))
            return
        }
        printValue(.object(pairs.map { OutputValue.Field($0.name, .string($0.value)) }), context, xmlRoot: "root")
    }

    /// Response headers in Go canonical case, sorted, without per-request noise; the
    /// symlink target is shown decoded.
    static func displayHeaders(_ response: OSSResponse) -> [(name: String, value: String)] {
        response.headers.filter { !hiddenHeaders.contains($0.name.lowercased()) }.map { header in
            var value = header.value
            if header.name.lowercased() == "x-oss-symlink-target" {
                value = PercentEncoding.decode(value, plusAsSpace: false) ?? value
            }
            return (canonicalName(header.name), value)
        }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// Prints a converted value in the chosen format, after the query.
    static func printValue(_ value: OutputValue, _ context: CommandContext, xmlRoot: String) {
        var value = value
        var root = xmlRoot
        if let query = context.query {
            value = query.apply(to: value)
            root = "root"
        }
        switch context.format {
        case .raw, .json: context.out(value.json() + "\n")
        case .yaml: context.out(value.yaml())
        case .xml: context.out(value.xml(root: root))
        }
    }

    /// `Name<pad>: value` lines, names padded to the longest plus two (ossutil stat layout).
    static func keyValueLines(_ pairs: [(name: String, value: String)]) -> String {
        let width = (pairs.map(\.name.count).max() ?? 0) + 2
        return pairs.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + ": " + $0.value + "\n" }
            .joined()
    }

    /// Go's canonical MIME header case: `x-oss-object-type` → `X-Oss-Object-Type`,
    /// `ETag` → `Etag`.
    static func canonicalName(_ name: String) -> String {
        var out = ""
        var upper = true
        for character in name {
            out += upper ? character.uppercased() : character.lowercased()
            upper = character == "-"
        }
        return out
    }
}
