import Foundation
import OSSModel
import Testing

@testable import OSSWire

/// One request signed by an official SDK, recorded by `Vectors/generate_vectors.py`.
struct SDKVector: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var sdk: String
    var version: String
    var presigned: Bool
    var method: String
    var bucket: String?
    var key: String?
    var path: String
    var rawQuery: String
    var headers: [[String]]
    var accessKeyId: String
    var secret: String
    var region: String
    var securityToken: String?
    var additionalHeaders: [String]
    var now: Int
    var expiresAt: Int?
    var expectedAuthorization: String?

    var testDescription: String { name }

    var request: SigningRequest {
        SigningRequest(
            method: method, bucket: bucket, key: key, rawQuery: rawQuery,
            headers: headers.map { (name: $0[0], value: $0[1]) })
    }

    var signedAt: Date { Date(timeIntervalSince1970: TimeInterval(now)) }

    var expectedVersion: SignatureVersion {
        switch version {
        case "v1": .v1
        case "v2": .v2
        default: .v4
        }
    }

    private struct File: Decodable {
        var vectors: [SDKVector]
    }

    static let all: [SDKVector] = {
        guard let url = Bundle.module.url(forResource: "sdk-signatures", withExtension: "json", subdirectory: "Vectors"),
            let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.vectors
    }()

    static var headerSigned: [SDKVector] { all.filter { !$0.presigned } }
    static var presignedURLs: [SDKVector] { all.filter(\.presigned) }
}

/// Runs `body` and returns the `OSSError` it threw, or `nil`.
func signingError(_ body: () throws -> Void) -> OSSError? {
    do {
        try body()
        return nil
    } catch let error as OSSError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

/// `inspect` then `verify`, as the server does.
func authenticate(_ request: SigningRequest, secret: String, now: Date) throws(OSSError) -> SignedRequestInfo? {
    switch try SignatureVerifier.inspect(request, now: now) {
    case .anonymous:
        return nil
    case .signed(let info):
        try SignatureVerifier.verify(request, info, secret: secret)
        return info
    }
}

extension SigningRequest {
    /// A copy whose headers called `name` (any case) are replaced by one `name: value`, or
    /// removed when `value` is nil.
    func settingHeader(_ name: String, _ value: String?) -> SigningRequest {
        var copy = self
        copy.headers.removeAll { $0.name.lowercased() == name.lowercased() }
        if let value { copy.headers.append((name: name, value: value)) }
        return copy
    }

    /// A copy without the raw query items whose names are in `names`.
    func removingQueryItems(_ names: Set<String>) -> SigningRequest {
        var copy = self
        copy.rawQuery = rawQuery.split(separator: "&").filter { item in
            let name = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return !names.contains(String(name))
        }.joined(separator: "&")
        return copy
    }

    /// The decoded value of a query parameter.
    func queryValue(_ name: String) -> String? {
        for item in rawQuery.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name {
                return parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
        }
        return nil
    }
}

extension Array where Element == (name: String, value: String) {
    func value(_ name: String) -> String? {
        first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
