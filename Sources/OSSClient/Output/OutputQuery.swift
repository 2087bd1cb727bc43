import Foundation

/// A JMESPath subset for `--output-query`: dotted field paths (`Owner.ID`), quoted names
/// (`"x-oss-meta-a"`), indexes (`[0]`, `[-1]`), list projections (`Contents[*].Key`), object
/// projections (`Buckets.*`) and flattening (`a[].b`).
///
/// Semantics follow JMESPath: a missing field or index gives `null`; after a projection the
/// rest of the expression applies to each element and `null` results are dropped.
public struct OutputQuery: Sendable, Equatable {
    enum Step: Sendable, Equatable {
        case field(String)
        case index(Int)
        case projectArray
        case projectObject
        case flatten
    }

    let steps: [Step]
    /// The expression as written.
    public let expression: String

    /// Parses `expression`.
    ///
    /// - Throws: ``OSSClientError`` (`invalid output query ...`) for anything outside the
    ///   subset (filters, functions, pipes, multi-selects).
    public init(_ expression: String) throws(OSSClientError) {
        self.expression = expression
        var steps: [Step] = []
        let chars = Array(expression.trimmingCharacters(in: .whitespaces))
        var i = 0
        func fail(_ why: String) -> OSSClientError {
            OSSClientError.invalidArgument("invalid output query \(expression): \(why)")
        }
        var expectSegment = true
        while i < chars.count {
            let c = chars[i]
            if c == "[" {
                guard let close = chars[i...].firstIndex(of: "]") else { throw fail("unclosed [") }
                let inside = String(chars[(i + 1)..<close]).trimmingCharacters(in: .whitespaces)
                if inside == "*" {
                    steps.append(.projectArray)
                } else if inside.isEmpty {
                    steps.append(.flatten)
                } else if let n = Int(inside) {
                    steps.append(.index(n))
                } else {
                    throw fail("unsupported [\(inside)]")
                }
                i = close + 1
                expectSegment = false
            } else if c == "." {
                guard !expectSegment else { throw fail("unexpected .") }
                expectSegment = true
                i += 1
            } else if expectSegment, c == "*" {
                steps.append(.projectObject)
                expectSegment = false
                i += 1
            } else if expectSegment, c == "\"" {
                var name = ""
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    name.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw fail("unclosed quote") }
                i += 1
                steps.append(.field(name))
                expectSegment = false
            } else if expectSegment, c.isLetter || c == "_" {
                var name = ""
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" {
                    name.append(chars[i])
                    i += 1
                }
                steps.append(.field(name))
                expectSegment = false
            } else {
                throw fail("unexpected \(c)")
            }
        }
        guard !steps.isEmpty, !expectSegment else {
            throw fail("incomplete expression")
        }
        self.steps = steps
    }

    /// Applies the query to `value`.
    public func apply(to value: OutputValue) -> OutputValue {
        Self.evaluate(steps[...], value)
    }

    private static func evaluate(_ steps: ArraySlice<Step>, _ value: OutputValue) -> OutputValue {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch step {
        case .field(let name):
            guard case .object = value, let child = value[name] else { return .null }
            return evaluate(rest, child)
        case .index(let n):
            guard case .array(let items) = value else { return .null }
            let position = n < 0 ? items.count + n : n
            guard items.indices.contains(position) else { return .null }
            return evaluate(rest, items[position])
        case .projectArray:
            guard case .array(let items) = value else { return .null }
            return project(rest, items)
        case .projectObject:
            guard case .object(let fields) = value else { return .null }
            return project(rest, fields.map(\.value))
        case .flatten:
            guard case .array(let items) = value else { return .null }
            let flat = items.flatMap { item -> [OutputValue] in
                if case .array(let inner) = item { return inner }
                return [item]
            }
            return project(rest, flat)
        }
    }

    private static func project(_ steps: ArraySlice<Step>, _ items: [OutputValue]) -> OutputValue {
        .array(items.map { evaluate(steps, $0) }.filter { $0 != .null })
    }
}
