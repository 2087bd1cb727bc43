/// A failed expectation inside a shared conformance check; the test that runs the check
/// reports it with its description.
public struct ConformanceFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String, file: StaticString = #fileID, line: UInt = #line) {
        self.description = "\(file):\(line): \(description)"
    }
}

/// Throws unless `actual == expected`.
public func require<T: Equatable>(
    _ actual: T, equals expected: T, _ what: String = "", file: StaticString = #fileID, line: UInt = #line
) throws {
    guard actual == expected else {
        throw ConformanceFailure("\(what): expected \(expected), got \(actual)", file: file, line: line)
    }
}

/// Throws unless `condition` holds.
public func require(_ condition: Bool, _ what: String, file: StaticString = #fileID, line: UInt = #line) throws {
    guard condition else { throw ConformanceFailure(what, file: file, line: line) }
}

/// Throws unless `body` throws an `OSSError` with `code`.
public func requireOSSError(
    _ code: String, file: StaticString = #fileID, line: UInt = #line, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let error as OSSErrorLike {
        guard error.ossCode == code else {
            throw ConformanceFailure("expected \(code), got \(error.ossCode)", file: file, line: line)
        }
        return
    }
    throw ConformanceFailure("expected \(code), nothing was thrown", file: file, line: line)
}
