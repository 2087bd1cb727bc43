import Foundation
import OSSClient

/// Reading the complex values of api flags: `file://path` reads a file, `-` reads standard
/// input, anything else is the literal text. Documents may be XML or JSON; JSON (which
/// omits the root element) is converted to XML under the root the operation expects.
enum ApiInput {
    /// The bytes of `value` per the rules above.
    static func bytes(_ value: String) throws -> [UInt8] {
        if value == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        if value.hasPrefix("file://") {
            let path = String(value.dropFirst(7))
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIFailure.client("open \(path): no such file or directory")
            }
            return Array(data)
        }
        return Array(value.utf8)
    }

    /// A request body for uploads: files and standard input stream, literals are sent as is.
    static func body(_ value: String?) throws -> OSSRequestBody {
        guard let value else { return .empty }
        if value == "-" { return .standardInput }
        if value.hasPrefix("file://") {
            let path = String(value.dropFirst(7))
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw CLIFailure.client("open \(path): no such file or directory")
            }
            return .file(path: path)
        }
        return .bytes(Array(value.utf8))
    }

    /// An XML request document from `value`: XML is passed through, JSON becomes XML with
    /// root element `root` (object keys sorted, arrays repeat their element).
    static func document(_ value: String, root: String) throws -> [UInt8] {
        let bytes = try bytes(value)
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("{") else { return bytes }
        let parsed: JSONValue
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw CLIFailure.usage("invalid JSON for --\(kebab(root)): \(error.localizedDescription)")
        }
        return Array(parsed.outputValue.xml(root: root).utf8)
    }

    /// `CreateBucketConfiguration` → `create-bucket-configuration`.
    static func kebab(_ name: String) -> String {
        var out = ""
        for (index, character) in name.enumerated() {
            if character.isUppercase, index > 0 { out += "-" }
            out += character.lowercased()
        }
        return out
    }

    /// `x-oss-meta-*` headers from `--metadata k=v` values (a bare key gets the prefix; a
    /// value may also hold a comma-separated list).
    static func metadataHeaders(_ values: [String]) throws -> [(name: String, value: String)] {
        try values.map { item in
            guard let equals = item.firstIndex(of: "=") else {
                throw CLIFailure.usage("invalid --metadata \(item): expected key=value")
            }
            var key = String(item[..<equals]).lowercased()
            if !key.hasPrefix("x-oss-meta-") { key = "x-oss-meta-" + key }
            return (key, String(item[item.index(after: equals)...]))
        }
    }
}

/// Any JSON value, decoded with booleans kept apart from numbers.
enum JSONValue: Decodable {
    case string(String), number(String), bool(Bool), null, array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var object: [String: JSONValue] = [:]
            for key in container.allKeys { object[key.stringValue] = try container.decode(JSONValue.self, forKey: key) }
            self = .object(object)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !container.isAtEnd { items.append(try container.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let whole = try? single.decode(Int64.self) {
            self = .number(String(whole))
        } else if let real = try? single.decode(Double.self) {
            self = .number(String(real))
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// The value as an output tree with string leaves and sorted keys.
    var outputValue: OutputValue {
        switch self {
        case .string(let text), .number(let text): return .string(text)
        case .bool(let flag): return .string(flag ? "true" : "false")
        case .null: return .string("")
        case .array(let items): return .array(items.map(\.outputValue))
        case .object(let fields):
            return .object(fields.keys.sorted().map { OutputValue.Field($0, fields[$0]!.outputValue) })
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
